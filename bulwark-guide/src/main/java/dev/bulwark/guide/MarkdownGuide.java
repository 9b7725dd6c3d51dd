package dev.bulwark.guide;

import dev.bulwark.core.Finding;
import dev.bulwark.core.Location;
import dev.bulwark.core.Severity;
import dev.bulwark.guide.Guide.TimelineRow;
import dev.bulwark.guide.Guide.VariantView;
import dev.bulwark.guide.GuideInput.ImageFacts;
import dev.bulwark.harden.HardenResult;
import dev.bulwark.report.FileReport;
import dev.bulwark.report.MarkdownReport;
import dev.bulwark.report.Where;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The guide as Markdown: the SECURITY.md a project commits. */
public final class MarkdownGuide {
  private MarkdownGuide() {}

  public static String render(Guide g) {
    GuideInput in = g.input();
    StringBuilder b = new StringBuilder();
    b.append("# Security guide: ").append(in.project()).append("\n\n");
    b.append("Written by `").append(Commands.report(in)).append("` (Bulwark) on ").append(in.asOf()).append(". Every figure below comes from")
        .append(" Bulwark's own scans of the files named here, or is labelled with where it comes from (the base-image catalog).\n\n");
    Guide.VariantView rec = g.recommended().orElse(null);
    b.append("**Grade: ").append(grade(g.gradeBefore()));
    if (rec != null) {
      b.append(" → ").append(grade(rec.grade())).append(" with `").append(rec.outcome().file()).append("`");
    }
    b.append("**\n\n");

    // 1
    b.append("## 1. Vulnerability analysis\n\n");
    b.append("Your Dockerfile and its settings have ").append(Guide.sentence(g.counts())).append(g.counts().values().stream().mapToInt(Integer::intValue).sum() == 1 ? " issue" : " issues")
        .append(" (`").append(Commands.scanProject(in)).append("`).");
    if (in.dockerfileScan().purpose() != null) {
      b.append(" What `").append(in.dockerfile()).append("` builds, as Bulwark judges it: ").append(cell(in.dockerfileScan().purpose().describe())).append('.');
    }
    b.append('\n');
    for (Severity s : Severity.values()) {
      List<String> lines = new ArrayList<>();
      for (FileReport f : in.projectScan().files()) {
        for (Finding x : f.findings()) {
          if (x.severity() == s) {
            lines.add("- **" + x.ruleId() + "** " + cell(x.rule().title()) + " — `" + where(f, x) + "`: " + cell(x.message()) + ". "
                + link(in, x.ruleId()));
          }
        }
      }
      if (!lines.isEmpty()) {
        b.append("\n### ").append(capital(s.label())).append("\n\n");
        lines.forEach(l -> b.append(l).append('\n'));
      }
    }
    List<String> errors = in.projectScan().files().stream().filter(f -> f.error() != null).map(f -> "- `" + f.path() + "`: " + cell(f.error())).toList();
    if (!errors.isEmpty()) {
      b.append("\n### Not scanned\n\n");
      errors.forEach(l -> b.append(l).append('\n'));
    }
    if (in.images().values().stream().anyMatch(i -> i.vulns().isPresent())) {
      b.append("\n### Image vulnerabilities\n\n| Image | Critical | High | Medium | Low | In the base image (C/H/M/L) |\n|---|---|---|---|---|---|\n");
      in.images().forEach((label, i) -> i.vulns().ifPresent(v -> b.append("| ").append(label).append(" (`").append(cell(i.reference())).append("`) | ")
          .append(v.count(Severity.CRITICAL)).append(" | ").append(v.count(Severity.HIGH)).append(" | ").append(v.count(Severity.MEDIUM)).append(" | ")
          .append(v.count(Severity.LOW)).append(" | ").append(i.baseVulns().map(bv -> bv.count(Severity.CRITICAL) + "/" + bv.count(Severity.HIGH) + "/"
              + bv.count(Severity.MEDIUM) + "/" + bv.count(Severity.LOW)).orElse("not split (`bulwark image IMAGE --base BASE` splits it)")).append(" |\n")));
    }
    b.append("\n### ✅ Already done well\n\n");
    if (g.doneWell().isEmpty()) {
      b.append("Nothing yet that Bulwark can credit.\n");
    }
    g.doneWell().forEach(d -> b.append("- ✅ ").append(d).append('\n'));

    // 2
    b.append("\n## 2. Improvements\n\n`").append(Commands.harden(in)).append("` rewrote the Dockerfile into these variants; each keeps the")
        .append(" original build and replaces the runtime stage.\n");
    for (VariantView v : g.variants()) {
      b.append("\n### ").append(Sections.title(v.outcome().variant()));
      if (v.outcome().result() instanceof HardenResult.Refused r) {
        b.append(": not written\n\n").append(cell(r.message())).append('\n');
        continue;
      }
      HardenResult.Hardened h = (HardenResult.Hardened) v.outcome().result();
      b.append(" — [`").append(v.outcome().file()).append("`](").append(v.outcome().file()).append(")\n\n```dockerfile\n");
      Sections.keyLines(h.text()).forEach(l -> b.append(l).append('\n'));
      b.append("```\n\n");
      Sections.reasons(v.outcome().variant(), h.text()).forEach(r -> b.append("- ").append(r).append('\n'));
      for (HardenResult.Note n : h.notes()) {
        b.append("- ").append(n.todo() ? "**To do:** " : "Note: ").append(cell(n.message())).append('\n');
      }
    }

    // 3
    b.append("\n## 3. Usage\n\nIn the project's directory:\n\n```sh\n");
    for (Commands.Shown c : Commands.usage(g)) {
      b.append(c.line()).append("   # ").append(c.comment()).append('\n');
    }
    b.append("```\n");

    // 4
    b.append("\n## 4. Comparison\n\n");
    List<VariantView> written = g.variants().stream().filter(VariantView::written).toList();
    b.append("| | Original");
    written.forEach(v -> b.append(" | ").append(Sections.title(v.outcome().variant())));
    b.append(" |\n|---|---");
    written.forEach(v -> b.append("|---"));
    b.append("|\n");
    row(b, "Base image", "`" + in.original().base() + "`", written, v -> "`" + v.outcome().runtime().base() + "`");
    row(b, "User", Sections.user(in.original(), Guide.has(in.dockerfileScan(), "BW-D001")), written,
        v -> Sections.user(v.outcome().runtime(), Guide.has(v.outcome().scan(), "BW-D001")));
    row(b, "Attack surface", Sections.surface(in.original(), in.images().get("original")), written,
        v -> Sections.surface(v.outcome().runtime(), in.images().get(v.outcome().variant().id())));
    row(b, "Base-image vulnerabilities", vulns(in.images().get("original")), written, v -> vulns(in.images().get(v.outcome().variant().id())));
    row(b, "Image size", Sections.size(in.images().get("original")), written, v -> Sections.size(in.images().get(v.outcome().variant().id())));
    row(b, "Debugging", Sections.debuggability(in.original()), written, v -> Sections.debuggability(v.outcome().runtime()));
    row(b, "Updates", Sections.updates(in.original(), in.asOf()), written, v -> Sections.updates(v.outcome().runtime(), in.asOf()));
    row(b, "Dockerfile findings", Guide.sentence(Guide.counts(List.of(in.dockerfileScan()))), written, v -> Guide.sentence(v.counts()));

    // 5
    b.append("\n## 5. Runtime security\n\nGenerated by `bulwark runtime` for `").append(in.runtime().image()).append("`")
        .append(rec != null ? " (built from `" + rec.outcome().file() + "`)" : "").append(".\n\n");
    b.append("### docker run\n\n```sh\n").append(in.runtime().dockerRun()).append("```\n\n");
    b.append("### Compose\n\n```yaml\n").append(in.runtime().compose()).append("```\n\n");
    b.append("### Kubernetes\n\n```yaml\n").append(in.runtime().kubernetes()).append("```\n");

    // 6
    b.append("\n## 6. CI/CD integration\n\nThe snippets run Bulwark from a checkout at `tools/bulwark` (a git submodule, say).\n\n");
    b.append("### GitHub Actions\n\n```yaml\n").append(Commands.githubActions(in)).append("```\n\n");
    b.append("### GitLab CI\n\n```yaml\n").append(Commands.gitlab(in)).append("```\n\n");
    b.append("### pre-commit\n\n```yaml\n").append(Commands.preCommit()).append("```\n\n");
    b.append("### Base-image updates\n\nRenovate:\n\n```json5\n").append(Commands.renovate()).append("```\n\nor Dependabot:\n\n```yaml\n")
        .append(Commands.dependabot(in)).append("```\n");

    // 7
    b.append("\n## 7. Expected results\n\nFrom Bulwark's scans of the variants themselves (`bulwark scan ").append(in.variantsDir())
        .append("/Dockerfile.<variant>`), with the project's other files as they are.\n\n| | Original");
    written.forEach(v -> b.append(" | ").append(Sections.title(v.outcome().variant())));
    b.append(" |\n|---|---");
    written.forEach(v -> b.append("|---"));
    b.append("|\n");
    Map<Severity, Integer> was = Guide.counts(List.of(in.dockerfileScan()));
    for (Severity s : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
      row(b, capital(s.label()), String.valueOf(was.getOrDefault(s, 0)), written,
          v -> v.counts().getOrDefault(s, 0) + " (was " + was.getOrDefault(s, 0) + ")");
    }
    if (in.images().containsKey("original") || written.stream().anyMatch(v -> in.images().containsKey(v.outcome().variant().id()))) {
      row(b, "Image size", Sections.size(in.images().get("original")), written, v -> Sections.size(in.images().get(v.outcome().variant().id())));
    }
    row(b, "Grade", grade(g.gradeBefore()), written, v -> grade(v.grade()));
    b.append("\n### How the grade is computed\n\n").append(gradeBreakdown(g));

    // 8
    b.append("\n## 8. Maintenance and mitigation timeline\n\n| When | Action | Why |\n|---|---|---|\n");
    for (TimelineRow r : g.timeline()) {
      b.append("| ").append(r.when()).append(" | ").append(cell(r.action())).append(" | ").append(cell(r.why())).append(" |\n");
    }
    return b.toString();
  }

  /** The grade's checks and caps, before and after hardening (also {@code --explain-grade}). */
  public static String gradeBreakdown(Guide g) {
    StringBuilder b = new StringBuilder();
    explain(b, "Original", g.gradeBefore());
    g.recommended().ifPresent(rec -> explain(b, Sections.title(rec.outcome().variant()), rec.grade()));
    b.append("Letters as Docker Scout's health score: A above 90 %, B 71–90, C 51–70, D 31–50, E 11–30, F 10 or less; A+ is 100 % with the")
        .append(" built image scanned with a vulnerability database. Caps: a critical issue → at most D, a root application container or an")
        .append(" end-of-life base → at most C, a high issue → at most B. Checks that could not be measured are left out of the total.\n");

    return b.toString();
  }

  static void explain(StringBuilder b, String title, Grade.Result r) {
    b.append("**").append(title).append(": ").append(grade(r)).append("** — ").append(r.earned()).append(" of ").append(r.possible())
        .append(" points.\n\n| Check | Points | Earned | Why |\n|---|---|---|---|\n");
    for (Grade.Check c : r.checks()) {
      b.append("| ").append(c.title()).append(" | ").append(c.points()).append(" | ").append(c.measured() ? String.valueOf(c.earned()) : "not measured")
          .append(" | ").append(cell(c.why())).append(" |\n");
    }
    for (Grade.Cap c : r.caps()) {
      b.append("\nCapped at ").append(c.letter()).append(": ").append(c.why()).append('.');
    }
    b.append("\n\n");
  }

  static String grade(Grade.Result r) {
    return r == null ? "–" : r.letter() + " (" + r.score() + " %)";
  }

  static String vulns(ImageFacts i) {
    if (i == null || i.baseVulns().isEmpty()) {
      return i != null && i.vulns().isPresent() ? "see the image's counts above" : "not measured (build it, pass `--image` and `--db`)";
    }
    GradeFacts.ImageVulns v = i.baseVulns().get();
    return v.count(Severity.CRITICAL) + " critical, " + v.count(Severity.HIGH) + " high, " + v.count(Severity.MEDIUM) + " medium (measured)";
  }

  private static void row(StringBuilder b, String title, String original, List<VariantView> variants, java.util.function.Function<VariantView, String> cell) {
    b.append("| ").append(title).append(" | ").append(cell(original));
    for (VariantView v : variants) {
      b.append(" | ").append(cell(cell.apply(v)));
    }
    b.append(" |\n");
  }

  static String where(FileReport f, Finding x) {
    return x.location() instanceof Location.Text t ? f.path() + ":" + t.span().startLine() + ":" + t.span().startColumn()
        : f.path() + " (" + Where.detail(x.location()) + ")";
  }

  static String link(GuideInput in, String rule) {
    return in.ruleDocs() == null ? "`bulwark explain " + rule + "`" : "[" + rule + "](" + in.ruleDocs() + rule + ".md)";
  }

  static String cell(String s) {
    return MarkdownReport.cell(s);
  }

  static String capital(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
