package dev.bulwark.scan;

import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.image.Image;
import dev.bulwark.image.source.ImageException;
import dev.bulwark.image.source.ImageLimits;
import dev.bulwark.image.registry.Credentials;
import dev.bulwark.image.registry.RegistryClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The IMAGE argument of image commands: an existing path (docker-save tar, OCI layout directory
 * or tar) or else a registry reference, pulled into a temporary directory that is removed when
 * the analysis is done.
 */
public final class ImageInput {
  private ImageInput() {}

  /** The image and a display name. */
  public record Opened(Image image, String name) {}

  /** True when {@code arg} names an image on disk (a path, or PATH:NAME of an OCI layout): reading it needs no network. */
  public static boolean isLocal(String arg) {
    if (Files.exists(Path.of(arg))) return true;
    int colon = arg.lastIndexOf(':');
    return colon > 0 && Files.exists(Path.of(arg.substring(0, colon)));
  }

  public static Opened open(String arg, String platform, boolean insecure) throws IOException {
    return open(arg, platform, insecure, false);
  }

  /** {@link #open(String, String, boolean)}, keeping Go binaries' symbol tables for reachability when {@code goSymbols}. */
  public static Opened open(String arg, String platform, boolean insecure, boolean goSymbols) throws IOException {
    Path local = Path.of(arg);
    try {
      if (Files.exists(local)) {
        Image img = Image.open(local, null, platform, ImageLimits.DEFAULT, goSymbols);
        return new Opened(img, img.manifest().tags().isEmpty() ? local.getFileName().toString() : img.manifest().tags().getFirst());
      }
      int colon = arg.lastIndexOf(':');
      if (colon > 0 && Files.exists(Path.of(arg.substring(0, colon)))) {
        // PATH:NAME picks one image of an OCI layout that holds several (as skopeo's oci:PATH:NAME)
        Image img = Image.open(Path.of(arg.substring(0, colon)), arg.substring(colon + 1), platform, ImageLimits.DEFAULT, goSymbols);
        return new Opened(img, arg.substring(colon + 1));
      }
      ImageReference ref;
      try {
        ref = ImageReference.parse(arg);
      } catch (ImageReference.InvalidReferenceException e) {
        throw new IOException(arg + ": no such file, and not an image reference (" + e.getMessage() + ")");
      }
      Path dir = Files.createTempDirectory("bulwark-pull-");
      // removed on every exit: normally below, and by a shutdown hook when the run is cancelled (SIGTERM, Ctrl-C) mid-pull
      Thread cleanup = new Thread(() -> {
        try {
          deleteTree(dir);
        } catch (IOException ignored) {
          // best effort while the JVM exits
        }
      }, "bulwark-pull-cleanup");
      Runtime.getRuntime().addShutdownHook(cleanup);
      try {
        new RegistryClient(Credentials.fromDockerConfig(), insecure ? Set.of(ref.registry()) : Set.of(), ImageLimits.DEFAULT)
            .pull(ref, platform, dir);
        return new Opened(Image.open(dir, null, platform, ImageLimits.DEFAULT, goSymbols), ref.familiarName() + (ref.tag() != null ? ":" + ref.tag() : ""));
      } finally {
        deleteTree(dir);
        try {
          Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running: it removes the directory
        }
      }
    } catch (ImageException e) {
      throw new IOException(arg + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(arg + ": interrupted", e);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
