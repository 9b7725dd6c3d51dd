package dev.bulwark.report;

import dev.bulwark.core.Finding;
import dev.bulwark.core.Location;
import java.io.IOException;

/** A Markdown summary for pull-request comments and job summaries. */
public final class MarkdownReport implements ReportWriter {

  /** A table cell: pipes escaped, one line, control characters shown as a terminal shows them (job logs are terminals). */
  public static String cell(String s) {
    return Escape.terminal(s.replace("|", "\\|").replace("\n", " "));
  }

  @Override
  public void write(ScanReport report, Appendable out) throws IOException {
    out.append("## Bulwark: ").append(report.summary()).append(" in ").append(String.valueOf(report.files().size()))
        .append(report.files().size() == 1 ? " file\n" : " files\n");
    for (FileReport f : report.files()) {
      if (f.error() != null) {
        out.append("\n### `").append(Escape.terminal(f.path())).append("`\n\nError: ").append(cell(f.error())).append('\n');
        continue;
      }
      if (!f.warnings().isEmpty()) {
        out.append("\n### `").append(Escape.terminal(f.path())).append("`\n\n");
        for (String w : f.warnings()) {
          out.append("Warning: ").append(cell(w)).append("\n\n");
        }
      }
      if (f.findings().isEmpty()) {
        suppressed(f, out);
        continue;
      }
      out.append("\n### `").append(Escape.terminal(f.path())).append("`\n\n");
      if (f.purpose() != null) {
        out.append("Judged as a ").append(cell(f.purpose().describe())).append(".\n\n");
      }
      VulnTable vulns = VulnTable.of(f.findings());
      if (vulns.vulnerabilities() < f.findings().size()) {
        out.append("| Severity | Rule | Line | Finding | Fix |\n|---|---|---|---|---|\n");
      }
      for (Finding x : f.findings()) {
        if (x.vulnerable().isPresent()) {
          continue; // in the table below
        }
        out.append("| ").append(x.severity().label()).append(" | ").append(x.ruleId()).append(" | ").append(x.location() instanceof Location.Text t ? String.valueOf(t.span().startLine()) : cell(Where.detail(x.location())))
            .append(" | ").append(cell(x.message())).append(" | ").append(cell(x.rule().fix())).append(" |\n");
      }
      vulnTable(vulns, out);
      suppressed(f, out);
    }
  }

  /** Vulnerabilities grouped by package, the package written once per group, as in the terminal. */
  private static void vulnTable(VulnTable table, Appendable out) throws IOException {
    if (table.isEmpty()) {
      return;
    }
    out.append("\n| Package | Installed | Fixed in | Vulnerability | Severity | Title |\n|---|---|---|---|---|---|\n");
    for (VulnTable.Group g : table.groups()) {
      boolean firstRow = true;
      for (Finding x : g.findings()) {
        out.append("| ").append(firstRow ? cell(VulnTable.packageCell(g.pkg())) : "").append(" | ").append(firstRow ? cell(g.pkg().installed()) : "")
            .append(" | ").append(cell(VulnTable.fixedIn(x.vulnerable().get()))).append(" | ").append(cell(x.ruleId())).append(" | ")
            .append(VulnTable.severity(x)).append(" | ").append(cell(VulnTable.title(x))).append(" |\n");
        firstRow = false;
      }
    }
  }

  /** Suppressed vulnerabilities, collapsed: shown for review, out of the way of what needs doing. */
  private static void suppressed(FileReport f, Appendable out) throws IOException {
    if (f.suppressed().isEmpty()) {
      return;
    }
    out.append("\n<details><summary>").append(String.valueOf(f.suppressed().size())).append(" suppressed in <code>")
        .append(Escape.xml(f.path())).append("</code></summary>\n\n");
    for (Suppressed x : f.suppressed()) {
      out.append("- ").append(cell(x.ruleId())).append(" in ").append(cell(x.packageText())).append(": ").append(cell(x.why()))
          .append(" (").append(cell(x.source())).append(")\n");
    }
    out.append("\n</details>\n");
  }
}
