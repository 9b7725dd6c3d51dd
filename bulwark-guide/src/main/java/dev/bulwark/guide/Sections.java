package dev.bulwark.guide;

import dev.bulwark.core.Finding;
import dev.bulwark.core.Location;
import dev.bulwark.core.Severity;
import dev.bulwark.core.catalog.BaseImage;
import dev.bulwark.guide.Guide.TimelineRow;
import dev.bulwark.guide.Guide.VariantView;
import dev.bulwark.guide.GuideInput.ImageFacts;
import dev.bulwark.guide.GuideInput.Runtime;
import dev.bulwark.harden.HardenResult;
import dev.bulwark.harden.Variant;
import dev.bulwark.report.FileReport;
import dev.bulwark.report.Where;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Text that every format shows the same: the parts and their headings, the sentences, variant
 * titles, the key lines, the reasons, the tables as rows of cells. Texts are inline Markdown
 * ({@code `code`}, {@code **bold**}), which the HTML renderer turns into elements; text from the
 * input (messages, paths) is only ever inside them, never interpreted.
 */
final class Sections {
  private Sections() {}

  /** The guide's parts, in order: every format's headings, and the HTML's section ids. */
  enum Part {
    VULNERABILITIES("vulnerabilities", "Vulnerability analysis"),
    IMPROVEMENTS("improvements", "Improvements"),
    USAGE("usage", "Usage"),
    COMPARISON("comparison", "Comparison"),
    RUNTIME("runtime", "Runtime security"),
    CI("ci", "CI/CD integration"),
    EXPECTED("expected", "Expected results"),
    TIMELINE("timeline", "Maintenance and mitigation timeline");

    final String id;
    final String title;

    Part(String id, String title) {
      this.id = id;
      this.title = title;
    }

    String heading() {
      return (ordinal() + 1) + ". " + title;
    }
  }

  /** A table: the header's cells (the first may be empty) and the rows, every cell inline text. */
  record Table(List<String> header, List<List<String>> rows) {
    Table {
      header = List.copyOf(header);
      rows = rows.stream().map(List::copyOf).toList();
    }
  }

  /** A code block: its heading (null: it continues the one before), a line leading to it (or null), its language and text. */
  record Snippet(String heading, String lead, String lang, String text) {}

  /** A finding with the file it is in. */
  record Located(FileReport file, Finding finding) {}

  static final String NOT_SCANNED = "Not scanned";
  static final String IMAGE_VULNS = "Image vulnerabilities";
  static final String DONE_WELL = "✅ Already done well";
  static final String DONE_MARK = "✅ ";
  static final String NOTHING_DONE = "Nothing yet that Bulwark can credit.";
  static final String NOT_WRITTEN = "not written";
  static final String USAGE_LEAD = "In the project's directory:";
  static final String CI_LEAD = "The snippets run Bulwark from a checkout at `tools/bulwark` (a git submodule, say).";
  static final String GRADE_HOW = "How the grade is computed";
  static final String GRADE_ROW = "Grade";
  static final String GRADE_LEGEND = "Letters as Docker Scout's health score: A above 90 %, B 71–90, C 51–70, D 31–50, E 11–30, F 10 or less; A+ is"
      + " 100 % with the built image scanned with a vulnerability database. Caps: a critical issue → at most D, a root application container or an"
      + " end-of-life base → at most C, a high issue → at most B. Checks that could not be measured are left out of the total.";

  static String title(GuideInput in) {
    return "Security guide: " + in.project();
  }

  static String intro(GuideInput in) {
    return "Written by `" + Commands.report(in) + "` (Bulwark) on " + in.asOf() + ". Every figure below comes from"
        + " Bulwark's own scans of the files named here, or is labelled with where it comes from (the base-image catalog).";
  }

  /** {@code Grade: E (20 %) → A (96 %) with `hardened/Dockerfile.distroless`}. */
  static String gradeLine(Guide g) {
    return "Grade: " + grade(g.gradeBefore()) + g.recommended().map(r -> " → " + grade(r.grade()) + " with `" + r.outcome().file() + "`").orElse("");
  }

  static String grade(Grade.Result r) {
    return r == null ? "–" : r.letter() + " (" + r.score() + " %)";
  }

  static String issues(Guide g) {
    GuideInput in = g.input();
    int total = g.counts().values().stream().mapToInt(Integer::intValue).sum();
    String said = "Your Dockerfile and its settings have " + Guide.sentence(g.counts()) + (total == 1 ? " issue" : " issues") + " (`"
        + Commands.scanProject(in) + "`).";
    if (in.dockerfileScan().purpose() != null) {
      // what the severities were judged for: a development image's root user is not an application's
      said += " What `" + in.dockerfile() + "` builds, as Bulwark judges it: " + dev.bulwark.report.Escape.terminal(in.dockerfileScan().purpose().describe()) + ".";
    }
    return said;
  }

  /** The project's findings of one severity, file by file, in the scan's order. */
  static List<Located> findings(GuideInput in, Severity s) {
    List<Located> out = new ArrayList<>();
    for (FileReport f : in.projectScan().files()) {
      for (Finding x : f.findings()) {
        if (x.severity() == s) {
          out.add(new Located(f, x));
        }
      }
    }
    return out;
  }

  /** {@code Dockerfile:2:1}, or the file and what in it for a finding without a line. */
  static String where(FileReport f, Finding x) {
    return x.location() instanceof Location.Text t ? f.path() + ":" + t.span().startLine() + ":" + t.span().startColumn()
        : f.path() + " (" + Where.detail(x.location()) + ")";
  }

  /** The rule's page, relative to the guide, or null when the guide is written outside a Bulwark checkout. */
  static String ruleUrl(GuideInput in, String rule) {
    return in.ruleDocs() == null ? null : in.ruleDocs() + rule + ".md";
  }

  static String explain(String rule) {
    return "bulwark explain " + rule;
  }

  /** The built images' vulnerabilities, or null when no image was scanned with a database. */
  static Table imageVulns(GuideInput in) {
    if (in.images().values().stream().noneMatch(i -> i.vulns().isPresent())) {
      return null;
    }
    List<List<String>> rows = new ArrayList<>();
    in.images().forEach((label, i) -> i.vulns().ifPresent(v -> rows.add(List.of(label + " (`" + i.reference() + "`)",
        String.valueOf(v.count(Severity.CRITICAL)), String.valueOf(v.count(Severity.HIGH)), String.valueOf(v.count(Severity.MEDIUM)),
        String.valueOf(v.count(Severity.LOW)), i.baseVulns().map(bv -> bv.count(Severity.CRITICAL) + "/" + bv.count(Severity.HIGH) + "/"
            + bv.count(Severity.MEDIUM) + "/" + bv.count(Severity.LOW)).orElse("not split (`bulwark image IMAGE --base BASE` splits it)")))));
    return new Table(List.of("Image", "Critical", "High", "Medium", "Low", "In the base image (C/H/M/L)"), rows);
  }

  static String improvementsLead(GuideInput in) {
    return "`" + Commands.harden(in) + "` rewrote the Dockerfile into these variants; each keeps the original build and replaces the runtime stage.";
  }

  static String notePrefix(HardenResult.Note n) {
    return n.todo() ? "**To do:** " : "Note: ";
  }

  static List<VariantView> written(Guide g) {
    return g.variants().stream().filter(VariantView::written).toList();
  }

  /** The header of the tables that compare the original with each written variant. */
  static List<String> variantHeader(Guide g) {
    List<String> h = new ArrayList<>(List.of("", "Original"));
    written(g).forEach(v -> h.add(title(v.outcome().variant())));
    return h;
  }

  private static List<String> row(String title, String original, List<VariantView> variants, Function<VariantView, String> cell) {
    List<String> r = new ArrayList<>(List.of(title, original));
    variants.forEach(v -> r.add(cell.apply(v)));
    return r;
  }

  /** Section 4: the original against each written variant. */
  static Table comparison(Guide g) {
    GuideInput in = g.input();
    List<VariantView> w = written(g);
    Function<VariantView, ImageFacts> image = v -> in.images().get(v.outcome().variant().id());
    List<List<String>> rows = new ArrayList<>();
    rows.add(row("Base image", "`" + in.original().base() + "`", w, v -> "`" + v.outcome().runtime().base() + "`"));
    rows.add(row("User", user(in.original(), Guide.has(in.dockerfileScan(), "BW-D001")), w,
        v -> user(v.outcome().runtime(), Guide.has(v.outcome().scan(), "BW-D001"))));
    rows.add(row("Attack surface", surface(in.original(), in.images().get("original")), w, v -> surface(v.outcome().runtime(), image.apply(v))));
    rows.add(row("Base-image vulnerabilities", vulns(in.images().get("original")), w, v -> vulns(image.apply(v))));
    rows.add(row("Image size", size(in.images().get("original"), in.original()), w, v -> size(image.apply(v), v.outcome().runtime())));
    rows.add(row("Debugging", debuggability(in.original()), w, v -> debuggability(v.outcome().runtime())));
    rows.add(row("Updates", updates(in.original(), in.asOf()), w, v -> updates(v.outcome().runtime(), in.asOf())));
    rows.add(row("Dockerfile findings", Guide.sentence(Guide.counts(List.of(in.dockerfileScan()))), w, v -> Guide.sentence(v.counts())));
    return new Table(variantHeader(g), rows);
  }

  static String runtimeLead(Guide g) {
    return "Generated by `bulwark runtime` for `" + g.input().runtime().image() + "`"
        + g.recommended().map(r -> " (built from `" + r.outcome().file() + "`)").orElse("") + ".";
  }

  static List<Snippet> runtimeSnippets(GuideInput in) {
    return List.of(new Snippet("docker run", null, "sh", in.runtime().dockerRun()), new Snippet("Compose", null, "yaml", in.runtime().compose()),
        new Snippet("Kubernetes", null, "yaml", in.runtime().kubernetes()));
  }

  static List<Snippet> ciSnippets(GuideInput in) {
    return List.of(new Snippet("GitHub Actions", null, "yaml", Commands.githubActions(in)), new Snippet("GitLab CI", null, "yaml", Commands.gitlab(in)),
        new Snippet("pre-commit", null, "yaml", Commands.preCommit()), new Snippet("Base-image updates", "Renovate:", "json5", Commands.renovate()),
        new Snippet(null, "or Dependabot:", "yaml", Commands.dependabot(in)));
  }

  static String expectedLead(GuideInput in) {
    return "From Bulwark's scans of the variants themselves (`bulwark scan " + in.variantsDir() + "/Dockerfile.<variant>`), with the project's"
        + " other files as they are.";
  }

  /** Section 7 without its grade row: the Dockerfile's counts by severity, was and is, and the sizes when measured. */
  static Table expected(Guide g) {
    GuideInput in = g.input();
    List<VariantView> w = written(g);
    List<List<String>> rows = new ArrayList<>();
    Map<Severity, Integer> was = Guide.counts(List.of(in.dockerfileScan()));
    for (Severity s : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
      rows.add(row(capital(s.label()), String.valueOf(was.getOrDefault(s, 0)), w, v -> v.counts().getOrDefault(s, 0) + " (was " + was.getOrDefault(s, 0) + ")"));
    }
    if (in.images().containsKey("original") || w.stream().anyMatch(v -> in.images().containsKey(v.outcome().variant().id()))) {
      rows.add(row("Image size", size(in.images().get("original")), w, v -> size(in.images().get(v.outcome().variant().id()))));
    }
    return new Table(variantHeader(g), rows);
  }

  /** The grades of the grade row: the original's, then each written variant's. */
  static List<Grade.Result> grades(Guide g) {
    List<Grade.Result> out = new ArrayList<>();
    out.add(g.gradeBefore());
    written(g).forEach(v -> out.add(v.grade()));
    return out;
  }

  /** The grades broken down: the original's, and the recommended variant's, each with its title. */
  static List<Map.Entry<String, Grade.Result>> explained(Guide g) {
    List<Map.Entry<String, Grade.Result>> out = new ArrayList<>();
    out.add(Map.entry("Original", g.gradeBefore()));
    g.recommended().ifPresent(rec -> out.add(Map.entry(title(rec.outcome().variant()), rec.grade())));
    return out;
  }

  static String points(Grade.Result r) {
    return r.earned() + " of " + r.possible() + " points.";
  }

  static Table checks(Grade.Result r) {
    List<List<String>> rows = new ArrayList<>();
    for (Grade.Check c : r.checks()) {
      rows.add(List.of(c.title(), String.valueOf(c.points()), c.measured() ? String.valueOf(c.earned()) : "not measured", c.why()));
    }
    return new Table(List.of("Check", "Points", "Earned", "Why"), rows);
  }

  static String cap(Grade.Cap c) {
    return "Capped at " + c.letter() + ": " + c.why() + ".";
  }

  static Table timeline(Guide g) {
    List<List<String>> rows = new ArrayList<>();
    for (TimelineRow r : g.timeline()) {
      rows.add(List.of(r.when(), r.action(), r.why()));
    }
    return new Table(List.of("When", "Action", "Why"), rows);
  }

  static String vulns(ImageFacts i) {
    if (i == null || i.baseVulns().isEmpty()) {
      return i != null && i.vulns().isPresent() ? "see the image's counts above" : "not measured (build it, pass `--image` and `--db`)";
    }
    GradeFacts.ImageVulns v = i.baseVulns().get();
    return v.count(Severity.CRITICAL) + " critical, " + v.count(Severity.HIGH) + " high, " + v.count(Severity.MEDIUM) + " medium (measured)";
  }

  static String capital(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  static String title(Variant v) {
    return switch (v) {
      case DISTROLESS -> "Distroless (recommended)";
      case ALPINE -> "Hardened Alpine";
      case CHAINGUARD -> "Chainguard";
      case SCRATCH -> "Scratch";
    };
  }

  /** The final stage's instructions, without comments and blank lines: what the runtime is. */
  static List<String> keyLines(String dockerfile) {
    String[] lines = dockerfile.split("\n", -1);
    int last = 0;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].stripLeading().regionMatches(true, 0, "FROM ", 0, 5)) {
        last = i;
      }
    }
    List<String> out = new ArrayList<>();
    for (int i = last; i < lines.length && out.size() < 16; i++) {
      String l = lines[i].strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        out.add(lines[i].stripTrailing());
      }
    }
    return out;
  }

  /** Why a variant is safer, in the words a reviewer wants: one line per property the text really has. */
  static List<String> reasons(Variant v, String text) {
    List<String> out = new ArrayList<>();
    switch (v) {
      case DISTROLESS -> out.add("No shell and no package manager in the runtime image: code execution finds no tools to download or run more");
      case ALPINE -> out.add("A pinned, supported Alpine with only the runtime packages: a small surface that still has a shell for debugging");
      case CHAINGUARD -> out.add("Chainguard's Wolfi-based image: rebuilt daily, no shell, few packages");
      case SCRATCH -> out.add("An empty image: the binary, CA certificates and a passwd entry, nothing else");
    }
    if (text.contains("USER 65532") || text.contains("USER nonroot")) {
      out.add("Runs as uid 65532 (nonroot): a container escape does not start as root");
    } else if (text.matches("(?s).*\\nUSER [1-9][0-9]*.*")) {
      out.add("Runs as a dedicated numeric non-root user: Kubernetes' runAsNonRoot can verify it");
    }
    if (text.contains("apk upgrade --no-cache")) {
      out.add("`apk upgrade --no-cache`: the security updates published since the base image was built, without a package cache");
    }
    if (text.contains("CGO_ENABLED=0")) {
      out.add("`CGO_ENABLED=0`: a static binary that needs no libc in the runtime image");
    }
    if (text.contains("-trimpath")) {
      out.add("`-trimpath`: no build machine paths in the binary (reproducible, nothing leaked)");
    }
    if (text.contains("-s -w")) {
      out.add("`-ldflags=\"-s -w\"`: no symbol table or debug information, a smaller binary");
    }
    if (text.contains("--locked")) {
      out.add("`cargo --locked`: the build uses exactly the versions in Cargo.lock");
    }
    if (text.contains("--omit=dev")) {
      out.add("`--omit=dev`: development dependencies stay out of the image");
    }
    if (text.contains("--no-cache-dir")) {
      out.add("`pip --no-cache-dir` in a virtualenv: only the installed packages are copied, no pip cache");
    }
    if (text.contains("PYTHONDONTWRITEBYTECODE")) {
      out.add("`PYTHONDONTWRITEBYTECODE=1`, `PYTHONUNBUFFERED=1`: no .pyc written at run time (read-only root works), logs not held back");
    }
    if (text.contains("--chown=0:0") || text.contains("owned by root")) {
      out.add("The app's files are owned by root: the app cannot rewrite itself");
    }
    if (text.contains("org.opencontainers.image")) {
      out.add("OCI labels: scanners and registries can tell what the image is and where it came from");
    }
    return out;
  }

  /** A table cell for a runtime stage's user. */
  static String user(Runtime rt, boolean root) {
    if (root) {
      return "root";
    }
    if (rt.user() != null) {
      return rt.user();
    }
    BaseImage b = rt.catalog();
    return b == null ? "the base image's default" : b.user() + " (the base image's default)";
  }

  static String surface(Runtime rt, ImageFacts image) {
    if (image != null) {
      String shells = image.shells().isEmpty() ? "no shell" : String.join(", ", image.shells());
      String pms = image.packageManagers().isEmpty() ? "no package manager" : String.join(", ", image.packageManagers());
      return shells + "; " + pms + "; " + image.executables() + " executables (measured)";
    }
    if (rt.scratch()) {
      return "no shell; no package manager (scratch)";
    }
    BaseImage b = rt.catalog();
    if (b == null) {
      return "unknown (not in the catalog; give --image to measure)";
    }
    return (b.shell() == null ? "no shell" : b.shell()) + "; " + (b.packageManager() == null ? "no package manager" : b.packageManager())
        + " (catalog)";
  }

  static String debuggability(Runtime rt) {
    boolean shell = rt.scratch() ? false : rt.catalog() == null || rt.catalog().shell() != null;
    if (shell) {
      return "a shell: `docker exec -it … sh`";
    }
    if (rt.base().contains("distroless")) {
      return "no shell: the `:debug-nonroot` tag, or `kubectl debug` with an ephemeral container";
    }
    return "no shell: `kubectl debug` with an ephemeral container, or `docker cp` files out";
  }

  static String updates(Runtime rt, java.time.LocalDate asOf) {
    if (rt.scratch()) {
      return "nothing in the image but the app: rebuild for the app's own fixes";
    }
    BaseImage b = rt.catalog();
    if (b == null) {
      return "unknown (not in the catalog)";
    }
    String who = b.eolOf() != null ? b.eolOf() : b.family().name();
    if (b.eol().equals("-")) {
      return who + ": no end announced (rolling)";
    }
    if (b.eol().equals("past")) {
      return who + ": **end of life**";
    }
    return who + (b.isEndOfLife(asOf) ? ": **end of life since " : " until ") + b.eol() + (b.isEndOfLife(asOf) ? "**" : "")
        + (b.ltsUntil() != null ? " (LTS until " + b.ltsUntil() + ")" : "");
  }

  /**
   * Published sizes of a few base images, as the distroless README gives them (its figures, to
   * compare against, not measurements of ours): the estimate the comparison shows when no image was built.
   */
  private static final List<Map.Entry<java.util.regex.Pattern, String>> BASE_SIZES = List.of(
      Map.entry(java.util.regex.Pattern.compile("(.*/)?distroless/static(-debian\\d+)?(:.*)?"), "~2 MiB"),
      Map.entry(java.util.regex.Pattern.compile("((docker\\.io/)?library/)?alpine(:.*)?"), "~5 MiB"),
      Map.entry(java.util.regex.Pattern.compile("((docker\\.io/)?library/)?debian(:[0-9a-z.]+)?"), "124 MiB"));

  static String size(ImageFacts image) {
    return size(image, null);
  }

  /** Measured when the image was read; else the base's published size where one is known, labelled; else not measured. */
  static String size(ImageFacts image, Runtime rt) {
    if (image == null) {
      if (rt != null && rt.scratch()) {
        return "the app's files only (scratch adds nothing)";
      }
      if (rt != null) {
        for (Map.Entry<java.util.regex.Pattern, String> e : BASE_SIZES) {
          if (e.getKey().matcher(rt.base()).matches()) {
            return "base " + e.getValue() + " (estimate: the distroless README's figure) + the app; build it and pass `--image` to measure";
          }
        }
      }
      return "not measured (build it and pass `--image`)";
    }
    return String.format(Locale.ROOT, "%.1f MB unpacked (measured)", image.sizeBytes() / 1e6);
  }

  /** The tag a variant is built as in the usage commands: {@code go-api:distroless}, {@code go-api:original}. */
  static String tag(String project, String label) {
    String repo = project.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-").replaceAll("^[^a-z0-9]+", "");
    return (repo.isEmpty() ? "app" : repo) + ":" + label;
  }

  static String tarball(String project, String label) {
    return tag(project, label).replace(':', '-') + ".tar";
  }
}
