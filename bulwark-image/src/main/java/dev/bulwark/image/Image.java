package dev.bulwark.image;

import dev.bulwark.image.source.ImageException;
import dev.bulwark.image.source.ImageLimits;
import dev.bulwark.image.analyzer.AnalysisContext;
import dev.bulwark.image.analyzer.Analyzers;
import dev.bulwark.image.analyzer.Findings;
import dev.bulwark.image.fs.FileTree;
import dev.bulwark.image.fs.LayerReader;
import dev.bulwark.image.pkg.OsInfo;
import dev.bulwark.image.source.BlobStore;
import dev.bulwark.image.ManifestReader;
import java.io.IOException;
import dev.bulwark.sbom.Package;
import dev.bulwark.sbom.Sbom;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A container image read without a daemon from a docker-save tarball or an OCI image layout
 * (directory or tar): manifest, config, merged filesystem metadata, the kept contents of the
 * files the registered package analyzers want, per-layer figures, and the packages analyzers
 * found in files as they streamed past (by path), and what else was learnt of those files (by path: a Go binary's
 * symbol table).
 */
public record Image(
    ImageManifest manifest,
    FileTree files,
    Map<String, List<LayerReader.FileVersion>> history,
    List<LayerReader.LayerStats> layers,
    Map<String, List<Package>> streamed,
    Map<String, dev.bulwark.image.fs.FileFacts> facts) {

  public Image {
    streamed = Map.copyOf(streamed);
    facts = Map.copyOf(facts);
  }

  /** An image of which nothing but packages was learnt while its files streamed past. */
  public Image(ImageManifest manifest, FileTree files, Map<String, List<LayerReader.FileVersion>> history, List<LayerReader.LayerStats> layers,
      Map<String, List<Package>> streamed) {
    this(manifest, files, history, layers, streamed, Map.of());
  }

  /** The symbol table of the Go binary at {@code path} (as packages' locations name it), when it was read whole. */
  public java.util.Optional<dev.bulwark.image.pkg.GoSymbolTable> goSymbols(String path) {
    return facts.get(path) instanceof dev.bulwark.image.pkg.GoSymbolTable t ? java.util.Optional.of(t) : java.util.Optional.empty();
  }

  /** The software bill of materials of this image, named {@code name}: every registered analyzer's packages. */
  public Sbom sbom(String name) {
    OsInfo os = OsInfo.detect(files).orElse(null);
    Findings found = Analyzers.analyze(Analyzers.all(), new AnalysisContext(files, history, os), streamed);
    return new Sbom(name, manifest.format(), manifest.config().architecture(), os == null ? null : os.toSbom(), found.packages(), found.gaps());
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
    new dev.bulwark.image.io.TarReader(java.io.InputStream.nullInputStream());
  }

  /** Reads the image at {@code path} for {@code platform} (null: the host's). */
  public static Image open(Path path, String platform, ImageLimits limits) throws IOException, ImageException {
    return open(path, null, platform, limits);
  }

  /** Reads the image named {@code refName} (an OCI layout's ref name; null: the only one) at {@code path}. */
  public static Image open(Path path, String refName, String platform, ImageLimits limits) throws IOException, ImageException {
    return open(path, refName, platform, limits, false);
  }

  /** {@link #open(Path, String, String, ImageLimits)}, keeping Go binaries' symbol tables ({@link #goSymbols}) when asked. */
  public static Image open(Path path, String refName, String platform, ImageLimits limits, boolean goSymbols) throws IOException, ImageException {
    try (BlobStore store = BlobStore.open(path)) {
      ImageManifest manifest = new ManifestReader(store, limits).read(refName, platform);
      LayerReader.Result r = new LayerReader(store, limits, Analyzers.interest(Analyzers.all(goSymbols))).read(manifest.layers());
      return new Image(manifest, r.tree(), Map.copyOf(r.history()), r.layers(), r.streamed(), r.facts());
    }
  }
}
