package dev.bulwark.report;

import dev.bulwark.core.text.SourceText;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Location;
import dev.bulwark.core.Severity;
import java.io.IOException;

/**
 * The human format: findings grouped by file, each with its source line and a caret under the
 * exact column (image findings: the config field, or the file and its layer; vulnerabilities: a table grouped by
 * package, as Trivy and Scout print them), then a summary line
 * ({@code 1 critical, 2 high}) and what was scanned.
 */
public final class TtyReport implements ReportWriter {
  private static final String RESET = "\u001b[0m";
  /** Widest a package, version or id cell gets (a Go pseudo-version is 34); longer ones are cut. */
  private static final int MAX_CELL = 40;
  private static final int MAX_TITLE = 80;
  private final boolean color;

  public TtyReport(boolean color) {
    this.color = color;
  }

  @Override
  public void write(ScanReport report, Appendable out) throws IOException {
    for (FileReport f : report.files()) {
      if (f.error() != null) {
        out.append(paint(Escape.terminal(f.path()), "\u001b[1m")).append(": error: ").append(Escape.terminal(f.error())).append('\n');
        continue;
      }
      if (f.findings().isEmpty() && f.warnings().isEmpty() && f.suppressed().isEmpty()) {
        continue;
      }
      out.append(paint(Escape.terminal(f.path()), "\u001b[1m"));
      if (f.purpose() != null) {
        out.append("  ").append(paint(Escape.terminal(f.purpose().describe()), "\u001b[2m"));
      }
      out.append('\n');
      SourceText text = f.source() == null ? null : new SourceText(f.source());
      VulnTable vulns = VulnTable.of(f.findings());
      for (Finding x : f.findings()) {
        if (x.vulnerable().isPresent()) {
          continue; // in the table below
        }
        out.append("  ").append(String.format("%-7s", Where.column(x.location())))
            .append(' ').append(paint(String.format("%-8s", x.severity().label()), colorOf(x.severity())))
            .append(' ').append(x.ruleId()).append("  ").append(Escape.terminal(x.message())).append('\n');
        if (!(x.location() instanceof Location.Text)) {
          out.append(paint(String.format("%6s | ", ""), "\u001b[2m")).append(Escape.terminal(Where.detail(x.location()))).append('\n');
        } else if (text != null && x.span().startLine() <= text.lineCount()) {
          sourceLine(text, x, out);
        }
      }
      if (!vulns.isEmpty()) {
        vulnTable(vulns, out);
      }
      // suppressed vulnerabilities are shown, not hidden: a person sees what VEX or the ignore file took out, and why
      if (!f.suppressed().isEmpty()) {
        out.append("  ").append(paint("suppressed", "\u001b[2m")).append(" (").append(String.valueOf(f.suppressed().size())).append("):\n");
        for (Suppressed x : f.suppressed()) {
          out.append("    ").append(x.ruleId()).append("  ").append(Escape.terminal(x.packageText())).append("  ").append(Escape.terminal(x.why()))
              .append("  ").append(paint(Escape.terminal(x.source()), "\u001b[2m")).append('\n');
        }
      }
      // what could not be read (an image's package database past a limit): the checks did not see it
      for (String w : f.warnings()) {
        out.append("  ").append(paint("warning", "\u001b[33m")).append(": ").append(Escape.terminal(w)).append('\n');
      }
      out.append('\n');
    }
    out.append(paint(report.summary(), "\u001b[1m")).append(" in ").append(report.scanned()).append('\n');
  }

  /**
   * Vulnerabilities as Trivy and Scout print them: a table grouped by package (package, installed, fixed in, id, severity,
   * title), the package and version written once per group, and under each group where the package is.
   */
  private void vulnTable(VulnTable table, Appendable out) throws IOException {
    int wPkg = "package".length();
    int wInstalled = "installed".length();
    int wFixed = "fixed in".length();
    int wId = "id".length();
    for (VulnTable.Group g : table.groups()) {
      wPkg = Math.max(wPkg, cell(VulnTable.packageCell(g.pkg()), MAX_CELL).length());
      wInstalled = Math.max(wInstalled, cell(g.pkg().installed(), MAX_CELL).length());
      for (Finding x : g.findings()) {
        wFixed = Math.max(wFixed, cell(VulnTable.fixedIn(x.vulnerable().get()), MAX_CELL).length());
        wId = Math.max(wId, cell(x.ruleId(), MAX_CELL).length());
      }
    }
    int groups = table.groups().size();
    out.append("  ").append(paint("vulnerabilities", "\u001b[1m")).append(": ").append(String.valueOf(table.vulnerabilities()))
        .append(" in ").append(String.valueOf(groups)).append(groups == 1 ? " package\n" : " packages\n");
    out.append(paint("  " + pad("package", wPkg) + "  " + pad("installed", wInstalled) + "  " + pad("fixed in", wFixed) + "  " + pad("id", wId)
        + "  " + pad("severity", 8) + "  title", "\u001b[2m")).append('\n');
    for (VulnTable.Group g : table.groups()) {
      boolean firstRow = true;
      for (Finding x : g.findings()) {
        String pkg = firstRow ? cell(VulnTable.packageCell(g.pkg()), MAX_CELL) : "";
        String installed = firstRow ? cell(g.pkg().installed(), MAX_CELL) : "";
        firstRow = false;
        out.append("  ").append(pad(pkg, wPkg)).append("  ").append(pad(installed, wInstalled)).append("  ")
            .append(pad(cell(VulnTable.fixedIn(x.vulnerable().get()), MAX_CELL), wFixed)).append("  ").append(pad(cell(x.ruleId(), MAX_CELL), wId))
            .append("  ");
        String title = cell(VulnTable.title(x), MAX_TITLE).stripTrailing();
        // no padding before an empty title: rows end in no trailing blanks
        String severity = VulnTable.severity(x);
        out.append(paint(title.isEmpty() ? severity : pad(severity, 8), colorOf(x.severity())));
        out.append(title.isEmpty() ? "" : "  " + title).append('\n');
      }
      out.append(paint(String.format("%6s | ", ""), "\u001b[2m")).append(Escape.terminal(VulnTable.where(g))).append('\n');
    }
  }

  /** One table cell: escaped for the terminal, cut to {@code max} with an ellipsis. */
  private static String cell(String s, int max) {
    String e = Escape.terminal(s);
    return e.length() <= max ? e : e.substring(0, max - 1) + "…";
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  private void sourceLine(SourceText text, Finding x, Appendable out) throws IOException {
    int ln = x.span().startLine();
    // at most 1,024 chars of the line are copied: only 160 are shown, and a 600 KB line under
    // thousands of findings would otherwise be copied once per finding
    String line = text.text().substring(text.lineStart(ln), Math.min(text.lineEnd(ln), text.lineStart(ln) + 1024)).stripTrailing();
    if (line.length() > 160) {
      line = line.substring(0, 157) + "...";
    }
    String gutter = String.format("%6d | ", ln);
    String shown = Escape.terminal(line.replace('\t', ' '));
    out.append(paint(gutter, "\u001b[2m")).append(shown).append('\n');
    int col = Math.max(1, Math.min(x.span().startColumn(), line.length() + 1));
    int end = x.span().endLine() == ln ? Math.max(col + 1, Math.min(x.span().endColumn(), line.length() + 1)) : line.length() + 1;
    if (shown.length() != line.length()) { // escapes widened the line: carets go under the escaped text
      int shownCol = Escape.terminal(line.substring(0, col - 1)).length() + 1;
      end = Escape.terminal(line.substring(0, Math.min(end - 1, line.length()))).length() + 1 + Math.max(0, end - 1 - line.length());
      col = shownCol;
    }
    int width = Math.max(1, end - col);
    out.append(" ".repeat(gutter.length() + col - 1)).append(paint("^" + "~".repeat(width - 1), colorOf(x.severity()))).append('\n');
  }

  private String colorOf(Severity s) {
    return switch (s) {
      case CRITICAL -> "\u001b[1;35m";
      case HIGH -> "\u001b[1;31m";
      case MEDIUM -> "\u001b[33m";
      case LOW -> "\u001b[36m";
      case INFO -> "\u001b[2m";
    };
  }

  private String paint(String s, String code) {
    return color ? code + s + RESET : s;
  }
}
