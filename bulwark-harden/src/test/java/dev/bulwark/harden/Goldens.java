package dev.bulwark.harden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The golden inputs: each {@code NAME.Dockerfile} with its project files. */
final class Goldens {
  /** {@code files} are the project's manifests; a {@code .healthpath} file among them is the health path the CLI would find in its sources. */
  record Input(String name, String dockerfile, Map<String, String> files) {
    HardenOptions options() {
      String health = files.get(".healthpath");
      return new HardenOptions(name, null, health == null ? null : health.strip());
    }
  }

  private Goldens() {}

  static List<Input> inputs() throws IOException {
    try (Stream<Path> s = Files.list(HardenGoldenTest.DIR)) {
      return s.filter(p -> p.toString().endsWith(".Dockerfile")).sorted().map(p -> {
        String name = p.getFileName().toString().replace(".Dockerfile", "");
        try {
          return new Input(name, Files.readString(p, StandardCharsets.UTF_8), files(HardenGoldenTest.DIR.resolve(name + ".files")));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).toList();
    }
  }

  static Map<String, String> files(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  static String render(Input in) {
    StringBuilder sb = new StringBuilder();
    for (HardenResult r : Harden.all(in.dockerfile(), in.files(), in.options())) {
      sb.append("######## ").append(r.variant().id()).append('\n');
      if (r instanceof HardenResult.Refused ref) {
        sb.append("REFUSED ").append(ref.reason()).append(": ").append(ref.message()).append('\n');
      } else {
        HardenResult.Hardened h = (HardenResult.Hardened) r;
        sb.append(h.text());
        sb.append("#### notes\n");
        for (HardenResult.Note n : h.notes()) {
          sb.append("# ").append(n).append('\n');
        }
      }
    }
    return sb.toString();
  }
}
