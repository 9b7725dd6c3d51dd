package dev.bulwark.guide;

import dev.bulwark.core.Finding;
import dev.bulwark.core.Location;
import dev.bulwark.core.Severity;
import dev.bulwark.guide.Guide.VariantView;
import dev.bulwark.guide.Sections.Located;
import dev.bulwark.guide.Sections.Part;
import dev.bulwark.guide.Sections.Snippet;
import dev.bulwark.guide.Sections.Table;
import dev.bulwark.harden.HardenResult;
import dev.bulwark.report.FileReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guide as one self-contained HTML page: the sections, words and order of {@link MarkdownGuide}
 * (both read {@link Sections}), plus a severity chart and grade badges in inline SVG and CSS, and
 * each finding collapsible with an excerpt of its lines. Nothing is loaded from anywhere: no
 * scripts, fonts, images or style sheets but the inline one, and a Content-Security-Policy that
 * forbids any fetch should an escaping bug ever let markup through.
 */
public final class HtmlGuide {
  private HtmlGuide() {}

  /** Lines of context shown around a finding's lines, and the most lines of the finding itself. */
  static final int CONTEXT = 2;
  static final int MAX_HIT_LINES = 12;

  public static String render(Guide g) {
    GuideInput in = g.input();
    StringBuilder b = new StringBuilder(64 * 1024);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        .append("<meta name=\"generator\" content=\"bulwark report\">\n")
        .append("<title>").append(text(Sections.title(in))).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");

    b.append("<header>\n<h1>").append(text(Sections.title(in))).append("</h1>\n<p>").append(inline(Sections.intro(in))).append("</p>\n");
    b.append("<p class=\"grades\" id=\"grade\">Grade: ").append(badge(g.gradeBefore(), "original"));
    g.recommended().ifPresent(r -> b.append(" → ").append(badge(r.grade(), r.outcome().variant().id())).append(" with <code>")
        .append(text(r.outcome().file())).append("</code>"));
    b.append("</p>\n</header>\n<nav aria-label=\"Contents\"><ol>\n");
    for (Part p : Part.values()) {
      b.append("<li><a href=\"#").append(p.id).append("\">").append(text(p.title)).append("</a></li>\n");
    }
    b.append("</ol></nav>\n");

    open(b, Part.VULNERABILITIES).append("<p>").append(inline(Sections.issues(g))).append("</p>\n").append(chart(g));
    for (Severity s : Severity.values()) {
      List<Located> found = Sections.findings(in, s);
      if (found.isEmpty()) {
        continue;
      }
      b.append("<h3 id=\"findings-").append(s.label()).append("\">").append(Sections.capital(s.label())).append("</h3>\n");
      for (Located l : found) {
        finding(b, in, l);
      }
    }
    List<FileReport> failed = in.projectScan().files().stream().filter(f -> f.error() != null).toList();
    if (!failed.isEmpty()) {
      b.append("<h3>").append(text(Sections.NOT_SCANNED)).append("</h3>\n<ul>\n");
      failed.forEach(f -> b.append("<li><code>").append(text(f.path())).append("</code>: ").append(text(f.error())).append("</li>\n"));
      b.append("</ul>\n");
    }
    Table images = Sections.imageVulns(in);
    if (images != null) {
      b.append("<h3>").append(text(Sections.IMAGE_VULNS)).append("</h3>\n");
      table(b, images, "image-vulns", null);
    }
    b.append("<h3 id=\"done-well\">").append(CHECK).append(text(Sections.DONE_WELL.substring(Sections.DONE_MARK.length()))).append("</h3>\n");
    if (g.doneWell().isEmpty()) {
      b.append("<p>").append(text(Sections.NOTHING_DONE)).append("</p>\n");
    } else {
      b.append("<ul class=\"done\">\n");
      g.doneWell().forEach(d -> b.append("<li>").append(CHECK).append(inline(d)).append("</li>\n"));
      b.append("</ul>\n");
    }
    close(b);

    open(b, Part.IMPROVEMENTS).append("<p>").append(inline(Sections.improvementsLead(in))).append("</p>\n");
    for (VariantView v : g.variants()) {
      String id = v.outcome().variant().id();
      b.append("<article class=\"variant\" id=\"variant-").append(id).append("\" data-variant=\"").append(id).append("\">\n<h3>")
          .append(text(Sections.title(v.outcome().variant())));
      if (v.outcome().result() instanceof HardenResult.Refused r) {
        b.append(": ").append(text(Sections.NOT_WRITTEN)).append("</h3>\n<p>").append(text(r.message())).append("</p>\n</article>\n");
        continue;
      }
      HardenResult.Hardened h = (HardenResult.Hardened) v.outcome().result();
      b.append(" — <a href=\"").append(href(v.outcome().file())).append("\"><code>").append(text(v.outcome().file())).append("</code></a></h3>\n");
      code(b, "dockerfile", String.join("\n", Sections.keyLines(h.text())) + "\n");
      b.append("<ul>\n");
      Sections.reasons(v.outcome().variant(), h.text()).forEach(r -> b.append("<li>").append(inline(r)).append("</li>\n"));
      for (HardenResult.Note n : h.notes()) {
        b.append("<li class=\"").append(n.todo() ? "todo" : "note").append("\">").append(inline(Sections.notePrefix(n))).append(text(n.message()))
            .append("</li>\n");
      }
      b.append("</ul>\n</article>\n");
    }
    close(b);

    open(b, Part.USAGE).append("<p>").append(inline(Sections.USAGE_LEAD)).append("</p>\n<pre class=\"code\" data-lang=\"sh\"><code>");
    for (Commands.Shown c : Commands.usage(g)) {
      b.append("<span class=\"cmd\" data-bulwark=\"").append(c.bulwark()).append("\">").append(text(c.line())).append("</span>   <span class=\"comment\"># ")
          .append(text(c.comment())).append("</span>\n");
    }
    b.append("</code></pre>\n");
    close(b);

    open(b, Part.COMPARISON);
    table(b, Sections.comparison(g), "comparison-table", null);
    close(b);

    open(b, Part.RUNTIME).append("<p>").append(inline(Sections.runtimeLead(g))).append("</p>\n");
    snippets(b, Sections.runtimeSnippets(in));
    close(b);

    open(b, Part.CI).append("<p>").append(inline(Sections.CI_LEAD)).append("</p>\n");
    snippets(b, Sections.ciSnippets(in));
    close(b);

    open(b, Part.EXPECTED).append("<p>").append(inline(Sections.expectedLead(in))).append("</p>\n");
    List<String> gradeCells = new ArrayList<>(List.of(Sections.GRADE_ROW));
    List<String> labels = new ArrayList<>(List.of("original"));
    Sections.written(g).forEach(v -> labels.add(v.outcome().variant().id()));
    List<Grade.Result> grades = Sections.grades(g);
    for (int i = 0; i < grades.size(); i++) {
      gradeCells.add(badge(grades.get(i), labels.get(i)));
    }
    table(b, Sections.expected(g), "expected-table", gradeCells);
    b.append("<h3 id=\"grade-breakdown\">").append(text(Sections.GRADE_HOW)).append("</h3>\n");
    for (Map.Entry<String, Grade.Result> e : Sections.explained(g)) {
      Grade.Result r = e.getValue();
      b.append("<p><strong>").append(text(e.getKey())).append(": ").append(badge(r, null)).append("</strong> — ").append(text(Sections.points(r)))
          .append("</p>\n");
      table(b, Sections.checks(r), null, null);
      r.caps().forEach(c -> b.append("<p class=\"cap\">").append(text(Sections.cap(c))).append("</p>\n"));
    }
    b.append("<p>").append(inline(Sections.GRADE_LEGEND)).append("</p>\n");
    close(b);

    open(b, Part.TIMELINE);
    table(b, Sections.timeline(g), "timeline-table", null);
    close(b);
    return b.append("</main>\n</body>\n</html>\n").toString();
  }

  private static StringBuilder open(StringBuilder b, Part p) {
    return b.append("<section id=\"").append(p.id).append("\">\n<h2>").append(text(p.heading())).append("</h2>\n");
  }

  private static void close(StringBuilder b) {
    b.append("</section>\n");
  }

  /** One finding: its rule, title and place to open; the message, the rule's page and the lines it is on inside. */
  private static void finding(StringBuilder b, GuideInput in, Located l) {
    Finding x = l.finding();
    String sev = x.severity().label();
    b.append("<details class=\"finding\" data-rule=\"").append(text(x.ruleId())).append("\" data-severity=\"").append(sev).append("\" data-file=\"")
        .append(text(l.file().path())).append('"');
    if (x.location() instanceof Location.Text t) {
      b.append(" data-line=\"").append(t.span().startLine()).append('"');
    }
    b.append(">\n<summary><span class=\"sev sev-").append(sev).append("\">").append(sev).append("</span> <strong>").append(text(x.ruleId()))
        .append("</strong> ").append(text(x.rule().title())).append(" — <code>").append(text(Sections.where(l.file(), x))).append("</code></summary>\n")
        .append("<p class=\"message\">").append(text(x.message())).append(". ");
    String url = Sections.ruleUrl(in, x.ruleId());
    if (url == null) {
      b.append("<code>").append(text(Sections.explain(x.ruleId()))).append("</code>");
    } else {
      b.append("<a href=\"").append(href(url)).append("\">").append(text(x.ruleId())).append("</a>");
    }
    b.append("</p>\n").append(excerpt(l.file(), x)).append("</details>\n");
  }

  /** The finding's lines with a few around them, numbered, the finding's own marked; empty when there is no text to show. */
  static String excerpt(FileReport f, Finding x) {
    if (f.source() == null || !(x.location() instanceof Location.Text t)) {
      return "";
    }
    String[] lines = f.source().split("\n", -1);
    int first = t.span().startLine();
    int last = Math.max(first, Math.min(t.span().endLine(), first + MAX_HIT_LINES - 1));
    if (first < 1 || first > lines.length) {
      return "";
    }
    int from = Math.max(1, first - CONTEXT);
    int to = Math.min(lines.length, last + CONTEXT);
    // a file ending in a newline has an empty last "line" that is not one
    if (to == lines.length && to > last && lines[to - 1].isEmpty()) {
      to--;
    }
    int width = String.valueOf(to).length();
    StringBuilder b = new StringBuilder("<pre class=\"excerpt\"><code>");
    for (int n = from; n <= to; n++) {
      String line = lines[n - 1].endsWith("\r") ? lines[n - 1].substring(0, lines[n - 1].length() - 1) : lines[n - 1];
      boolean hit = n >= first && n <= last;
      b.append(hit ? "<mark class=\"line hit\"" : "<span class=\"line\"").append(" data-line=\"").append(n).append("\"><span class=\"ln\">")
          .append(" ".repeat(width - String.valueOf(n).length())).append(n).append(hit ? " ▶ " : "   ").append("</span>").append(text(line))
          .append(hit ? "</mark>" : "</span>").append('\n');
    }
    if (last < t.span().endLine()) {
      b.append("<span class=\"line more\">").append(" ".repeat(width)).append("   … ").append(t.span().endLine() - last).append(" more lines</span>\n");
    }
    return b.append("</code></pre>\n").toString();
  }

  /**
   * Counts by severity of the original Dockerfile and of the recommended variant's, as horizontal
   * bars: the same figures as the expected results, drawn.
   */
  static String chart(Guide g) {
    GuideInput in = g.input();
    Map<Severity, Integer> before = Guide.counts(List.of(in.dockerfileScan()));
    VariantView rec = g.recommended().orElse(null);
    Map<Severity, Integer> after = rec == null ? Map.of() : rec.counts();
    List<String> series = new ArrayList<>(List.of(in.dockerfile()));
    if (rec != null) {
      series.add(rec.outcome().file());
    }
    int max = 1;
    for (Severity s : Severity.values()) {
      max = Math.max(max, Math.max(before.getOrDefault(s, 0), after.getOrDefault(s, 0)));
    }
    // narrow, so that a phone shows it at a readable scale
    int bar = 14;
    int rowHeight = series.size() * (bar + 4) + 10;
    int top = 10 + series.size() * 20;
    int left = 64;
    int span = 360;
    int height = top + Severity.values().length * rowHeight + 4;
    StringBuilder b = new StringBuilder();
    b.append("<figure class=\"chart\">\n<svg id=\"severity-chart\" viewBox=\"0 0 480 ").append(height)
        .append("\" role=\"img\" aria-labelledby=\"chart-title\">\n<title id=\"chart-title\">Findings by severity: ").append(text(String.join(" and ", series)))
        .append("</title>\n");
    for (int i = 0; i < series.size(); i++) {
      int ly = 4 + i * 20;
      b.append("<rect x=\"").append(left).append("\" y=\"").append(ly).append("\" width=\"14\" height=\"14\" class=\"series-").append(i).append("\" fill=\"#888\"")
          .append(i == 0 ? "" : " fill-opacity=\"0.35\" stroke=\"#888\"").append("/><text x=\"").append(left + 20).append("\" y=\"").append(ly + 12).append("\">")
          .append(text(series.get(i))).append("</text>\n");
    }
    int y = top;
    for (Severity s : Severity.values()) {
      String colour = colour(s);
      b.append("<g class=\"severity\" data-severity=\"").append(s.label()).append("\">\n<text x=\"").append(left - 8).append("\" y=\"")
          .append(y + rowHeight / 2).append("\" text-anchor=\"end\">").append(s.label()).append("</text>\n");
      for (int i = 0; i < series.size(); i++) {
        int n = (i == 0 ? before : after).getOrDefault(s, 0);
        int w = n == 0 ? 0 : Math.max(3, n * span / max);
        int by = y + i * (bar + 4);
        b.append("<rect class=\"bar\" data-series=\"").append(i == 0 ? "original" : rec.outcome().variant().id()).append("\" data-count=\"").append(n)
            .append("\" x=\"").append(left).append("\" y=\"").append(by).append("\" width=\"").append(w).append("\" height=\"").append(bar)
            .append("\" fill=\"").append(colour).append('"').append(i == 0 ? "" : " fill-opacity=\"0.35\" stroke=\"" + colour + "\"").append("/>")
            .append("<text x=\"").append(left + w + 6).append("\" y=\"").append(by + bar - 3).append("\">").append(n).append("</text>\n");
      }
      b.append("</g>\n");
      y += rowHeight;
    }
    return b.append("</svg>\n<figcaption>Findings by severity in ").append(text(String.join(" and in ", series))).append(" (Bulwark's scans).</figcaption>\n</figure>\n")
        .toString();
  }

  static String colour(Severity s) {
    return switch (s) {
      case CRITICAL -> "#b71c1c";
      case HIGH -> "#e65100";
      case MEDIUM -> "#f9a825";
      case LOW -> "#1565c0";
      case INFO -> "#607d8b";
    };
  }

  /** A grade letter on its colour, with the score; {@code label} names whose grade it is for the tests (or null). */
  static String badge(Grade.Result r, String label) {
    if (r == null) {
      return "–";
    }
    String fg = r.letter().equals("C") ? "#000" : "#fff";
    return "<span class=\"grade\"" + (label == null ? "" : " data-grade-of=\"" + text(label) + "\"") + " data-grade=\"" + text(r.letter())
        + "\" style=\"background:" + Grade.colour(r.letter()) + ";color:" + fg + "\">" + text(r.letter()) + "</span> <span class=\"score\">" + r.score()
        + " %</span>";
  }

  /** A table in a box that scrolls sideways on a narrow screen; {@code lastRow}, when given, is HTML as it stands (badges). */
  private static void table(StringBuilder b, Table t, String id, List<String> lastRow) {
    b.append("<div class=\"scroll\"><table").append(id == null ? "" : " id=\"" + id + "\"").append(">\n<thead><tr>");
    t.header().forEach(h -> b.append("<th scope=\"col\">").append(inline(h)).append("</th>"));
    b.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : t.rows()) {
      b.append("<tr><th scope=\"row\">").append(inline(row.getFirst())).append("</th>");
      row.subList(1, row.size()).forEach(c -> b.append("<td>").append(inline(c)).append("</td>"));
      b.append("</tr>\n");
    }
    if (lastRow != null) {
      b.append("<tr class=\"grade-row\"><th scope=\"row\">").append(text(lastRow.getFirst())).append("</th>");
      lastRow.subList(1, lastRow.size()).forEach(c -> b.append("<td>").append(c).append("</td>"));
      b.append("</tr>\n");
    }
    b.append("</tbody>\n</table></div>\n");
  }

  private static void snippets(StringBuilder b, List<Snippet> snippets) {
    for (Snippet s : snippets) {
      if (s.heading() != null) {
        b.append("<h3>").append(text(s.heading())).append("</h3>\n");
      }
      if (s.lead() != null) {
        b.append("<p>").append(inline(s.lead())).append("</p>\n");
      }
      code(b, s.lang(), s.text());
    }
  }

  private static void code(StringBuilder b, String lang, String text) {
    b.append("<pre class=\"code\" data-lang=\"").append(lang).append("\"><code>").append(text(text)).append("</code></pre>\n");
  }

  /** The check mark of {@link Sections#DONE_MARK} drawn, not a glyph: a machine without an emoji font shows a box for ✅. */
  static final String CHECK = "<svg class=\"check\" viewBox=\"0 0 16 16\" role=\"img\" aria-label=\"done\"><rect width=\"16\" height=\"16\" rx=\"3\""
      + " fill=\"#2e7d32\"/><path d=\"M3.5 8.5l3 3 6-7\" fill=\"none\" stroke=\"#fff\" stroke-width=\"2\"/></svg> ";

  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

  /**
   * A link to a file beside the guide, escaped, and kept relative: a path that would read as a
   * scheme ({@code javascript:…}, from a --variants-dir of that name) gets {@code ./} before it.
   */
  static String href(String relative) {
    return text(SCHEME.matcher(relative).find() ? "./" + relative : relative);
  }

  private static final Pattern INLINE = Pattern.compile("`([^`]+)`|\\*\\*(.+?)\\*\\*");

  /** Text of the guide's own ({@link Sections}): escaped, then its {@code `code`} and {@code **bold**} made elements. */
  static String inline(String s) {
    String escaped = text(s);
    Matcher m = INLINE.matcher(escaped);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, Matcher.quoteReplacement(m.group(1) != null ? "<code>" + m.group(1) + "</code>" : "<strong>" + m.group(2) + "</strong>"));
    }
    return m.appendTail(b).toString();
  }

  /**
   * Any text, escaped for HTML text and quoted attributes. What would not show, or would show
   * something else, is made visible: C0 controls but tab and newline as caret notation ({@code ^[}
   * for ESC), DEL as {@code ^?}, C1 controls and the bidirectional embeddings, overrides and
   * isolates (which reorder what a reader sees) as {@code <U+202E>}, each in a marked span; lone
   * surrogates and U+FFFE/U+FFFF become U+FFFD.
   */
  static String text(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String r = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> null;
      };
      if (r == null) {
        if (c < 0x20 && c != '\t' && c != '\n' || c == 0x7f) {
          r = "<span class=\"ctl\" title=\"U+" + hex(c) + "\">^" + (char) (c ^ 0x40) + "</span>";
        } else if (c >= 0x80 && c < 0xa0 || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069) {
          r = "<span class=\"ctl\">&lt;U+" + hex(c) + "&gt;</span>";
        } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          if (b != null) {
            b.append(c).append(s.charAt(i + 1));
          }
          i++;
          continue;
        } else if (Character.isSurrogate(c) || c == 0xfffe || c == 0xffff) {
          r = "\ufffd";
        }
      }
      if (r != null && b == null) {
        b = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (b != null) {
        if (r != null) {
          b.append(r);
        } else {
          b.append(c);
        }
      }
    }
    return b == null ? s : b.toString();
  }

  private static String hex(char c) {
    return String.format("%04X", (int) c);
  }

  /**
   * Light, system fonts only, a column that fits a phone (tables and code scroll inside their box,
   * never the page), and print: every finding open, no dark or tinted backgrounds, no navigation.
   */
  static final String CSS = """
      :root { --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --code-bg: #f6f8fa; --mark: #fff3bf; }
      * { box-sizing: border-box; }
      html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
      body { margin: 0; color: var(--fg); background: #fff; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
      main { max-width: 64rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
      h1 { font-size: 1.8rem; margin: .5rem 0; }
      h2 { font-size: 1.4rem; margin-top: 2.2rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
      h3 { font-size: 1.1rem; margin-top: 1.5rem; }
      a { color: #0550ae; }
      code, pre { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .875em; }
      :not(pre) > code { background: var(--code-bg); padding: .1em .3em; border-radius: 4px; overflow-wrap: anywhere; }
      pre { background: var(--code-bg); border: 1px solid var(--line); border-radius: 6px; padding: .75rem; overflow-x: auto; line-height: 1.4; }
      pre code { background: none; padding: 0; }
      nav ol { columns: 2 14rem; padding-left: 1.5rem; margin: .5rem 0 0; }
      .grades { font-size: 1.15rem; }
      .grade { display: inline-block; min-width: 2.2em; padding: .1em .45em; border-radius: .35em; font-weight: 700; text-align: center; }
      .score { color: var(--muted); font-size: .9em; }
      .sev { display: inline-block; min-width: 4.8em; padding: 0 .4em; border-radius: .3em; color: #fff; font-size: .8em; font-weight: 700;
        text-transform: uppercase; text-align: center; }
      .sev-critical { background: #b71c1c; } .sev-high { background: #e65100; } .sev-medium { background: #f9a825; color: #000; }
      .sev-low { background: #1565c0; } .sev-info { background: #607d8b; }
      .grade, .sev { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      details.finding { border: 1px solid var(--line); border-radius: 6px; margin: .5rem 0; padding: .4rem .75rem; }
      details.finding > summary { cursor: pointer; overflow-wrap: anywhere; }
      details.finding[open] > summary { margin-bottom: .4rem; }
      .excerpt .line { display: inline-block; min-width: 100%; padding-left: 4px; }
      .excerpt mark.line { background: var(--mark); color: inherit; box-shadow: inset 3px 0 #e65100; }
      .excerpt .ln { color: var(--muted); user-select: none; }
      .ctl { color: #b71c1c; background: #fde2e1; border-radius: 2px; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
      .scroll { overflow-x: auto; margin: .75rem 0; -webkit-overflow-scrolling: touch; }
      table { border-collapse: collapse; min-width: 100%; font-size: .92rem; }
      th, td { border: 1px solid var(--line); padding: .35rem .55rem; text-align: left; vertical-align: top; }
      thead th { background: var(--code-bg); }
      tbody th { font-weight: 600; white-space: nowrap; }
      #comparison-table td, #expected-table td { min-width: 11rem; }
      figure.chart { margin: 1rem 0; }
      figure.chart svg { width: 100%; max-width: 560px; height: auto; font: 13px system-ui, "DejaVu Sans", sans-serif; }
      figure.chart figcaption { color: var(--muted); font-size: .85rem; }
      .variant { border-left: 3px solid var(--line); padding-left: .9rem; margin: 1.25rem 0; }
      .comment { color: var(--muted); }
      svg.check { width: 1em; height: 1em; vertical-align: -.125em; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      ul.done { list-style: none; padding-left: .5rem; }
      li.todo { font-weight: 600; }
      @media (max-width: 600px) {
        body { font-size: 15px; }
        main { padding: .5rem .75rem 2rem; }
        h1 { font-size: 1.45rem; }
        nav ol { columns: 1; }
      }
      @media print {
        body { font-size: 10.5pt; background: #fff; color: #000; }
        main { max-width: none; padding: 0; }
        nav { display: none; }
        pre, thead th, :not(pre) > code { background: #fff; }
        pre { white-space: pre-wrap; overflow-wrap: anywhere; overflow: visible; }
        .scroll { overflow: visible; }
        table { font-size: 9pt; }
        a { color: inherit; }
        h2, h3 { break-after: avoid; }
        details.finding, pre, tr { break-inside: avoid; }
        details.finding > summary { list-style: none; }
        details.finding > summary::-webkit-details-marker { display: none; }
        .excerpt mark.line { background: #fff; box-shadow: none; border-left: 3px solid #000; }
      }
      /* a closed <details> prints open: its content box, where the browser supports it (a rule of its own, so that
         a browser that does not know the selector drops only this one) */
      @media print { details::details-content { content-visibility: visible; display: block; height: auto; } }
      """;
}
