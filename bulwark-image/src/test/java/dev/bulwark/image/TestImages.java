package dev.bulwark.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Builds small images for tests: layers from entries, a config with the right diff_ids, and the
 * docker-save (legacy or OCI-style) and OCI layout packagings, as directory or tar.
 */
final class TestImages {
  private TestImages() {}

  /** A tar entry to put in a layer. */
  record Entry(String name, byte type, byte[] content, String link, int mode) {
    static Entry file(String name, String content) {
      return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    static Entry file(String name, byte[] content) {
      return new Entry(name, TarArchiveEntry.LF_NORMAL, content, null, 0644);
    }

    static Entry file(String name, String content, int mode) {
      return new Entry(name, TarArchiveEntry.LF_NORMAL, content.getBytes(StandardCharsets.UTF_8), null, mode);
    }

    static Entry dir(String name) {
      return new Entry(name, TarArchiveEntry.LF_DIR, null, null, 0755);
    }

    static Entry symlink(String name, String target) {
      return new Entry(name, TarArchiveEntry.LF_SYMLINK, null, target, 0777);
    }

    static Entry hardlink(String name, String target) {
      return new Entry(name, TarArchiveEntry.LF_LINK, null, target, 0644);
    }

    static Entry device(String name) {
      return new Entry(name, TarArchiveEntry.LF_CHR, null, null, 0666);
    }
  }

  static byte[] tar(List<Entry> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes)) {
      t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Entry e : entries) {
        TarArchiveEntry te = new TarArchiveEntry(e.name(), e.type(), true);
        te.setMode(e.mode());
        if (e.link() != null) {
          te.setLinkName(e.link());
        }
        byte[] data = e.content() == null ? new byte[0] : e.content();
        te.setSize(data.length);
        t.putArchiveEntry(te);
        t.write(data);
        t.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  static byte[] gzip(byte[] in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream g = new GZIPOutputStream(out)) {
      g.write(in);
    }
    return out.toByteArray();
  }

  static String sha256(byte[] b) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** An image being put together: uncompressed layer tars and config fields. */
  static final class Builder {
    final List<byte[]> layers = new ArrayList<>();
    String user = "";
    String configOverride;
    boolean gzip = true;
    boolean zstd;
    /** gzip each layer as two concatenated members, as parallel compressors (pigz and others) may write it. */
    boolean twoGzipMembers;
    String platformArch = "amd64";

    Builder layer(Entry... entries) throws IOException {
      layers.add(tar(List.of(entries)));
      return this;
    }

    Builder rawLayer(byte[] tar) {
      layers.add(tar);
      return this;
    }

    String config() {
      if (configOverride != null) {
        return configOverride;
      }
      StringBuilder diff = new StringBuilder();
      for (byte[] l : layers) {
        diff.append(diff.isEmpty() ? "" : ",").append('"').append(sha256(l)).append('"');
      }
      return "{\"architecture\":\"" + platformArch + "\",\"os\":\"linux\",\"config\":{\"User\":\"" + user
          + "\",\"Env\":[\"PATH=/usr/bin\"],\"Cmd\":[\"/app\"],\"ExposedPorts\":{\"8080/tcp\":{}}},"
          + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diff + "]},\"history\":[{\"created_by\":\"COPY app /app\"}]}";
    }

    /** docker save, legacy layout: <id>/layer.tar, <config>.json, manifest.json. */
    Map<String, byte[]> dockerLegacy() {
      Map<String, byte[]> files = new LinkedHashMap<>();
      byte[] cfg = config().getBytes(StandardCharsets.UTF_8);
      String cfgName = sha256(cfg).substring(7) + ".json";
      files.put(cfgName, cfg);
      StringBuilder ls = new StringBuilder();
      for (int i = 0; i < layers.size(); i++) {
        String name = "layer" + i + "/layer.tar";
        files.put(name, layers.get(i));
        ls.append(i == 0 ? "" : ",").append('"').append(name).append('"');
      }
      files.put("manifest.json", ("[{\"Config\":\"" + cfgName + "\",\"RepoTags\":[\"test/app:1\"],\"Layers\":[" + ls + "]}]")
          .getBytes(StandardCharsets.UTF_8));
      return files;
    }

    /** OCI image layout (blobs/sha256, index.json, oci-layout). */
    Map<String, byte[]> oci() throws IOException {
      Map<String, byte[]> files = new LinkedHashMap<>();
      byte[] cfg = config().getBytes(StandardCharsets.UTF_8);
      files.put(blob(sha256(cfg)), cfg);
      StringBuilder ls = new StringBuilder();
      for (byte[] l : layers) {
        byte[] b = zstd ? com.github.luben.zstd.Zstd.compress(l) : twoGzipMembers ? twoMembers(l) : gzip ? gzip(l) : l;
        files.put(blob(sha256(b)), b);
        ls.append(ls.isEmpty() ? "" : ",").append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar").append(zstd ? "+zstd" : gzip ? "+gzip" : "")
            .append("\",\"digest\":\"").append(sha256(b)).append("\",\"size\":").append(b.length).append('}');
      }
      byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
          + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + sha256(cfg) + "\",\"size\":" + cfg.length + "},\"layers\":["
          + ls + "]}").getBytes(StandardCharsets.UTF_8);
      files.put(blob(sha256(manifest)), manifest);
      files.put("index.json", ("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
          + sha256(manifest) + "\",\"size\":" + manifest.length + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"" + platformArch
          + "\"},\"annotations\":{\"org.opencontainers.image.ref.name\":\"1.0\"}}]}").getBytes(StandardCharsets.UTF_8));
      files.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
      return files;
    }

    private static byte[] twoMembers(byte[] l) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(gzip(java.util.Arrays.copyOfRange(l, 0, l.length / 2 + 7))); // not on a tar block boundary
      out.writeBytes(gzip(java.util.Arrays.copyOfRange(l, l.length / 2 + 7, l.length)));
      return out.toByteArray();
    }

    static String blob(String digest) {
      return "blobs/sha256/" + digest.substring(7);
    }
  }

  static Path writeTar(Map<String, byte[]> files, Path target) throws IOException {
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(Files.newOutputStream(target))) {
      t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (var e : files.entrySet()) {
        TarArchiveEntry te = new TarArchiveEntry(e.getKey());
        te.setSize(e.getValue().length);
        t.putArchiveEntry(te);
        t.write(e.getValue());
        t.closeArchiveEntry();
      }
    }
    return target;
  }

  static Path writeDir(Map<String, byte[]> files, Path dir) throws IOException {
    for (var e : files.entrySet()) {
      Path p = dir.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, e.getValue());
    }
    return dir;
  }
}
