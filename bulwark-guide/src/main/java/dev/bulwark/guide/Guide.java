package dev.bulwark.guide;

import dev.bulwark.core.Finding;
import dev.bulwark.core.Location;
import dev.bulwark.core.Purpose;
import dev.bulwark.core.Severity;
import dev.bulwark.core.catalog.BaseImage;
import dev.bulwark.guide.GradeFacts.BaseStatus;
import dev.bulwark.guide.GradeFacts.Pin;
import dev.bulwark.guide.GradeFacts.Surface;
import dev.bulwark.guide.GuideInput.ImageFacts;
import dev.bulwark.guide.GuideInput.Runtime;
import dev.bulwark.guide.GuideInput.VariantOutcome;
import dev.bulwark.harden.Variant;
import dev.bulwark.report.FileReport;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the guide says, derived from its input: counts, grades before and after, what is already
 * done well, the expected results and the maintenance timeline. Every renderer reads this one
 * value, so Markdown, HTML and JSON cannot disagree.
 */
public record Guide(GuideInput input, Map<Severity, Integer> counts, Grade.Result gradeBefore, List<String> doneWell,
    List<VariantView> variants, List<TimelineRow> timeline) {

  /** A written variant with its scan's counts and its grade, or a refused one with the reason. */
  public record VariantView(VariantOutcome outcome, Map<Severity, Integer> counts, Grade.Result grade) {
    public boolean written() {
      return outcome.written();
    }
  }

  /** One line of the maintenance table: when, what, why. */
  public record TimelineRow(String when, String action, String why) {}

  private static final Set<String> SECRET_RULES = Set.of("BW-D040", "BW-D041", "BW-D042", "BW-D043", "BW-I002", "BW-C015");

  public static Guide of(GuideInput in) {
    Map<Severity, Integer> counts = counts(in.projectScan().files());
    Map<Severity, Integer> others = counts(in.projectScan().files().stream().filter(f -> !f.path().equals(in.dockerfileScan().path())).toList());
    Grade.Result before = Grade.of(facts(in.original(), in.dockerfileScan(), others, in.images().get("original"), in.asOf()));
    List<VariantView> views = new ArrayList<>();
    for (VariantOutcome v : in.variants()) {
      if (!v.written()) {
        views.add(new VariantView(v, Map.of(), null));
        continue;
      }
      Map<Severity, Integer> own = counts(List.of(v.scan()));
      views.add(new VariantView(v, own, Grade.of(facts(v.runtime(), v.scan(), others, in.images().get(v.variant().id()), in.asOf()))));
    }
    return new Guide(in, counts, before, doneWell(in), views, timeline(in, counts));
  }

  /** The recommended variant that was written: distroless, else the first written one. */
  public Optional<VariantView> recommended() {
    VariantOutcome pick = GuideInput.recommended(variants.stream().map(VariantView::outcome).toList()).orElse(null);
    return variants.stream().filter(v -> v.outcome() == pick).findFirst();
  }

  static Map<Severity, Integer> counts(List<FileReport> files) {
    Map<Severity, Integer> m = new EnumMap<>(Severity.class);
    for (FileReport f : files) {
      for (Finding x : f.findings()) {
        m.merge(x.severity(), 1, Integer::sum);
      }
    }
    return m;
  }

  /** {@code 1 critical and 5 high}, {@code 2 high, 1 medium and 3 low}, or {@code no}. */
  public static String sentence(Map<Severity, Integer> counts) {
    List<String> parts = new ArrayList<>();
    for (Severity s : Severity.values()) {
      int n = counts.getOrDefault(s, 0);
      if (n > 0) {
        parts.add(n + " " + s.label());
      }
    }
    if (parts.isEmpty()) {
      return "no";
    }
    if (parts.size() == 1) {
      return parts.getFirst();
    }
    return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.getLast();
  }

  static GradeFacts facts(Runtime rt, FileReport dockerfile, Map<Severity, Integer> others, ImageFacts image, LocalDate asOf) {
    Map<Severity, Integer> all = new EnumMap<>(Severity.class);
    all.putAll(others);
    counts(List.of(dockerfile)).forEach((s, n) -> all.merge(s, n, Integer::sum));
    boolean root = has(dockerfile, "BW-D001");
    boolean application = dockerfile.purpose() == null || dockerfile.purpose().purpose() == Purpose.APPLICATION;
    return new GradeFacts(all, root, status(rt, asOf), pin(rt, dockerfile), surface(rt, dockerfile, image), rt.dockerignore() || !has(dockerfile, "BW-I001"),
        image == null ? Optional.empty() : image.vulns(), application);
  }

  static boolean has(FileReport f, String rule) {
    return f.findings().stream().anyMatch(x -> x.ruleId().equals(rule));
  }

  static BaseStatus status(Runtime rt, LocalDate asOf) {
    if (rt.scratch()) {
      return BaseStatus.SCRATCH;
    }
    BaseImage b = rt.catalog();
    if (b == null) {
      return BaseStatus.UNKNOWN;
    }
    return switch (b.status(asOf)) {
      case "supported" -> BaseStatus.SUPPORTED;
      case "LTS only" -> BaseStatus.LTS_ONLY;
      case "EOL" -> BaseStatus.END_OF_LIFE;
      default -> BaseStatus.UNKNOWN;
    };
  }

  /**
   * Digest in the reference; no tag, {@code latest}, a tag of a versioned image that names no
   * release, or a BW-D002/BW-D004 finding on the FROM line that names the base: moving (whatever a pragma or purpose did to the finding); else a release tag.
   */
  static Pin pin(Runtime rt, FileReport dockerfile) {
    if (rt.scratch() || rt.base().contains("@sha256:")) {
      return Pin.DIGEST;
    }
    String name = rt.base().substring(rt.base().lastIndexOf('/') + 1);
    int colon = name.indexOf(':');
    if (colon < 0 || name.substring(colon + 1).equals("latest")) {
      return Pin.MOVING;
    }
    // a versioned image whose tag names no release (node:lts-slim, python:slim): the catalog says so
    if (rt.catalog() != null && rt.catalog().version() == null && rt.catalog().family().isVersioned()) {
      return Pin.MOVING;
    }
    boolean moving = dockerfile.findings().stream().anyMatch(x -> (x.ruleId().equals("BW-D002") || x.ruleId().equals("BW-D004"))
        && x.location() instanceof Location.Text t && t.span().startLine() == rt.fromLine());
    return moving ? Pin.MOVING : Pin.VERSION;
  }

  /** Measured in the image when one was read; else the catalog's shell and package manager, and the build-tool findings. */
  static Surface surface(Runtime rt, FileReport dockerfile, ImageFacts image) {
    if (has(dockerfile, "BW-D003") || has(dockerfile, "BW-D013")) {
      return Surface.FULL;
    }
    if (image != null) {
      return image.shells().isEmpty() && image.packageManagers().isEmpty() ? Surface.NONE : Surface.MINIMAL;
    }
    if (rt.scratch() || (rt.catalog() != null && rt.catalog().shell() == null && rt.catalog().packageManager() == null)) {
      return Surface.NONE;
    }
    return Surface.MINIMAL;
  }

  /** The seeds' "Implemented" list: only what Bulwark saw in the files. */
  static List<String> doneWell(GuideInput in) {
    Runtime rt = in.original();
    FileReport df = in.dockerfileScan();
    List<String> out = new ArrayList<>();
    if (rt.multiStage() && !has(df, "BW-D003") && !has(df, "BW-D013")) {
      out.add("Multi-stage build: the final stage starts from its own base and copies only what was built");
    }
    if (!has(df, "BW-D001")) {
      out.add("Runs as a non-root user" + (rt.user() == null ? " (the base image's default)" : " (`USER " + rt.user() + "`)"));
    }
    if (rt.base().contains("@sha256:")) {
      out.add("Base image pinned by digest");
    } else if (!rt.scratch() && pin(rt, df) == Pin.VERSION) {
      out.add("Base image pinned to a release tag (`" + rt.base() + "`)");
    }
    if (rt.catalog() != null && status(rt, in.asOf()) == BaseStatus.SUPPORTED && !rt.catalog().eol().equals("-") && pin(rt, df) != Pin.MOVING) {
      out.add("Supported base image (" + rt.catalog().eolOf() + " until " + rt.catalog().eol() + ")");
    }
    if (rt.dockerignore()) {
      out.add("A `.dockerignore` keeps the build context small");
    }
    if (in.projectScan().files().stream().flatMap(f -> f.findings().stream()).noneMatch(x -> SECRET_RULES.contains(x.ruleId()))) {
      out.add("No secrets found in the Dockerfile, build context or settings");
    }
    if (rt.execForm()) {
      out.add("Exec-form start command: signals reach the app");
    }
    if (rt.healthcheck()) {
      out.add("A `HEALTHCHECK` tells the runtime when the app is ready");
    }
    return out;
  }

  static List<TimelineRow> timeline(GuideInput in, Map<Severity, Integer> counts) {
    List<TimelineRow> rows = new ArrayList<>();
    int urgent = counts.getOrDefault(Severity.CRITICAL, 0) + counts.getOrDefault(Severity.HIGH, 0);
    Optional<VariantOutcome> rec = in.variants().stream().filter(VariantOutcome::written)
        .filter(v -> v.variant() == Variant.DISTROLESS).findFirst().or(() -> in.variants().stream().filter(VariantOutcome::written).findFirst());
    if (urgent > 0) {
      rows.add(new TimelineRow("Now", rec.map(v -> "Build and deploy `" + v.file() + "`").orElse("Fix the critical and high findings"),
          Guide.sentence(Map.of(Severity.CRITICAL, counts.getOrDefault(Severity.CRITICAL, 0), Severity.HIGH, counts.getOrDefault(Severity.HIGH, 0)))
              + " issues today"));
    }
    // the original's base matters only while no variant replaces it
    BaseImage base = rec.isPresent() ? null : in.original().catalog();
    if (base != null && base.isEndOfLife(in.asOf())) {
      rows.add(new TimelineRow("Now", "Move off `" + in.original().base() + "`",
          (base.eolOf() == null ? "its support" : base.eolOf()) + " is past its end of life" + (base.ltsUntil() != null ? " (LTS updates until " + base.ltsUntil() + ")" : "")));
    } else if (base != null && !base.eol().equals("-") && !base.eol().equals("past")) {
      LocalDate eol = LocalDate.parse(base.eol());
      rows.add(new TimelineRow("By " + eol.minusMonths(3), "Move `" + in.original().base() + "` to a newer release",
          base.eolOf() + " reaches its end of life on " + eol + "; three months leave time to test"));
    }
    rec.map(VariantOutcome::runtime).map(Runtime::catalog).filter(b -> !b.eol().equals("-") && !b.eol().equals("past")).ifPresent(b -> rows.add(
        new TimelineRow("By " + LocalDate.parse(b.eol()).minusMonths(3), "Move the hardened runtime `" + rec.get().runtime().base() + "` on",
            b.eolOf() + " reaches its end of life on " + b.eol())));
    rows.add(new TimelineRow("Weekly", "Rebuild the image and redeploy, even without code changes",
        "distroless and Alpine ship fixes as new image digests; a rebuild is how they reach you"));
    rows.add(new TimelineRow("Weekly", "Merge the base-image update pull requests (Renovate or Dependabot, below)", "keeps tags and digests current"));
    rows.add(new TimelineRow("Daily", "`bulwark db update`, then scan the deployed image", "new advisories appear for packages already in production"));
    rows.add(new TimelineRow("Monthly", "Update the language dependencies (lock files) and rebuild", "fixes in libraries arrive through the lock file, not the base image"));
    rows.add(new TimelineRow("Continuous", "Runtime detection (e.g. Falco) and the distribution's advisory feed",
        "catches what a build-time scan cannot: an exploited process, a new zero-day"));
    return rows;
  }
}
