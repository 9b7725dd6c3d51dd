package dev.bulwark.fuzz;

import dev.bulwark.image.Image;
import dev.bulwark.image.source.ImageException;
import dev.bulwark.image.source.ImageLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes the small OCI image layouts the image targets read, in one scratch directory reused per
 * input (on /dev/shm when there is one): the fuzzed bytes become a layer, a file in a layer, or
 * the layout's own JSON. Digests are computed here, so the reader gets past verification to the
 * code under test.
 */
final class FuzzImage {
  static final String TAR = "application/vnd.oci.image.layer.v1.tar";
  static final String GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  private static final Path DIR = scratch();

  private FuzzImage() {}

  /** A layer blob, its media type and its diff_id (the digest of the uncompressed tar). */
  record Blob(byte[] bytes, String mediaType, String diffId) {
    static Blob tar(byte[] tar) {
      return new Blob(tar, TAR, sha256(tar));
    }
  }

  /** A file to put in a layer tar. */
  record Entry(String name, byte[] content, int mode) {}

  static byte[] tar(List<Entry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
      t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Entry e : entries) {
        TarArchiveEntry te = new TarArchiveEntry(e.name());
        te.setMode(e.mode());
        te.setSize(e.content().length);
        t.putArchiveEntry(te);
        t.write(e.content());
        t.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Lays out an image of these layers and reads it (with its SBOM) as {@code bulwark sbom} would. */
  static void read(List<Blob> layers) throws IOException, ImageException {
    clear();
    StringBuilder layerDescs = new StringBuilder();
    StringBuilder diffIds = new StringBuilder();
    for (Blob b : layers) {
      String digest = blob(b.bytes());
      layerDescs.append(layerDescs.isEmpty() ? "" : ",")
          .append("{\"mediaType\":\"").append(b.mediaType()).append("\",\"digest\":\"").append(digest).append("\",\"size\":").append(b.bytes().length).append('}');
      diffIds.append(diffIds.isEmpty() ? "" : ",").append('"').append(b.diffId()).append('"');
    }
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffIds + "]}}")
        .getBytes(StandardCharsets.UTF_8);
    String configDigest = blob(config);
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
        + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length + "},\"layers\":[" + layerDescs + "]}")
        .getBytes(StandardCharsets.UTF_8);
    String manifestDigest = blob(manifest);
    write("index.json", ("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
        + manifestDigest + "\",\"size\":" + manifest.length + "}]}").getBytes(StandardCharsets.UTF_8));
    write("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
    open();
  }

  /** An image with a file for every analyzer, read once so their classes (and SQLite's native library) are loaded. */
  static void warmUp() throws IOException, ImageException {
    byte[] text = "Package: a\nVersion: 1\nStatus: install ok installed\n".getBytes(StandardCharsets.UTF_8);
    List<Entry> files = new java.util.ArrayList<>();
    for (String path : List.of("etc/os-release", "var/lib/dpkg/status", "lib/apk/db/installed", "var/lib/rpm/rpmdb.sqlite", "var/lib/rpm/Packages",
        "x.dist-info/METADATA", "node_modules/a/package.json", "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "a.jar")) {
      files.add(new Entry(path, text, 0644));
    }
    files.add(new Entry("bin/x", java.util.Arrays.copyOf(new byte[] {0x7f, 'E', 'L', 'F'}, 2048), 0755));
    read(List.of(Blob.tar(tar(files))));
  }

  /** Reads whatever the scratch directory holds now (after {@link #clear} and {@link #write}). */
  static void open() throws IOException, ImageException {
    Image.open(DIR, null, ImageLimits.DEFAULT).sbom("fuzz");
  }

  /** Stores {@code bytes} under blobs/sha256/ and returns its digest. */
  static String blob(byte[] bytes) throws IOException {
    String digest = sha256(bytes);
    write("blobs/sha256/" + digest.substring("sha256:".length()), bytes);
    return digest;
  }

  static void write(String name, byte[] bytes) throws IOException {
    Path p = DIR.resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
  }

  static void clear() throws IOException {
    try (Stream<Path> s = Files.walk(DIR)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (!p.equals(DIR)) {
          Files.delete(p);
        }
      }
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path scratch() {
    try {
      Path shm = Path.of("/dev/shm");
      Path dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "bulwark-fuzz-") : Files.createTempDirectory("bulwark-fuzz-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          clear();
          Files.deleteIfExists(dir);
        } catch (IOException ignored) {
          // a scratch directory left behind is harmless
        }
      }));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
