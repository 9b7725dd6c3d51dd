package dev.bulwark.guide;

import dev.bulwark.core.Finding;
import dev.bulwark.core.LintConfig;
import dev.bulwark.core.Purpose;
import dev.bulwark.core.catalog.BaseImageCatalog;
import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.guide.GuideInput.Runtime;
import dev.bulwark.guide.GuideInput.VariantOutcome;
import dev.bulwark.harden.Harden;
import dev.bulwark.harden.HardenOptions;
import dev.bulwark.harden.HardenResult;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.rules.DockerfileRules;
import dev.bulwark.report.FileReport;
import dev.bulwark.report.ScanReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A guide built from the Go example through the real pieces: its Dockerfile linted by the real
 * rules and hardened by the real harden; the runtime facts are written here as the CLI reads them.
 */
final class GuideFixture {
  private GuideFixture() {}

  static final Path GO_API = Path.of(System.getProperty("bulwark.repo", "..")).resolve("examples/go-api");

  static String read(String name) {
    try {
      return Files.readString(GO_API.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Finding> lint(String text) {
    DockerfileTarget t = DockerfileTarget.parse("Dockerfile", text).withConfig(LintConfig.DEFAULT.withPurpose(Purpose.APPLICATION), "Dockerfile");
    return DockerfileRules.linter().lint(t).stream().sorted(Finding.ORDER).toList();
  }

  static GuideInput goApi() {
    return goApi(UnaryOperator.identity());
  }

  /** The Go example's guide input, its Dockerfile's findings passed through {@code findings} (to plant hostile text). */
  static GuideInput goApi(UnaryOperator<List<Finding>> findings) {
    String text = read("Dockerfile");
    FileReport dockerfile = FileReport.of("Dockerfile", findings.apply(lint(text)), text);
    List<VariantOutcome> variants = new ArrayList<>();
    for (HardenResult r : Harden.all(text, Map.of("go.mod", read("go.mod"), "main.go", read("main.go")), new HardenOptions("go-api", null, null))) {
      String file = "hardened/Dockerfile." + r.variant().id();
      if (r instanceof HardenResult.Hardened h) {
        String base = h.text().lines().filter(l -> l.startsWith("FROM ")).reduce((a, b) -> b).orElseThrow().substring(5).strip();
        int fromLine = (int) h.text().lines().takeWhile(l -> !l.equals("FROM " + base)).count() + 1;
        variants.add(new VariantOutcome(r.variant(), file, r, FileReport.of(file, lint(h.text()), h.text()),
            runtime(base, true, h.text().contains("USER 65532") ? "65532:65532" : "10001:10001", fromLine)));
      } else {
        variants.add(new VariantOutcome(r.variant(), file, r, null, null));
      }
    }
    GuideInput.RuntimeSnippets snippets = new GuideInput.RuntimeSnippets("go-api:distroless",
        "docker run --read-only --cap-drop ALL go-api:distroless\n", "services:\n  go-api:\n    image: go-api:distroless\n",
        "apiVersion: v1\nkind: Pod\n");
    return new GuideInput("go-api", "Dockerfile", "hardened", new ScanReport(List.of(dockerfile)), dockerfile, runtime("alpine:latest", false, null, 2),
        variants, snippets, Map.of(), LocalDate.of(2026, 12, 1), "../docs/rules/");
  }

  static Runtime runtime(String base, boolean multiStage, String user, int fromLine) {
    dev.bulwark.core.catalog.BaseImage catalog = null;
    try {
      catalog = base.equals("scratch") ? null : BaseImageCatalog.get().lookup(ImageReference.parse(base)).orElse(null);
    } catch (ImageReference.InvalidReferenceException e) {
      throw new IllegalArgumentException(base, e);
    }
    return new Runtime(base, catalog, base.equals("scratch"), multiStage, user, false, multiStage, multiStage, fromLine);
  }
}
