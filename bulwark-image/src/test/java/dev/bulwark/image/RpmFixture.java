package dev.bulwark.image;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.image.testing.LocalRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Real RPM databases made in the test run by real tools: packages of our own built with
 * Debian's {@code rpmbuild}, registered with {@code rpm --justdb} in rpm's own SQLite database,
 * and the same headers loaded into a Berkeley DB hash file with libdb's {@code db_load}, which
 * rpm's read-only BerkeleyDB backend must accept. {@code rpm -qa} is the oracle for both.
 */
final class RpmFixture {
  /** One line per package, as {@link #QUERY_FORMAT} prints it. */
  static final String QUERY_FORMAT = "%{NAME}\\t%{EVR}\\t%{ARCH}\\t%{SOURCERPM}\\t%{LICENSE}\\n";

  final Path work;
  final Path rpms;

  private RpmFixture(Path work) {
    this.work = work;
    this.rpms = work.resolve("top/RPMS");
  }

  static void assumeTools() {
    boolean tools = Stream.of("rpm", "rpmbuild", "db_load").allMatch(LocalRegistry::onPath);
    assumeTrue(tools, "skipped: needs rpm, rpmbuild and db_load (Debian packages rpm and db-util; .ci/run installs them)");
  }

  /** Builds the packages: three spec files, 44 binary packages of three architectures. */
  static RpmFixture build(Path work) throws IOException, InterruptedException {
    assumeTools();
    RpmFixture f = new RpmFixture(work);
    Files.createDirectories(work);
    Files.writeString(work.resolve("hello.spec"), """
        Name: bw-hello
        Epoch: 2
        Version: 1.2.3
        Release: 4.el9
        Summary: greeting
        License: MIT and BSD
        BuildArch: noarch
        %description
        A greeting.
        %install
        mkdir -p %{buildroot}/usr/share/bw-hello
        echo hi > %{buildroot}/usr/share/bw-hello/README
        %files
        /usr/share/bw-hello/README
        """);
    StringBuilder suite = new StringBuilder("""
        Name: bw-suite
        Version: 0.9
        Release: 1
        Summary: suite
        License: Apache-2.0
        %description
        The suite.
        %package -n bw-tools
        Summary: tools
        %description -n bw-tools
        Tools of the suite.
        %files
        %files -n bw-tools
        """);
    for (int i = 0; i < 40; i++) {
      // enough records for the Berkeley DB file to need several hash buckets
      suite.append(String.format("%%package -n bw-sub-%02d%nSummary: part%n%%description -n bw-sub-%02d%nPart %d.%n%%files -n bw-sub-%02d%n",
          i, i, i, i));
    }
    Files.writeString(work.resolve("suite.spec"), suite);
    Files.writeString(work.resolve("big.spec"), """
        Name: bw-big
        Version: 1.0~rc1
        Release: 0.1.fc41
        Summary: many files
        License: GPL-2.0-or-later
        BuildArch: noarch
        %description
        A header larger than a database page, so it spans overflow pages.
        %install
        for i in $(seq 1 400); do
          mkdir -p %{buildroot}/usr/share/bw-big/directory-with-a-long-name-$i
          echo $i > %{buildroot}/usr/share/bw-big/directory-with-a-long-name-$i/file-with-a-long-name-$i.txt
        done
        %files
        /usr/share/bw-big
        """);
    for (String spec : List.of("hello.spec", "big.spec")) {
      f.run("rpmbuild", "--quiet", "--define", "_topdir " + work.resolve("top").toAbsolutePath(), "-bb", work.resolve(spec).toString());
    }
    f.run("rpmbuild", "--quiet", "--define", "_topdir " + work.resolve("top").toAbsolutePath(), "--target", "x86_64", "-bb",
        work.resolve("suite.spec").toString());
    return f;
  }

  /** The built package files whose names start with one of {@code prefixes}. */
  List<Path> packages(String... prefixes) throws IOException {
    try (Stream<Path> s = Files.walk(rpms)) {
      return s.filter(p -> p.toString().endsWith(".rpm"))
          .filter(p -> Stream.of(prefixes).anyMatch(x -> p.getFileName().toString().startsWith(x))).sorted().toList();
    }
  }

  /** A fresh SQLite rpm database (rpm's default backend here) holding {@code packages}; returns its directory. */
  Path sqliteDb(String name, List<Path> packages) throws IOException, InterruptedException {
    Path db = work.resolve(name).toAbsolutePath();
    Files.createDirectories(db);
    run("rpm", "--dbpath", db.toString(), "--initdb");
    List<String> cmd = new ArrayList<>(List.of("rpm", "--dbpath", db.toString(), "-i", "--justdb", "--nodeps", "--ignorearch", "--ignoreos"));
    packages.forEach(p -> cmd.add(p.toAbsolutePath().toString()));
    run(cmd.toArray(String[]::new));
    return db;
  }

  /**
   * The headers of a SQLite rpm database loaded into a Berkeley DB hash file by {@code db_load},
   * as rpm's BerkeleyDB backend keeps them: key = header number (host order), plus the counter
   * record at key 0. {@code config} are db_load settings such as {@code db_pagesize=512}.
   */
  Path berkeleyDb(String name, Path sqliteDir, String... config) throws IOException, InterruptedException, SQLException {
    Path dir = work.resolve(name).toAbsolutePath();
    Files.createDirectories(dir);
    ByteOrder order = Stream.of(config).anyMatch("db_lorder=4321"::equals) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    StringBuilder text = new StringBuilder();
    int max = 0;
    for (var h : headers(sqliteDir.resolve("rpmdb.sqlite"))) {
      text.append(escaped(ByteBuffer.allocate(4).order(order).putInt(h.number()).array())).append('\n').append(escaped(h.blob())).append('\n');
      max = Math.max(max, h.number());
    }
    text.append(escaped(new byte[4])).append('\n').append(escaped(ByteBuffer.allocate(4).order(order).putInt(max).array())).append('\n');
    Path input = dir.resolve("load.txt");
    Files.writeString(input, text);
    List<String> cmd = new ArrayList<>(List.of("db_load", "-T", "-t", "hash"));
    for (String c : config) {
      cmd.add("-c");
      cmd.add(c);
    }
    cmd.addAll(List.of("-f", input.toString(), dir.resolve("Packages").toString()));
    run(cmd.toArray(String[]::new));
    Files.delete(input);
    return dir;
  }

  record Header(int number, byte[] blob) {}

  /** The raw rows of rpm's SQLite Packages table, read with the SQLite driver directly. */
  static List<Header> headers(Path sqlite) throws SQLException {
    List<Header> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqlite.toAbsolutePath());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT hnum, blob FROM Packages ORDER BY hnum")) {
      while (rs.next()) {
        out.add(new Header(rs.getInt(1), rs.getBytes(2)));
      }
    }
    return out;
  }

  private static String escaped(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length * 3);
    for (byte b : bytes) {
      sb.append(String.format("\\%02x", b & 0xff));
    }
    return sb.toString();
  }

  /** What {@code rpm -qa} lists for the database in {@code dir}, read with {@code backend}. */
  Set<String> rpmQueryAll(Path dir, String backend) throws IOException, InterruptedException {
    Path out = work.resolve("query.txt");
    Process p = new ProcessBuilder("rpm", "--define", "_db_backend " + backend, "--dbpath", dir.toAbsolutePath().toString(), "-qa", "--qf",
        QUERY_FORMAT).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException("rpm -qa failed on " + dir);
    }
    return new HashSet<>(Files.readAllLines(out, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).collect(Collectors.toSet()));
  }

  private void run(String... cmd) throws IOException, InterruptedException {
    Path log = work.resolve("tools.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed; see " + log.toAbsolutePath());
    }
  }
}
