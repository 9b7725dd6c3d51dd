package dev.bulwark.image;

import dev.bulwark.image.source.ImageLimits;
import static dev.bulwark.image.TestImages.Entry.file;
import static dev.bulwark.image.TestImages.Entry.symlink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.bulwark.image.pkg.BerkeleyDbHash;
import dev.bulwark.sbom.Package;
import dev.bulwark.image.pkg.RpmDatabase;
import dev.bulwark.image.pkg.RpmHeader;
import dev.bulwark.sbom.Sbom;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RPM databases in both formats Bulwark reads, made by the real tools (see {@link RpmFixture}):
 * what Bulwark lists must be exactly what {@code rpm -qa} lists.
 */
class RpmPackagesTest {
  @TempDir static Path work;
  @TempDir Path tmp;
  private static RpmFixture rpms;
  private static Path all;
  private static Path helloOnly;
  private static Set<String> expected;

  @BeforeAll
  static void build() throws Exception {
    rpms = RpmFixture.build(work);
    all = rpms.sqliteDb("db-all", rpms.packages("bw-"));
    helloOnly = rpms.sqliteDb("db-hello", rpms.packages("bw-hello"));
    expected = rpms.rpmQueryAll(all, "sqlite");
  }

  /** Bulwark's packages in the same shape as {@link RpmFixture#QUERY_FORMAT}. */
  private static Set<String> lines(List<RpmHeader.Package> packages) {
    return packages.stream().map(p -> String.join("\t", p.name(), p.evr(), p.arch(), p.sourceRpm(), p.license())).collect(Collectors.toSet());
  }

  @Test
  void sqlite_equalsRpmQueryAll() throws Exception {
    assertThat(expected).hasSize(44).contains("bw-hello\t2:1.2.3-4.el9\tnoarch\tbw-hello-1.2.3-4.el9.src.rpm\tMIT and BSD",
        "bw-tools\t0.9-1\tx86_64\tbw-suite-0.9-1.src.rpm\tApache-2.0", "bw-big\t1.0~rc1-0.1.fc41\tnoarch\tbw-big-1.0~rc1-0.1.fc41.src.rpm\tGPL-2.0-or-later");
    Set<String> before = stagingDirs();
    List<RpmHeader.Package> read = RpmDatabase.read(RpmDatabase.Format.SQLITE, Files.readAllBytes(all.resolve("rpmdb.sqlite")), null);
    assertThat(lines(read)).isEqualTo(expected);
    assertThat(stagingDirs()).as("the staged copy (and the driver's native library) are removed").isEqualTo(before);
  }

  /** Bulwark's SQLite staging directories in the temporary directory. */
  static Set<String> stagingDirs() throws java.io.IOException {
    try (var list = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("bulwark-rpmdb") || n.startsWith("bulwark-sqlite") || n.startsWith("sqlite-"))
          .collect(Collectors.toSet());
    }
  }

  @Test
  void berkeleyDb_inEveryLayout_equalsRpmQueryAll() throws Exception {
    // default pages; 512-byte pages (headers span many overflow pages, many buckets); big-endian
    for (String[] config : List.of(new String[0], new String[] {"db_pagesize=512"}, new String[] {"db_lorder=4321"})) {
      Path dir = rpms.berkeleyDb("bdb-" + String.join("-", config).replace('=', '_'), all, config);
      assertThat(rpms.rpmQueryAll(dir, "bdb_ro")).as("rpm's own BerkeleyDB reader on %s", List.of(config)).isEqualTo(expected);
      List<RpmHeader.Package> read = RpmDatabase.read(RpmDatabase.Format.BERKELEY_DB, Files.readAllBytes(dir.resolve("Packages")), null);
      assertThat(lines(read)).as("Bulwark on %s", List.of(config)).isEqualTo(expected);
    }
  }

  @Test
  void sqlite_writeAheadLog_isReplayed() throws Exception {
    // A transaction committed to the log but not yet checkpointed into the database file:
    // copy both files while the writer still holds them open.
    Path db = tmp.resolve("rpmdb.sqlite");
    Files.copy(helloOnly.resolve("rpmdb.sqlite"), db);
    byte[] extra = RpmFixture.headers(all.resolve("rpmdb.sqlite")).stream()
        .filter(h -> RpmHeader.parse(h.blob()).orElseThrow().name().equals("bw-tools")).findFirst().orElseThrow().blob();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA wal_autocheckpoint=0");
      }
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO Packages (blob) VALUES (?)")) {
        ins.setBytes(1, extra);
        ins.executeUpdate();
      }
      byte[] main = Files.readAllBytes(db);
      byte[] wal = Files.readAllBytes(tmp.resolve("rpmdb.sqlite-wal"));
      assertThat(wal).isNotEmpty();
      assertThat(RpmDatabase.read(RpmDatabase.Format.SQLITE, main, null)).extracting(RpmHeader.Package::name).containsExactly("bw-hello");
      assertThat(RpmDatabase.read(RpmDatabase.Format.SQLITE, main, wal)).extracting(RpmHeader.Package::name)
          .containsExactly("bw-hello", "bw-tools");
    }
  }

  @Test
  void image_attributesLayers_buildsPurls_andReadsLinkedDirectoryOnce() throws Exception {
    byte[] first = Files.readAllBytes(helloOnly.resolve("rpmdb.sqlite"));
    byte[] second = Files.readAllBytes(all.resolve("rpmdb.sqlite"));
    TestImages.Builder b = new TestImages.Builder()
        .layer(file("etc/os-release", "NAME=\"Red Hat Enterprise Linux\"\nID=\"rhel\"\nVERSION_ID=\"9.4\"\n"),
            symlink("var/lib/rpm", "../../usr/lib/sysimage/rpm"), file("usr/lib/sysimage/rpm/rpmdb.sqlite", first))
        .layer(file("usr/lib/sysimage/rpm/rpmdb.sqlite", second));
    Sbom sbom = Image.open(TestImages.writeDir(b.oci(), tmp.resolve("img")), "linux/amd64", ImageLimits.DEFAULT).sbom("ubi");
    assertThat(sbom.gaps()).isEmpty();
    assertThat(sbom.packages()).hasSize(44).allSatisfy(p -> assertThat(p.location().path()).isEqualTo("usr/lib/sysimage/rpm/rpmdb.sqlite"));
    Package hello = sbom.packages().stream().filter(p -> p.name().equals("bw-hello")).findFirst().orElseThrow();
    assertThat(hello).extracting((Package p) -> p.ecosystem().displayName(), Package::version, (Package p) -> p.location().layer(), Package::source,
        Package::sourceVersion, Package::license).containsExactly("rpm", "2:1.2.3-4.el9", 0, "bw-hello", "2:1.2.3-4.el9", "MIT and BSD");
    assertThat(hello.purlString())
        .isEqualTo("pkg:rpm/redhat/bw-hello@1.2.3-4.el9?arch=noarch&distro=rhel-9.4&epoch=2&upstream=bw-hello-1.2.3-4.el9.src.rpm");
    assertThat(sbom.packages()).filteredOn(p -> p.name().equals("bw-tools"))
        .extracting((Package p) -> p.location().layer(), Package::source, Package::sourceVersion, Package::purlString)
        .containsExactly(tuple(1, "bw-suite", "0.9-1",
            "pkg:rpm/redhat/bw-tools@0.9-1?arch=x86_64&distro=rhel-9.4&upstream=bw-suite-0.9-1.src.rpm"));
  }

  @Test
  void image_centos7StyleBerkeleyDb() throws Exception {
    Path dir = rpms.berkeleyDb("bdb-image", all);
    TestImages.Builder b = new TestImages.Builder().layer(file("etc/os-release", "ID=\"centos\"\nVERSION_ID=\"7\"\n"),
        file("var/lib/rpm/Packages", Files.readAllBytes(dir.resolve("Packages"))));
    Sbom sbom = Image.open(TestImages.writeDir(b.oci(), tmp.resolve("img")), "linux/amd64", ImageLimits.DEFAULT).sbom("c7");
    assertThat(sbom.gaps()).isEmpty();
    assertThat(sbom.packages()).hasSize(44).extracting(Package::purlString)
        .contains("pkg:rpm/centos/bw-big@1.0~rc1-0.1.fc41?arch=noarch&distro=centos-7&upstream=bw-big-1.0~rc1-0.1.fc41.src.rpm");
  }

  @Test
  void damagedDatabases_areGaps_withTheReason() throws Exception {
    byte[] bdb = Files.readAllBytes(rpms.berkeleyDb("bdb-damaged", all, "db_pagesize=512").resolve("Packages"));
    ByteBuffer pages = ByteBuffer.wrap(bdb).order(ByteOrder.LITTLE_ENDIAN);
    // point the first overflow page's next_pgno at itself: a loop that must be refused, not followed
    // (the value's recorded length stops it at the second visit)
    for (int page = 512; page < bdb.length; page += 512) {
      if (bdb[page + 25] == 7) {
        pages.putInt(page + 16, page / 512);
        break;
      }
    }
    assertThatThrownBy(() -> BerkeleyDbHash.values(bdb)).isInstanceOf(BerkeleyDbHash.FormatException.class).hasMessageContaining("overflow");
    TestImages.Builder b = new TestImages.Builder().layer(file("var/lib/rpm/Packages", bdb),
        file("usr/lib/sysimage/rpm/rpmdb.sqlite", "this is not a database, only text that is long enough to look like one ".repeat(20)),
        file("usr/share/rpm/Packages.db", "NDB"));
    Sbom sbom = Image.open(TestImages.writeDir(b.oci(), tmp.resolve("img")), "linux/amd64", ImageLimits.DEFAULT).sbom("broken");
    assertThat(sbom.packages()).isEmpty();
    assertThat(sbom.gaps()).satisfiesExactlyInAnyOrder(
        g -> assertThat(g).contains("/var/lib/rpm/Packages", "BerkeleyDB", "could not be read", "overflow page"),
        g -> assertThat(g).contains("/usr/lib/sysimage/rpm/rpmdb.sqlite", "SQLite", "could not be read", "not a database"),
        g -> assertThat(g).contains("/usr/share/rpm/Packages.db", "NDB", "not read yet"));
  }

  @Test
  void importedSigningKeys_areNotPackages() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(dev.bulwark.image.testing.LocalRegistry.onPath("gpg"),
        "skipped: needs gpg (Debian package gnupg; .ci/run installs it)");
    Path home = Files.createDirectories(tmp.resolve("gnupg"));
    Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    Path key = tmp.resolve("key.asc");
    run("gpg", "--homedir", home.toString(), "--batch", "--passphrase", "", "--quick-gen-key", "Bulwark Test <test@bulwark.invalid>",
        "ed25519", "sign", "never");
    Process export = new ProcessBuilder("gpg", "--homedir", home.toString(), "--armor", "--export", "test@bulwark.invalid")
        .redirectOutput(key.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(export.waitFor()).isZero();
    Path db = tmp.resolve("keyed");
    copyTree(helloOnly, db);
    run("rpm", "--dbpath", db.toAbsolutePath().toString(), "--import", key.toString());
    assertThat(rpms.rpmQueryAll(db, "sqlite")).anyMatch(l -> l.startsWith("gpg-pubkey\t")).hasSize(2); // rpm lists the key
    assertThat(RpmDatabase.read(RpmDatabase.Format.SQLITE, Files.readAllBytes(db.resolve("rpmdb.sqlite")), null))
        .extracting(RpmHeader.Package::name).containsExactly("bw-hello");
  }

  private static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(p.waitFor()).as(String.join(" ", cmd)).isZero();
  }

  private static void copyTree(Path from, Path to) throws java.io.IOException {
    try (var files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(from.relativize(f).toString()));
      }
    }
  }

  @Test
  void header_hostileBlobs_yieldNothing() throws Exception {
    byte[] good = RpmFixture.headers(helloOnly.resolve("rpmdb.sqlite")).getFirst().blob();
    assertThat(RpmHeader.parse(good)).isPresent();
    for (int cut : new int[] {0, 4, 8, 24, good.length / 2, good.length - 1}) {
      assertThat(RpmHeader.parse(java.util.Arrays.copyOf(good, cut))).as("cut at %d", cut).isEmpty();
    }
    byte[] hugeCounts = good.clone();
    ByteBuffer.wrap(hugeCounts).putInt(0, Integer.MAX_VALUE).putInt(4, Integer.MAX_VALUE);
    assertThat(RpmHeader.parse(hugeCounts)).isEmpty();
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 2000; i++) {
      byte[] mutated = good.clone();
      for (int j = 0; j < 1 + random.nextInt(8); j++) {
        mutated[random.nextInt(mutated.length)] = (byte) random.nextInt();
      }
      RpmHeader.parse(mutated); // any outcome but an exception
    }
  }

  @Test
  void sourceRpmNames() {
    assertThat(RpmHeader.splitSourceRpm("bash-5.1.8-6.el9.src.rpm")).hasValueSatisfying(s -> assertThat(s).containsExactly("bash", "5.1.8", "6.el9"));
    assertThat(RpmHeader.splitSourceRpm("python3-dateutil-2.8.1-6.el9.src.rpm"))
        .hasValueSatisfying(s -> assertThat(s).containsExactly("python3-dateutil", "2.8.1", "6.el9"));
    assertThat(RpmHeader.splitSourceRpm("(none)")).isEmpty();
    assertThat(RpmHeader.splitSourceRpm("nodashes.src.rpm")).isEmpty();
  }
}
