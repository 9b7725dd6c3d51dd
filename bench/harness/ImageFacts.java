import dev.bulwark.image.ImageConfig;
import dev.bulwark.image.ManifestReader;
import dev.bulwark.image.source.BlobStore;
import dev.bulwark.image.source.ImageLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The harness's view of a built image, read with Bulwark's own image reader (bulwark-image), not
 * with buildah's: one "key<TAB>value" line each for user, workdir, the exposed ports and the argv
 * the image starts (entrypoint then cmd, one element a line). Usage: ImageFacts OCI-ARCHIVE.
 */
public final class ImageFacts {
  public static void main(String[] args) throws Exception {
    ImageConfig c;
    try (BlobStore store = BlobStore.open(Path.of(args[0]))) {
      c = new ManifestReader(store, ImageLimits.DEFAULT).read(null, null).config();
    }
    StringBuilder out = new StringBuilder();
    line(out, "user", c.user() == null ? "" : c.user());
    line(out, "workdir", c.workingDir() == null ? "" : c.workingDir());
    for (String p : c.exposedPorts()) {
      line(out, "port", p);
    }
    List<String> argv = new ArrayList<>();
    argv.addAll(c.entrypoint());
    argv.addAll(c.cmd());
    for (String a : argv) {
      line(out, "argv", a);
    }
    System.out.print(out);
  }

  private static void line(StringBuilder out, String key, String value) {
    out.append(key).append('\t').append(value.replace('\n', ' ')).append('\n');
  }
}
