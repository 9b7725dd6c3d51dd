package dev.bulwark.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.core.catalog.BaseImage;
import dev.bulwark.core.catalog.BaseImageCatalog;
import dev.bulwark.core.catalog.Recommender;
import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.core.text.Span;
import dev.bulwark.dockerfile.model.BaseImage.Image;
import dev.bulwark.dockerfile.model.BaseImage.Unresolved;
import dev.bulwark.dockerfile.model.BuildModel;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.syntax.DockerfileParser;
import dev.bulwark.report.Escape;
import dev.bulwark.scan.InputFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark recommend IMAGE|Dockerfile}: base-image advice, offline, from the shipped catalog.
 * For a Dockerfile, every FROM of a registry image (ARG defaults applied; earlier stages and
 * scratch skipped), the last stage being the one that ships.
 */
@Command(name = "recommend", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Recommend base images, offline, as `docker scout recommendations` does: for an image, or for every FROM of a"
        + " Dockerfile, the newer supported tag of the same image, its slim variant, the matching distroless and Chainguard"
        + " images (each with its end-of-life date, shell, package manager and default user) and the one to use, with why.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:advice given (unknown images are said to be unknown)", "2:usage or input error (a file that cannot be read, not an image reference)",
        "3:internal error: a bug in Bulwark (run with --debug for the trace), or out of memory"})
final class RecommendCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "IMAGE|DOCKERFILE",
      description = "An image reference (python:3.12-slim), a Dockerfile, or a directory holding one named Dockerfile.")
  List<String> inputs;

  @Option(names = "--format", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "Judge end-of-life dates as of this day. Default: today.")
  String asOf;

  @Spec CommandSpec spec;

  /** One base to advise on: where it was written (null for an image given alone), and the advice or why there is none. */
  record Base(String file, Span span, String stage, boolean finalStage, String image, Recommender.Recommendation advice, String unknown) {}

  @Override
  public Integer call() throws IOException {
    if (!format.equals("text") && !format.equals("json")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format: text or json, not '" + format + "'");
    }
    LocalDate day;
    try {
      day = asOf != null ? LocalDate.parse(asOf) : LocalDate.now();
    } catch (java.time.format.DateTimeParseException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--as-of: a date YYYY-MM-DD, not '" + asOf + "'");
    }
    Recommender recommender = new Recommender(BaseImageCatalog.get(), day);
    List<Base> bases = new ArrayList<>();
    for (String input : inputs) {
      Path path = Path.of(input);
      if (Files.exists(path)) {
        Path file = Files.isDirectory(path) ? path.resolve("Dockerfile") : path;
        bases.addAll(fromDockerfile(file.toString(), BuildModel.of(DockerfileParser.parse(InputFiles.readNamed(file))), recommender));
      } else {
        ImageReference ref;
        try {
          ref = ImageReference.parse(input);
        } catch (ImageReference.InvalidReferenceException e) {
          throw new picocli.CommandLine.ParameterException(spec.commandLine(), input + ": no such file, and not an image reference ("
              + e.getMessage() + ")");
        }
        bases.add(advise(null, null, null, true, ref, null, recommender));
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format.equals("json")) {
      json(out, bases, day);
    } else {
      text(out, bases, day);
    }
    out.flush();
    return ExitCodes.OK;
  }

  static List<Base> fromDockerfile(String file, BuildModel model, Recommender recommender) {
    List<Base> out = new ArrayList<>();
    List<Stage> stages = model.stages();
    for (Stage stage : stages) {
      boolean last = stage == stages.getLast();
      Span span = stage.from().instruction().argSpan(0);
      if (stage.base() instanceof Image i) {
        out.add(advise(file, span, stage.displayName(), last, i.reference(), last ? builtWith(model, stage) : null, recommender));
      } else if (stage.base() instanceof Unresolved u) {
        out.add(new Base(file, span, stage.displayName(), last, u.text(), null, "cannot be resolved (" + u.reason() + ")"));
      }
    }
    return out;
  }

  private static Base advise(String file, Span span, String stage, boolean last, ImageReference ref, BaseImage builtWith, Recommender recommender) {
    String shown = ref.original();
    BaseImage known = BaseImageCatalog.get().lookup(ref).orElse(null);
    if (known == null) {
      return new Base(file, span, stage, last, shown, null, "not in Bulwark's base-image catalog: no advice (it does not guess)");
    }
    return new Base(file, span, stage, last, shown, recommender.recommend(known, last, builtWith), null);
  }

  /** The known base of the build stage the final stage copies from (the first with a runtime), following stage chains. */
  private static BaseImage builtWith(BuildModel model, Stage last) {
    for (dev.bulwark.dockerfile.model.CopyEdge edge : last.copyFrom()) {
      Stage from = edge.stageIndex() >= 0 && edge.stageIndex() < model.stages().size() ? model.stages().get(edge.stageIndex()) : null;
      for (int depth = 0; from != null && depth < 8; depth++) {
        if (from.base() instanceof Image i) {
          BaseImage b = BaseImageCatalog.get().lookup(i.reference()).orElse(null);
          if (b != null && !b.family().runtime().equals("os")) {
            return b;
          }
          break;
        }
        from = from.base() instanceof dev.bulwark.dockerfile.model.BaseImage.Stage s ? model.stages().get(s.index()) : null;
      }
    }
    return null;
  }

  private static void text(PrintWriter out, List<Base> bases, LocalDate day) {
    boolean first = true;
    for (Base b : bases) {
      if (!first) {
        out.println();
      }
      first = false;
      String where = b.file() == null ? "" : b.file() + ":" + b.span().startLine() + ":" + b.span().startColumn() + ": ";
      String stage = b.stage() == null ? "" : " (stage " + b.stage() + (b.finalStage() ? ", final" : "") + ")";
      if (b.advice() == null) {
        out.println(Escape.terminal(where + b.image() + stage + ": " + b.unknown()));
        continue;
      }
      out.println(Escape.terminal(where + b.image() + stage));
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"", "IMAGE", "STATUS", "EOL", "SHELL", "PKG", "USER"});
      for (Recommender.Alternative a : b.advice().alternatives()) {
        BaseImage i = a.image();
        rows.add(new String[] {a == b.advice().recommended() ? "*" + a.kind() : " " + a.kind(), i.image(), i.status(day), eolText(i), yesNo(i.shell()),
            i.packageManager() == null ? "no" : i.packageManager(), userText(i)});
      }
      int[] width = new int[7];
      for (String[] r : rows) {
        for (int c = 0; c < r.length; c++) {
          width[c] = Math.max(width[c], r[c].length());
        }
      }
      for (String[] r : rows) {
        StringBuilder line = new StringBuilder("  ");
        for (int c = 0; c < r.length; c++) {
          line.append(r[c]);
          if (c < r.length - 1) {
            line.append(" ".repeat(width[c] - r[c].length() + 2));
          }
        }
        out.println(Escape.terminal(line.toString()));
      }
      out.println(Escape.terminal("  recommended: " + b.advice().recommended().image().image() + ": " + b.advice().why()));
    }
  }

  private static String eolText(BaseImage i) {
    return i.eol().equals("-") ? "none announced" : i.eol().equals("past") ? "ended" : i.eol() + (i.eolOf() == null ? "" : " (" + i.eolOf() + ")");
  }

  private static String yesNo(String s) {
    return s == null ? "no" : "yes";
  }

  private static String userText(BaseImage i) {
    return i.runsAsNonRoot() ? i.user() : i.nonRootUser() != null ? "root (has " + i.nonRootUser() + ")" : "root";
  }

  private static void json(PrintWriter out, List<Base> bases, LocalDate day) throws IOException {
    try (JsonGenerator g = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("asOf", day.toString());
      g.writeArrayFieldStart("bases");
      for (Base b : bases) {
        g.writeStartObject();
        if (b.file() != null) {
          g.writeStringField("file", b.file());
          g.writeNumberField("line", b.span().startLine());
          g.writeNumberField("column", b.span().startColumn());
          g.writeStringField("stage", b.stage());
          g.writeBooleanField("final", b.finalStage());
        }
        g.writeStringField("image", b.image());
        g.writeBooleanField("known", b.advice() != null);
        if (b.advice() == null) {
          g.writeStringField("reason", b.unknown());
        } else {
          g.writeArrayFieldStart("alternatives");
          for (Recommender.Alternative a : b.advice().alternatives()) {
            image(g, a, day);
          }
          g.writeEndArray();
          g.writeFieldName("recommended");
          image(g, b.advice().recommended(), day);
          g.writeStringField("why", b.advice().why());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.println();
  }

  private static void image(JsonGenerator g, Recommender.Alternative a, LocalDate day) throws IOException {
    BaseImage i = a.image();
    g.writeStartObject();
    g.writeStringField("kind", a.kind());
    g.writeStringField("image", i.image());
    g.writeStringField("runtime", i.family().runtime());
    if (i.version() != null) {
      g.writeStringField("version", i.version());
    }
    if (i.distro() != null) {
      g.writeStringField("distro", i.distro());
    }
    g.writeStringField("status", i.status(day));
    g.writeStringField("eol", i.eol().equals("-") ? null : i.eol());
    if (i.eolOf() != null) {
      g.writeStringField("eolOf", i.eolOf());
    }
    if (i.ltsUntil() != null) {
      g.writeStringField("ltsUntil", i.ltsUntil());
    }
    g.writeBooleanField("shell", i.shell() != null);
    g.writeStringField("packageManager", i.packageManager());
    g.writeStringField("user", i.user());
    g.writeBooleanField("nonRootDefault", i.runsAsNonRoot());
    if (i.nonRootUser() != null) {
      g.writeStringField("nonRootUser", i.nonRootUser());
    }
    g.writeEndObject();
  }
}
