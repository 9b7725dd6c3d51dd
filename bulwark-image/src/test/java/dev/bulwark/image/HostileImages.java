package dev.bulwark.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A set of images built to exhaust or confuse the image reader, written as OCI layouts (one
 * docker-save tarball too), each with what Bulwark must do with it: read it with a gap that names
 * the limit, refuse it with one line naming the reason, or simply read it within bounds. Layers
 * are streamed to disk (gzip, both digests computed on the way), so even the largest inputs cost
 * the generating JVM little memory. Used by the CLI's HostileImageCliTest (each input in its own
 * JVM under -Xmx512m and a time guard) and by {@code bench/hostile-images.sh} (through {@link #main}).
 */
public final class HostileImages {
  private HostileImages() {}

  /** What a run on an input must show: the exit code and a text that stdout+stderr must contain. */
  public record Expect(int exit, String contains) {}

  /** One generated input. */
  public record Input(String name, Path path, Expect expect) {}

  /** Writes one layer's tar. */
  interface TarBody {
    void write(TarArchiveOutputStream tar) throws Exception;
  }

  /** {@code bench/hostile-images.sh}: writes every input under {@code args[0]} and prints "name<TAB>path<TAB>exit<TAB>contains" lines. */
  public static void main(String[] args) throws Exception {
    for (Input i : all(Path.of(args[0]), true)) {
      System.out.println(i.name() + "\t" + i.path() + "\t" + i.expect().exit() + "\t" + i.expect().contains());
    }
  }

  /**
   * Every input, generated under {@code dir} (already generated ones are reused). {@code full}
   * makes the largest inputs as large as the limits allow (a million tar entries); the test suite
   * uses a smaller set of the same shapes to keep its run short.
   */
  public static List<Input> all(Path dir, boolean full) throws Exception {
    int tinyEntries = full ? 1_000_000 : 200_000;
    List<Input> out = new ArrayList<>();
    out.add(input(dir, "rpm-recursive-view", new Expect(0, "Packages is a view, not a table"), d -> oci(d, files(
        "usr/lib/sysimage/rpm/rpmdb.sqlite", sqlite(d, "CREATE VIEW Packages AS WITH RECURSIVE r(hnum, blob) AS "
            + "(SELECT 1, x'00' UNION ALL SELECT hnum + 1, blob FROM r) SELECT hnum, blob FROM r")))));
    out.add(input(dir, "rpm-padded-past-limit", new Expect(0, "rpmdb.sqlite (rpm) is too large to read"), d -> oci(d,
        tar -> padded(tar, "var/lib/rpm/rpmdb.sqlite", sqlite(d, "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY, blob BLOB)"), 65 << 20))));
    out.add(input(dir, "dpkg-status-59mib", new Expect(0, "\"packages\""), d -> oci(d, tar -> {
      byte[] stanza = ("Package: pkg%d\nStatus: install ok installed\nVersion: 1.0-%d\nArchitecture: amd64\nDescription: padding\n"
          + (" " + "x".repeat(70) + "\n").repeat(14) + "\n").getBytes(StandardCharsets.US_ASCII);
      ByteArrayOutputStream status = new ByteArrayOutputStream();
      for (int i = 0; status.size() < 59 << 20; i++) {
        status.writeBytes(new String(stanza, StandardCharsets.US_ASCII).replace("%d", String.valueOf(i)).getBytes(StandardCharsets.US_ASCII));
      }
      file(tar, "var/lib/dpkg/status", status.toByteArray());
    })));
    out.add(input(dir, "dpkg-status-padded-past-limit", new Expect(0, "status (dpkg) is too large to read"), d -> oci(d,
        tar -> padded(tar, "var/lib/dpkg/status", "Package: a\nStatus: install ok installed\nVersion: 1\n\n".getBytes(StandardCharsets.US_ASCII),
            65 << 20))));
    out.add(input(dir, "dpkg-status-150k-stanzas", new Expect(0, "lists more than 100000 packages"), d -> oci(d, tar -> {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 150_000; i++) {
        sb.append("Package: p").append(i).append("\nStatus: install ok installed\nVersion: 1\n\n");
      }
      file(tar, "var/lib/dpkg/status", sb.toString().getBytes(StandardCharsets.US_ASCII));
    })));
    out.add(input(dir, "apk-installed-padded-past-limit", new Expect(0, "installed (apk) is too large to read"), d -> oci(d,
        tar -> padded(tar, "lib/apk/db/installed", "P:a\nV:1\n\n".getBytes(StandardCharsets.US_ASCII), 65 << 20))));
    out.add(input(dir, "python-metadata-60mib", new Expect(0, "\"packages\""), d -> oci(d, tar -> padded(tar,
        "usr/lib/python3/site-packages/big-1.0.dist-info/METADATA", "Name: big\nVersion: 1.0\n\n".getBytes(StandardCharsets.US_ASCII), 60 << 20))));
    out.add(input(dir, "package-lock-40mib", new Expect(0, "package-lock.json (node-lock) is too large to parse"), d -> oci(d, tar -> {
      StringBuilder sb = new StringBuilder("{\"lockfileVersion\":3,\"packages\":{");
      for (int i = 0; sb.length() < 40 << 20; i++) {
        sb.append(i == 0 ? "" : ",").append("\"node_modules/p").append(i).append("\":{\"version\":\"1.0.").append(i).append("\"}");
      }
      file(tar, "app/package-lock.json", sb.append("}}").toString().getBytes(StandardCharsets.US_ASCII));
    })));
    out.add(input(dir, "tar-header-cut-mid-block", new Expect(2, "ends inside a tar header"), d -> ociRaw(d,
        Arrays.copyOf(TestImages.tar(List.of(TestImages.Entry.file("a", "a"), TestImages.Entry.file("b", "b"))), 1024 + 200))));
    out.add(input(dir, "tar-data-cut", new Expect(2, "truncated"), d -> ociRaw(d,
        Arrays.copyOf(TestImages.tar(List.of(TestImages.Entry.file("a", "x".repeat(5000)))), 2048))));
    out.add(input(dir, "tar-lone-end-block-then-header", new Expect(2, "end-of-archive block is followed by another header"), d -> {
      byte[] two = TestImages.tar(List.of(TestImages.Entry.file("a", "a"), TestImages.Entry.file("hidden", "b")));
      byte[] x = new byte[two.length + 512];
      System.arraycopy(two, 0, x, 0, 1024);
      System.arraycopy(two, 1024, x, 1536, two.length - 1024);
      return ociRaw(d, x);
    }));
    out.add(input(dir, "tar-pax-header-100mib", new Expect(2, "past the 1 MiB limit"), d -> ociRaw(d, paxHeaderClaiming(100L << 20))));
    out.add(input(dir, "tar-negative-size", new Expect(2, "layer 0"), d -> ociRaw(d, negativeSize())));
    out.add(input(dir, "tar-dotdot", new Expect(2, "escapes the image root"), d -> oci(d, tar -> file(tar, "../../etc/passwd", new byte[1]))));
    out.add(input(dir, "tar-name-past-path-max", new Expect(2, "PATH_MAX"), d -> oci(d, tar -> file(tar, "a/".repeat(3000) + "f", new byte[1]))));
    out.add(input(dir, "tar-nesting-2000-deep", new Expect(0, "\"packages\""), d -> oci(d, tar -> {
      String p = "";
      for (int i = 0; i < 2000; i++) {
        p += "d/";
        dir(tar, p);
      }
      file(tar, p + "f", new byte[1]);
    })));
    out.add(input(dir, "tar-" + tinyEntries + "-tiny-entries", new Expect(0, "\"packages\""), d -> oci(d, tar -> {
      for (int i = 0; i < tinyEntries; i++) {
        file(tar, "t/" + (i % 1000) + "/" + i, new byte[0]);
      }
    })));
    if (full) {
      out.add(input(dir, "tar-entries-past-the-limit", new Expect(2, "more than 1000000 files in the image"), d -> oci(d, tar -> {
        for (int i = 0; i <= 1_000_000; i++) {
          file(tar, "t/" + (i % 1000) + "/" + i, new byte[0]);
        }
      })));
    }
    int repeats = full ? 200_000 : 50_000;
    out.add(input(dir, "tar-same-path-" + repeats + "-times", new Expect(0, "\"packages\""), d -> oci(d, tar -> {
      for (int i = 0; i < repeats / 2; i++) {
        file(tar, "d/" + i, new byte[0]);
      }
      for (int i = 0; i < repeats; i++) {
        file(tar, "d/.wh..wh..opq", new byte[0]);
        file(tar, "d", new byte[0]); // a file replacing the directory, again and again
      }
    }, tar -> file(tar, "x", new byte[0]))));
    out.add(input(dir, "jar-fanout-500x50", new Expect(0, "\"packages\""), d -> oci(d, tar -> file(tar, "app/fan.jar", fanOutJar(500, 50)))));
    out.add(input(dir, "jar-zip-bomb", new Expect(0, "MiB of decompressed content"), d -> oci(d, tar -> file(tar, "app/bomb.jar", zipBomb()))));
    out.add(input(dir, "go-400-binaries-huge-buildinfo", new Expect(0, "the packages found in the image's binaries passed"), d -> oci(d, tar -> {
      for (int i = 0; i < 400; i++) {
        file(tar, "usr/bin/go" + i, goBinary(i, 2_000), 0755);
      }
    })));
    out.add(input(dir, "go-1000-binaries", new Expect(0, "stdlib"), d -> oci(d, tar -> {
      for (int i = 0; i < 1000; i++) {
        file(tar, "usr/bin/go" + i, goBinary(i, 50), 0755);
      }
    })));
    out.add(input(dir, "docker-save-cut-mid-header", new Expect(2, "ends inside a tar header"), d -> {
      Path whole = TestImages.writeTar(new TestImages.Builder().layer(TestImages.Entry.file("a", "a")).dockerLegacy(), d.resolve("whole.tar"));
      byte[] b = Files.readAllBytes(whole);
      Files.delete(whole);
      // the archive is cut inside its last member's header (entries: config, layer, manifest)
      int cut = lastHeader(b) + 100;
      return Files.write(d.resolve("image.tar"), Arrays.copyOf(b, cut));
    }));
    return out;
  }

  /** Builds one input. */
  interface Generator {
    Path generate(Path dir) throws Exception;
  }

  private static Input input(Path root, String name, Expect expect, Generator g) throws Exception {
    Path dir = root.resolve(name);
    Path done = dir.resolve(".done");
    if (!Files.exists(done)) {
      Files.createDirectories(dir);
      Path p = g.generate(dir);
      Files.writeString(done, dir.relativize(p).toString());
    }
    return new Input(name, dir.resolve(Files.readString(done)), expect);
  }

  private static TarBody files(String... nameContent) {
    return tar -> {
      for (int i = 0; i < nameContent.length; i += 2) {
        file(tar, nameContent[i], Files.readAllBytes(Path.of(nameContent[i + 1])));
      }
    };
  }

  private static String sqlite(Path dir, String... sql) throws Exception {
    Path db = dir.resolve("db-" + System.nanoTime() + ".sqlite");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
    return db.toString();
  }

  static void file(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
    file(tar, name, content, 0644);
  }

  static void file(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_NORMAL, true);
    e.setMode(mode);
    e.setSize(content.length);
    tar.putArchiveEntry(e);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  private static void dir(TarArchiveOutputStream tar, String name) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_DIR, true);
    e.setMode(0755);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }

  /** {@code head} followed by newlines up to {@code size}: a real database padded past the limit. */
  private static void padded(TarArchiveOutputStream tar, String name, String headFile, int size) throws IOException {
    padded(tar, name, Files.readAllBytes(Path.of(headFile)), size);
  }

  private static void padded(TarArchiveOutputStream tar, String name, byte[] head, int size) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_NORMAL, true);
    e.setMode(0644);
    e.setSize(size);
    tar.putArchiveEntry(e);
    tar.write(head);
    byte[] pad = new byte[1 << 20];
    Arrays.fill(pad, (byte) '\n');
    for (long left = size - head.length; left > 0; left -= pad.length) {
      tar.write(pad, 0, (int) Math.min(pad.length, left));
    }
    tar.closeArchiveEntry();
  }

  private static byte[] paxHeaderClaiming(long size) throws IOException {
    byte[] header = TestImages.tar(List.of(TestImages.Entry.file("a", "a")));
    header = Arrays.copyOf(header, 512 + 512 + 1024);
    header[156] = 'x';
    writeOctalSize(header, size);
    return header;
  }

  private static byte[] negativeSize() throws IOException {
    byte[] t = TestImages.tar(List.of(TestImages.Entry.file("a", "a")));
    Arrays.fill(t, 124, 136, (byte) 0xff); // base-256, negative
    checksum(t);
    return t;
  }

  /** Sets a header's size field (octal) and its checksum. */
  static void writeOctalSize(byte[] header, long size) {
    byte[] s = String.format("%011o", size).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(s, 0, header, 124, 11);
    checksum(header);
  }

  /** Recomputes a tar header's checksum after an edit. */
  static void checksum(byte[] header) {
    int sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : header[i] & 0xff;
    }
    System.arraycopy(String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII), 0, header, 148, 8);
  }

  /** The offset of the last member's header in a tar written by commons-compress. */
  private static int lastHeader(byte[] tar) {
    int last = 0;
    for (int at = 0; at + 512 <= tar.length; ) {
      if (tar[at] == 0) {
        break;
      }
      last = at;
      long size = Long.parseLong(new String(tar, at + 124, 11, StandardCharsets.US_ASCII).trim(), 8);
      at += 512 + (int) ((size + 511) / 512 * 512);
    }
    return last;
  }

  private static byte[] jar(Map<String, byte[]> entries, boolean stored) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(b)) {
      for (var e : entries.entrySet()) {
        ZipEntry ze = new ZipEntry(e.getKey());
        if (stored) {
          ze.setMethod(ZipEntry.STORED);
          ze.setSize(e.getValue().length);
          java.util.zip.CRC32 crc = new java.util.zip.CRC32();
          crc.update(e.getValue());
          ze.setCrc(crc.getValue());
        }
        z.putNextEntry(ze);
        z.write(e.getValue());
        z.closeEntry();
      }
    }
    return b.toByteArray();
  }

  /** {@code outer} jars, each holding {@code inner} jars with a pom.properties each. */
  static byte[] fanOutJar(int outer, int inner) throws IOException {
    Map<String, byte[]> innerJars = new LinkedHashMap<>();
    for (int j = 0; j < inner; j++) {
      innerJars.put("lib/in" + j + ".jar", jar(Map.of("META-INF/maven/g/in" + j + "/pom.properties",
          ("groupId=g\nartifactId=in" + j + "\nversion=1." + j + "\n").getBytes(StandardCharsets.US_ASCII)), false));
    }
    byte[] middle = jar(innerJars, false);
    Map<String, byte[]> outerJars = new LinkedHashMap<>();
    for (int i = 0; i < outer; i++) {
      outerJars.put("BOOT-INF/lib/mid" + i + ".jar", middle);
    }
    return jar(outerJars, false);
  }

  /** A jar whose one entry inflates to 1 GiB of zeros: skipping it to the next entry inflates it all. */
  static byte[] zipBomb() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(b)) {
      z.setLevel(Deflater.BEST_COMPRESSION);
      z.putNextEntry(new ZipEntry("zeros.bin"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 1024; i++) {
        z.write(zeros);
      }
      z.closeEntry();
      z.putNextEntry(new ZipEntry("META-INF/maven/g/bomb/pom.properties"));
      z.write("groupId=g\nartifactId=bomb\nversion=1\n".getBytes(StandardCharsets.US_ASCII));
      z.closeEntry();
    }
    return b.toByteArray();
  }

  /** An ELF-looking file with a Go build info listing {@code deps} modules, padded with noise. */
  static byte[] goBinary(int n, int deps) {
    StringBuilder mod = new StringBuilder("path\texample.com/cmd").append(n).append("\nmod\texample.com/cmd").append(n).append("\tv1.0.0\th1:x\n");
    for (int i = 0; i < deps; i++) {
      mod.append("dep\tgithub.com/o").append(i % 97).append("/m").append(i).append("\tv1.").append(i).append(".").append(n).append("\th1:y\n");
    }
    byte[] version = "go1.22.5".getBytes(StandardCharsets.US_ASCII);
    byte[] modBytes = mod.toString().getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
    byte[] noise = new byte[8192 - 7];
    new Random(n).nextBytes(noise);
    b.writeBytes(noise);
    byte[] header = new byte[32];
    System.arraycopy("\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1), 0, header, 0, 14);
    header[14] = 8;
    header[15] = 2;
    b.writeBytes(header);
    varint(b, version.length);
    b.writeBytes(version);
    varint(b, modBytes.length);
    b.writeBytes(modBytes);
    b.writeBytes(noise);
    return b.toByteArray();
  }

  private static void varint(ByteArrayOutputStream b, int v) {
    while (v >= 0x80) {
      b.write((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    b.write(v);
  }

  // ---- OCI layout writing, layers streamed to disk

  private static Path oci(Path dir, TarBody... layers) throws Exception {
    List<String[]> written = new ArrayList<>();
    for (TarBody body : layers) {
      written.add(layer(dir, out -> {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
          tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
          tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
          body.write(tar);
        }
      }));
    }
    return layout(dir, written);
  }

  private static Path ociRaw(Path dir, byte[] tar) throws Exception {
    return layout(dir, List.<String[]>of(layer(dir, out -> out.write(tar))));
  }

  interface Body {
    void write(OutputStream out) throws Exception;
  }

  /** Writes one gzip layer blob; returns {blob digest, diff_id, size}. */
  private static String[] layer(Path dir, Body body) throws Exception {
    Path blobs = Files.createDirectories(dir.resolve("layout/blobs/sha256"));
    Path tmp = blobs.resolve("layer.tmp");
    MessageDigest blob = sha256();
    MessageDigest diff = sha256();
    try (OutputStream file = new DigestOutputStream(Files.newOutputStream(tmp), blob);
        OutputStream gz = new GZIPOutputStream(file, 1 << 16) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        };
        OutputStream raw = new DigestOutputStream(new java.io.BufferedOutputStream(gz, 1 << 16), diff)) {
      body.write(new java.io.FilterOutputStream(raw) {
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
          flush(); // the tar writer closes its stream: the gzip trailer is written by the outer close
        }
      });
    }
    String blobHex = HexFormat.of().formatHex(blob.digest());
    long size = Files.size(tmp);
    Files.move(tmp, blobs.resolve(blobHex));
    return new String[] {"sha256:" + blobHex, "sha256:" + HexFormat.of().formatHex(diff.digest()), String.valueOf(size)};
  }

  private static Path layout(Path dir, List<String[]> layers) throws Exception {
    Path root = dir.resolve("layout");
    StringBuilder diffIds = new StringBuilder();
    StringBuilder descriptors = new StringBuilder();
    for (String[] l : layers) {
      diffIds.append(diffIds.isEmpty() ? "" : ",").append('"').append(l[1]).append('"');
      descriptors.append(descriptors.isEmpty() ? "" : ",").append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"")
          .append(l[0]).append("\",\"size\":").append(l[2]).append('}');
    }
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"User\":\"1000\"},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
        + diffIds + "]}}").getBytes(StandardCharsets.UTF_8);
    String configDigest = blob(root, config);
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
        + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length + "},\"layers\":["
        + descriptors + "]}").getBytes(StandardCharsets.UTF_8);
    String manifestDigest = blob(root, manifest);
    Files.writeString(root.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"digest\":\"" + manifestDigest + "\",\"size\":" + manifest.length + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}");
    Files.writeString(root.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    return root;
  }

  private static String blob(Path root, byte[] content) throws IOException {
    String hex = HexFormat.of().formatHex(sha256().digest(content));
    Files.write(Files.createDirectories(root.resolve("blobs/sha256")).resolve(hex), content);
    return "sha256:" + hex;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
