package dev.bulwark.guide;

import dev.bulwark.core.Severity;
import dev.bulwark.guide.Guide.VariantView;
import dev.bulwark.guide.Sections.Located;
import dev.bulwark.guide.Sections.Part;
import dev.bulwark.guide.Sections.Snippet;
import dev.bulwark.guide.Sections.Table;
import dev.bulwark.harden.HardenResult;
import dev.bulwark.report.FileReport;
import dev.bulwark.report.MarkdownReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The guide as Markdown: the SECURITY.md a project commits. The words are {@link Sections}'; this lays them out. */
public final class MarkdownGuide {
  private MarkdownGuide() {}

  public static String render(Guide g) {
    GuideInput in = g.input();
    StringBuilder b = new StringBuilder();
    b.append("# ").append(Sections.title(in)).append("\n\n").append(Sections.intro(in)).append("\n\n");
    b.append("**").append(Sections.gradeLine(g)).append("**\n\n");

    heading(b, Part.VULNERABILITIES).append(Sections.issues(g)).append('\n');
    for (Severity s : Severity.values()) {
      List<Located> found = Sections.findings(in, s);
      if (!found.isEmpty()) {
        b.append("\n### ").append(Sections.capital(s.label())).append("\n\n");
        for (Located l : found) {
          b.append("- **").append(l.finding().ruleId()).append("** ").append(cell(l.finding().rule().title())).append(" — `")
              .append(Sections.where(l.file(), l.finding())).append("`: ").append(cell(l.finding().message())).append(". ")
              .append(link(in, l.finding().ruleId())).append('\n');
        }
      }
    }
    List<FileReport> failed = in.projectScan().files().stream().filter(f -> f.error() != null).toList();
    if (!failed.isEmpty()) {
      b.append("\n### ").append(Sections.NOT_SCANNED).append("\n\n");
      failed.forEach(f -> b.append("- `").append(f.path()).append("`: ").append(cell(f.error())).append('\n'));
    }
    Table images = Sections.imageVulns(in);
    if (images != null) {
      b.append("\n### ").append(Sections.IMAGE_VULNS).append("\n\n");
      table(b, images);
    }
    b.append("\n### ").append(Sections.DONE_WELL).append("\n\n");
    if (g.doneWell().isEmpty()) {
      b.append(Sections.NOTHING_DONE).append('\n');
    }
    g.doneWell().forEach(d -> b.append("- ").append(Sections.DONE_MARK).append(d).append('\n'));

    b.append('\n');
    heading(b, Part.IMPROVEMENTS).append(Sections.improvementsLead(in)).append('\n');
    for (VariantView v : g.variants()) {
      b.append("\n### ").append(Sections.title(v.outcome().variant()));
      if (v.outcome().result() instanceof HardenResult.Refused r) {
        b.append(": ").append(Sections.NOT_WRITTEN).append("\n\n").append(cell(r.message())).append('\n');
        continue;
      }
      HardenResult.Hardened h = (HardenResult.Hardened) v.outcome().result();
      b.append(" — [`").append(v.outcome().file()).append("`](").append(v.outcome().file()).append(")\n\n```dockerfile\n");
      Sections.keyLines(h.text()).forEach(l -> b.append(l).append('\n'));
      b.append("```\n\n");
      Sections.reasons(v.outcome().variant(), h.text()).forEach(r -> b.append("- ").append(r).append('\n'));
      for (HardenResult.Note n : h.notes()) {
        b.append("- ").append(Sections.notePrefix(n)).append(cell(n.message())).append('\n');
      }
    }

    b.append('\n');
    heading(b, Part.USAGE).append(Sections.USAGE_LEAD).append("\n\n```sh\n");
    for (Commands.Shown c : Commands.usage(g)) {
      b.append(c.line()).append("   # ").append(c.comment()).append('\n');
    }
    b.append("```\n\n");

    heading(b, Part.COMPARISON);
    table(b, Sections.comparison(g));

    b.append('\n');
    heading(b, Part.RUNTIME).append(Sections.runtimeLead(g)).append("\n\n");
    snippets(b, Sections.runtimeSnippets(in));

    b.append('\n');
    heading(b, Part.CI).append(Sections.CI_LEAD).append("\n\n");
    snippets(b, Sections.ciSnippets(in));

    b.append('\n');
    heading(b, Part.EXPECTED).append(Sections.expectedLead(in)).append("\n\n");
    Table expected = Sections.expected(g);
    List<List<String>> rows = new ArrayList<>(expected.rows());
    List<String> gradeRow = new ArrayList<>(List.of(Sections.GRADE_ROW));
    Sections.grades(g).forEach(r -> gradeRow.add(Sections.grade(r)));
    rows.add(gradeRow);
    table(b, new Table(expected.header(), rows));
    b.append("\n### ").append(Sections.GRADE_HOW).append("\n\n").append(gradeBreakdown(g));

    b.append('\n');
    heading(b, Part.TIMELINE);
    table(b, Sections.timeline(g));
    return b.toString();
  }

  /** The grade's checks and caps, before and after hardening (also {@code --explain-grade}). */
  public static String gradeBreakdown(Guide g) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Grade.Result> e : Sections.explained(g)) {
      Grade.Result r = e.getValue();
      b.append("**").append(e.getKey()).append(": ").append(Sections.grade(r)).append("** — ").append(Sections.points(r)).append("\n\n");
      table(b, Sections.checks(r));
      r.caps().forEach(c -> b.append('\n').append(Sections.cap(c)));
      b.append("\n\n");
    }
    return b.append(Sections.GRADE_LEGEND).append('\n').toString();
  }

  private static StringBuilder heading(StringBuilder b, Part p) {
    return b.append("## ").append(p.heading()).append("\n\n");
  }

  /** Each cell escaped for a table: pipes, newlines, control characters. */
  private static void table(StringBuilder b, Table t) {
    b.append('|');
    t.header().forEach(h -> b.append(h.isEmpty() ? " " : " " + h + " ").append('|'));
    b.append("\n|");
    t.header().forEach(h -> b.append("---|"));
    b.append('\n');
    for (List<String> row : t.rows()) {
      b.append("| ").append(String.join(" | ", row.stream().map(MarkdownGuide::cell).toList())).append(" |\n");
    }
  }

  private static void snippets(StringBuilder b, List<Snippet> snippets) {
    for (int i = 0; i < snippets.size(); i++) {
      Snippet s = snippets.get(i);
      if (i > 0) {
        b.append('\n');
      }
      if (s.heading() != null) {
        b.append("### ").append(s.heading()).append("\n\n");
      }
      if (s.lead() != null) {
        b.append(s.lead()).append("\n\n");
      }
      b.append("```").append(s.lang()).append('\n').append(s.text()).append("```\n");
    }
  }

  static String link(GuideInput in, String rule) {
    String url = Sections.ruleUrl(in, rule);
    return url == null ? "`" + Sections.explain(rule) + "`" : "[" + rule + "](" + url + ")";
  }

  static String cell(String s) {
    return MarkdownReport.cell(s);
  }
}
