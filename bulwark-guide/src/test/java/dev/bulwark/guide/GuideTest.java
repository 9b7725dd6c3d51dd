package dev.bulwark.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.Severity;
import dev.bulwark.core.text.Span;
import dev.bulwark.core.catalog.BaseImage;
import dev.bulwark.core.catalog.BaseImageCatalog;
import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.guide.GuideInput.Runtime;
import dev.bulwark.guide.GuideInput.RuntimeSnippets;
import dev.bulwark.guide.GuideInput.VariantOutcome;
import dev.bulwark.harden.HardenResult;
import dev.bulwark.harden.Variant;
import dev.bulwark.report.FileReport;
import dev.bulwark.report.ScanReport;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the guide derives from its input, and how the Markdown shows it, on hand-made values. */
class GuideTest {
  static final LocalDate DAY = LocalDate.parse("2026-12-01");

  static Finding finding(String rule, Severity s, int line, String message) {
    RuleInfo info = new RuleInfo(rule, "Title of " + rule, s, Category.PRIVILEGE, "why", "fix it", List.of(), List.of());
    return Finding.of(info, message, new Span(line, 1, line, 5, 0, 4), null);
  }

  static BaseImage catalog(String ref) throws Exception {
    return BaseImageCatalog.get().lookup(ImageReference.parse(ref)).orElseThrow();
  }

  static Runtime runtime(String base, BaseImage known, int fromLine) {
    return new Runtime(base, known, base.equals("scratch"), false, null, false, false, false, fromLine);
  }

  static GuideInput input(FileReport dockerfile, Runtime original, List<VariantOutcome> variants) {
    return new GuideInput("demo", "Dockerfile", "hardened", new ScanReport(List.of(dockerfile)), dockerfile, original, variants,
        new RuntimeSnippets("demo:distroless", "docker run demo\n", "services: {}\n", "kind: Pod\n"), Map.of(), DAY, null);
  }

  @Test
  void countsReadAsOneSentence() {
    assertThat(Guide.sentence(Map.of())).isEqualTo("no");
    assertThat(Guide.sentence(Map.of(Severity.HIGH, 5))).isEqualTo("5 high");
    assertThat(Guide.sentence(Map.of(Severity.CRITICAL, 1, Severity.HIGH, 5))).isEqualTo("1 critical and 5 high");
    assertThat(Guide.sentence(Map.of(Severity.LOW, 3, Severity.CRITICAL, 1, Severity.MEDIUM, 2))).isEqualTo("1 critical, 2 medium and 3 low");
  }

  @Test
  void latestOrNoTagIsMovingEvenWithoutAFinding() throws Exception {
    FileReport none = FileReport.of("Dockerfile", List.of(), "");
    assertThat(Guide.pin(runtime("cgr.dev/chainguard/static:latest", null, 1), none)).isEqualTo(GradeFacts.Pin.MOVING);
    assertThat(Guide.pin(runtime("alpine", null, 1), none)).isEqualTo(GradeFacts.Pin.MOVING);
    assertThat(Guide.pin(runtime("alpine:3.24", null, 1), none)).isEqualTo(GradeFacts.Pin.VERSION);
    assertThat(Guide.pin(runtime("node:lts-buster-slim", catalog("node:lts-buster-slim"), 1), none)).as("lts names no release")
        .isEqualTo(GradeFacts.Pin.MOVING);
    assertThat(Guide.pin(runtime("node:24-slim", catalog("node:24-slim"), 1), none)).isEqualTo(GradeFacts.Pin.VERSION);
    assertThat(Guide.pin(runtime("alpine:3.24@sha256:" + "a".repeat(64), null, 1), none)).isEqualTo(GradeFacts.Pin.DIGEST);
    assertThat(Guide.pin(runtime("localhost:5000/app", null, 1), none)).as("a registry port is not a tag").isEqualTo(GradeFacts.Pin.MOVING);
    FileReport moving = FileReport.of("Dockerfile", List.of(finding("BW-D004", Severity.LOW, 3, "node:22 moves")), "");
    assertThat(Guide.pin(runtime("node:22", null, 3), moving)).isEqualTo(GradeFacts.Pin.MOVING);
    assertThat(Guide.pin(runtime("node:22", null, 7), moving)).as("the finding is on another FROM").isEqualTo(GradeFacts.Pin.VERSION);
  }

  @Test
  void doneWellCreditsOnlyWhatTheScanSaw() throws Exception {
    FileReport clean = FileReport.of("Dockerfile", List.of(), "");
    Runtime good = new Runtime("python:3.14-slim", catalog("python:3.14-slim"), false, true, "10001", true, true, true, 5);
    List<String> done = Guide.doneWell(input(clean, good, List.of()));
    assertThat(done).containsExactly("Multi-stage build: the final stage starts from its own base and copies only what was built", "Runs as a non-root user (`USER 10001`)",
        "Base image pinned to a release tag (`python:3.14-slim`)", "Supported base image (Debian 13 until 2028-08-09)",
        "A `.dockerignore` keeps the build context small", "No secrets found in the Dockerfile, build context or settings",
        "Exec-form start command: signals reach the app", "A `HEALTHCHECK` tells the runtime when the app is ready");
    FileReport bad = FileReport.of("Dockerfile", List.of(finding("BW-D001", Severity.CRITICAL, 1, "root"),
        finding("BW-D041", Severity.CRITICAL, 2, "a credential"), finding("BW-D003", Severity.HIGH, 1, "tools")), "");
    Runtime latest = new Runtime("python:latest", catalog("python:latest"), false, true, null, false, false, false, 1);
    assertThat(Guide.doneWell(input(bad, latest, List.of()))).isEmpty();
  }

  @Test
  void theTimelineMovesOffAnEndOfLifeBaseNowAndRebuildsWeekly() throws Exception {
    FileReport f = FileReport.of("Dockerfile", List.of(finding("BW-D006", Severity.HIGH, 1, "node 20 is EOL")), "");
    Guide g = Guide.of(input(f, runtime("node:20", catalog("node:20"), 1), List.of()));
    assertThat(g.timeline()).extracting(Guide.TimelineRow::when).startsWith("Now", "Now").contains("Weekly", "Daily", "Monthly", "Continuous");
    assertThat(g.timeline().get(1).action()).isEqualTo("Move off `node:20`");
    assertThat(g.timeline().get(1).why()).contains("Node.js 20 is past its end of life");
  }

  @Test
  void aRefusedVariantIsShownWithItsReasonAndGetsNoGrade() {
    FileReport f = FileReport.of("Dockerfile", List.of(), "");
    VariantOutcome refused = new VariantOutcome(Variant.SCRATCH, "hardened/Dockerfile.scratch",
        new HardenResult.Refused(Variant.SCRATCH, HardenResult.Reason.NOT_STATIC, "scratch holds static binaries only"), null, null);
    Guide g = Guide.of(input(f, runtime("alpine:3.24", null, 1), List.of(refused)));
    assertThat(g.recommended()).isEmpty();
    assertThat(g.variants().getFirst().grade()).isNull();
    String md = MarkdownGuide.render(g);
    assertThat(md).contains("### Scratch: not written\n\nscratch holds static binaries only").doesNotContain("hardened/Dockerfile.scratch`](");
  }

  @Test
  void withoutABuiltImageTheSizeIsAPublishedFigureLabelledOrNotMeasured() {
    assertThat(Sections.size(null, runtime("alpine:3.24", null, 1))).startsWith("base ~5 MiB (estimate: the distroless README's figure)");
    assertThat(Sections.size(null, runtime("gcr.io/distroless/static-debian13:nonroot", null, 1))).startsWith("base ~2 MiB (estimate");
    assertThat(Sections.size(null, runtime("debian:13-slim", null, 1))).as("the README gives no slim figure")
        .isEqualTo("not measured (build it and pass `--image`)");
    assertThat(Sections.size(null, runtime("python:3.14", null, 1))).isEqualTo("not measured (build it and pass `--image`)");
    assertThat(Sections.size(null, runtime("scratch", null, 1))).isEqualTo("the app's files only (scratch adds nothing)");
  }

  @Test
  void markdownKeepsTablesWholeAndControlCharactersVisible() {
    FileReport f = FileReport.of("Dockerfile", List.of(finding("BW-D040", Severity.HIGH, 4, "ENV A|B holds \u001b[31msecret")), "");
    String md = MarkdownGuide.render(Guide.of(input(f, runtime("alpine:3.24", null, 1), List.of())));
    assertThat(md).contains("ENV A\\|B holds ^[[31msecret").doesNotContain("\u001b");
    assertThat(md).contains("Your Dockerfile and its settings have 1 high issue").contains("`bulwark explain BW-D040`");
  }
}
