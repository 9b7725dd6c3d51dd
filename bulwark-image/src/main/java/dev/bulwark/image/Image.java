package dev.bulwark.image;

import dev.bulwark.image.fs.FileTree;
import dev.bulwark.image.fs.LayerReader;
import dev.bulwark.image.pkg.GoBuildInfo;
import dev.bulwark.image.pkg.RustAuditInfo;
import dev.bulwark.image.source.BlobStore;
import dev.bulwark.image.source.ManifestReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A container image read without a daemon from a docker-save tarball or an OCI image layout
 * (directory or tar): manifest, config, merged filesystem metadata, the captured contents of the
 * files package detection needs, and per-layer figures.
 */
public record Image(
    ImageManifest manifest,
    FileTree files,
    Map<String, List<LayerReader.FileVersion>> history,
    List<LayerReader.LayerStats> layers,
    Map<String, GoBuildInfo.Info> goBinaries,
    Map<String, List<RustAuditInfo.Crate>> rustBinaries) {

  /** Files whose contents are kept: OS identification and package databases. */
  static final Set<String> CAPTURED = Set.of("etc/os-release", "usr/lib/os-release", "etc/alpine-release", "etc/debian_version",
      "var/lib/dpkg/status", "lib/apk/db/installed");

  static boolean captured(String path) {
    return CAPTURED.contains(path) || (path.startsWith("var/lib/dpkg/status.d/") && !path.endsWith(".md5sums"))
        || dev.bulwark.image.pkg.LanguagePackages.wanted(path) || dev.bulwark.image.pkg.RpmDatabase.wanted(path);
  }

  /**
   * Initializes what every image read needs (JSON parsing, SHA-256, inflation, tar headers) on the
   * calling thread. A command line calls it on a helper thread while it is still parsing its
   * arguments: in a fresh JVM this class initialization is ~100 ms that would otherwise sit
   * between start-up and the first layer byte.
   */
  public static void prepare() {
    ManifestReader.prepare();
    try {
      java.security.MessageDigest.getInstance("SHA-256").digest(new byte[64]);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    new java.util.zip.Inflater(true).end();
    new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(java.io.InputStream.nullInputStream());
  }

  /** Reads the image at {@code path} for {@code platform} (null: the host's). */
  public static Image open(Path path, String platform, ImageLimits limits) throws IOException, ImageException {
    return open(path, null, platform, limits);
  }

  /** Reads the image named {@code refName} (an OCI layout's ref name; null: the only one) at {@code path}. */
  public static Image open(Path path, String refName, String platform, ImageLimits limits) throws IOException, ImageException {
    try (BlobStore store = BlobStore.open(path)) {
      ImageManifest manifest = new ManifestReader(store, limits).read(refName, platform);
      LayerReader.Result r = new LayerReader(store, limits, Image::captured).read(manifest.layers());
      return new Image(manifest, r.tree(), Map.copyOf(r.history()), r.layers(), r.goBinaries(), r.rustBinaries());
    }
  }
}
