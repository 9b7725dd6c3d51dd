package dev.bulwark.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * The workload the launcher trains the image commands' AOT cache on (JDK 25
 * {@code -XX:AOTCacheOutput}): SBOMs in every format and the image checks of a small image
 * written here. The classes these load and link (and their method profiles) go into the cache;
 * without it every {@code bulwark sbom} loaded and linked ~2,000 classes from the jars. (scan has
 * its own cache, trained with its own compiler flags: one cache for both made scan 13% slower.)
 *
 * <p>Usage (the launcher's): {@code AotTraining}; output goes nowhere.
 */
public final class AotTraining {
  private AotTraining() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    Path dir = Files.createTempDirectory("bulwark-aot-training");
    try {
      String image = writeImage(dir).toString();
      for (String format : List.of("table", "json", "cyclonedx", "spdx")) {
        FastPath.tryRun(new String[] {"sbom", "--format", format, image}); // the path real command lines take
      }
      for (String format : List.of("tty", "json", "sarif")) {
        FastPath.tryRun(new String[] {"image", "--no-fail", "--format", format, image});
      }
    } finally {
      System.setOut(out);
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** A docker-save archive with one gzip layer touching every package detector (RPM aside: it needs a real database). */
  static Path writeImage(Path dir) throws IOException, NoSuchAlgorithmException {
    byte[] elf = new byte[64 << 10];
    System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F'}, 0, elf, 0, 4);
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(tar)) {
      entry(t, "etc/os-release", 0644, text("ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"));
      entry(t, "var/lib/dpkg/status", 0644, text("Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nSource: glibc\n"
          + "Version: 2.36-9+deb12u9\n\nPackage: bash\nStatus: install ok installed\nArchitecture: amd64\nVersion: 5.2.15-2+b7\n"));
      entry(t, "usr/bin/app", 0755, elf);
      entry(t, "usr/bin/passwd", 04755, elf);
      entry(t, "usr/local/bin/server", 0755, goBinary());
      entry(t, "usr/lib/python3/dist-packages/demo-1.0.dist-info/METADATA", 0644, text("Name: demo\nVersion: 1.0\nLicense: MIT\n"));
      entry(t, "srv/app/node_modules/left-pad/package.json", 0644, text("{\"name\":\"left-pad\",\"version\":\"1.3.0\"}"));
      entry(t, "srv/web/package-lock.json", 0644,
          text("{\"lockfileVersion\":3,\"packages\":{\"\":{},\"node_modules/ms\":{\"version\":\"2.1.3\"}}}"));
      entry(t, "srv/web/pnpm-lock.yaml", 0644, text("lockfileVersion: '9.0'\npackages:\n  ms@2.1.3:\n    resolution: {integrity: x}\n"));
      entry(t, "opt/app/lib/demo.jar", 0644, jar());
      entry(t, "root/.ssh/id_rsa", 0600, text("-----BEGIN OPENSSH PRIVATE KEY-----\n"));
    }
    byte[] layer = tar.toByteArray();
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GzipCompressorOutputStream g = new GzipCompressorOutputStream(gz)) {
      g.write(layer);
    }
    byte[] config = text("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"API_TOKEN=abc\"],\"ExposedPorts\":"
        + "{\"22/tcp\":{}}},\"history\":[{\"created_by\":\"RUN apt-get install -y bash\"}],\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:"
        + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(layer)) + "\"]}}");
    byte[] manifest = text("[{\"Config\":\"config.json\",\"RepoTags\":[\"training:1\"],\"Layers\":[\"layer/layer.tar\"]}]");
    Path archive = dir.resolve("training.tar");
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(Files.newOutputStream(archive))) {
      entry(t, "config.json", 0644, config);
      entry(t, "layer/layer.tar", 0644, gz.toByteArray());
      entry(t, "manifest.json", 0644, manifest);
    }
    return archive;
  }

  /**
   * A Go binary's shape, 1 MiB: the build-id note, a Go 1.20 pclntab header with function names, then the build info,
   * so the training profiles the symbol-table and build-info readers that every Go binary of a real image runs.
   */
  static byte[] goBinary() {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1 << 20).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0x7f, 'E', 'L', 'F'});
    b.position(0x100);
    b.putInt(4).putInt(8).putInt(4).put(new byte[] {'G', 'o', 0, 0}).put(text("trainbid"));
    ByteArrayOutputStream names = new ByteArrayOutputStream();
    for (int i = 0; i < 2000; i++) {
      names.writeBytes(text("example.com/m/pkg" + (i % 40) + ".(*T" + i + ").Method[...].func1\0"));
    }
    int header = 4096;
    int funcnames = 8 + 8 * 8;
    long cu = funcnames + names.size();
    b.position(header);
    b.putInt(0xfffffff1).put((byte) 0).put((byte) 0).put((byte) 1).put((byte) 8);
    for (long v : new long[] {2000, 1, 0x401000, funcnames, cu, cu + 8, cu + 16, cu + 24}) {
      b.putLong(v);
    }
    b.put(names.toByteArray());
    b.position(((b.position() + 64 * 1024) / 16) * 16);
    b.put("\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 8).put((byte) 2).position(b.position() + 16);
    String version = "go1.23.4";
    String mod = "path\texample.com/m\nmod\texample.com/m\t(devel)\t\ndep\tgolang.org/x/net\tv0.30.0\th1:x\nbuild\tGOOS=linux\n";
    for (String str : List.of(version, "0123456789abcdef" + mod + "0123456789abcdef")) {
      byte[] bytes = text(str);
      b.put((byte) bytes.length);
      b.put(bytes);
    }
    return b.array();
  }

  private static byte[] jar() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(b)) {
      z.putNextEntry(new ZipEntry("META-INF/maven/org.example/demo/pom.properties"));
      z.write(text("groupId=org.example\nartifactId=demo\nversion=1.0\n"));
      z.closeEntry();
    }
    return b.toByteArray();
  }

  private static void entry(TarArchiveOutputStream t, String name, int mode, byte[] content) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setMode(mode);
    e.setSize(content.length);
    t.putArchiveEntry(e);
    t.write(content);
    t.closeArchiveEntry();
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
