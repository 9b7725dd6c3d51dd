package dev.bulwark.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Finding;
import dev.bulwark.core.Location;
import dev.bulwark.core.Severity;
import dev.bulwark.core.text.Span;
import dev.bulwark.guide.Sections.Part;
import dev.bulwark.report.FileReport;
import dev.bulwark.report.ScanReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The HTML guide read back with an HTML5 parser: the Markdown's sections and words, findings with their lines, escaping, no fetch. */
class HtmlGuideTest {
  private static final Guide GO = Guide.of(GuideFixture.goApi());
  private static final String HTML = HtmlGuide.render(GO);
  private static final Document DOC = Jsoup.parse(HTML);

  private static final String HOSTILE = "<script>alert(1)</script> \u001b[31mred\u001b[0m \"q\" 'a' & \u202egnp.exe \u0085 \ud800";

  @Test
  void sections_areTheMarkdownsInItsOrder() {
    assertThat(DOC.select("main > section").eachAttr("id"))
        .containsExactly("vulnerabilities", "improvements", "usage", "comparison", "runtime", "ci", "expected", "timeline");
    assertSameHeadings(GO, DOC);
    assertThat(DOC.select("nav a").eachAttr("href")).isEqualTo(Arrays.stream(Part.values()).map(p -> "#" + p.id).toList());
  }

  /** The page's headings are the Markdown's, in its order, Markdown's inline markup taken off. */
  private static void assertSameHeadings(Guide g, Document doc) {
    List<String> md = MarkdownGuide.render(g).lines().toList();
    assertThat(doc.select("main > section > h2").eachText()).isEqualTo(md.stream().filter(l -> l.startsWith("## ")).map(l -> l.substring(3)).toList());
    assertThat(doc.select("main h3").eachText()).isEqualTo(md.stream().filter(l -> l.startsWith("### "))
        .map(l -> l.substring(4).replaceAll("\\[`([^`]*)`]\\([^)]*\\)", "$1").replace("`", "").replace(Sections.DONE_MARK, "")).toList());
  }

  @Test
  void imageVulnerabilities_andUnreadFiles_areShown() {
    GuideInput base = GuideFixture.goApi();
    GradeFacts.ImageVulns vulns = new GradeFacts.ImageVulns(Map.of(Severity.HIGH, 2), 1, List.of());
    GuideInput.ImageFacts image = new GuideInput.ImageFacts("go-api-original.tar", "root (no USER)", 12_300_000, List.of("/bin/sh"), List.of("/sbin/apk"),
        40, Optional.of(vulns), Optional.empty());
    List<FileReport> files = new ArrayList<>(base.projectScan().files());
    files.add(FileReport.failed("deploy/bad.yaml", "line 3: a <tab> is not allowed"));
    GuideInput in = new GuideInput(base.project(), base.dockerfile(), base.variantsDir(), new ScanReport(files), base.dockerfileScan(), base.original(),
        base.variants(), base.runtime(), Map.of("original", image), base.asOf(), base.ruleDocs());
    Guide g = Guide.of(in);
    Document doc = Jsoup.parse(HtmlGuide.render(g));
    assertSameHeadings(g, doc);
    assertThat(doc.select("main h3").eachText()).contains(Sections.NOT_SCANNED, Sections.IMAGE_VULNS);
    assertThat(doc.selectFirst("#image-vulns tbody tr").text()).isEqualTo("original (go-api-original.tar) 0 2 0 0 not split (bulwark image IMAGE --base BASE splits it)");
    assertThat(doc.select("#vulnerabilities li").eachText()).contains("deploy/bad.yaml: line 3: a <tab> is not allowed");
    assertThat(doc.select("#comparison-table tr").stream().filter(tr -> tr.child(0).text().equals("Image size")).findFirst().orElseThrow().child(1).text())
        .isEqualTo("12.3 MB unpacked (measured)");
  }

  @Test
  void tables_holdTheMarkdownsCells() {
    List<String> md = MarkdownGuide.render(GO).lines().filter(l -> l.startsWith("| Base image |") || l.startsWith("| Updates |")
        || l.startsWith("| Critical |") || l.startsWith("| Now |")).toList();
    List<String> html = new ArrayList<>();
    for (Element tr : DOC.select("#comparison-table tr, #expected-table tr, #timeline-table tr")) {
      String first = tr.child(0).text();
      if (first.equals("Base image") || first.equals("Updates") || first.equals("Critical") || first.equals("Now")) {
        html.add("| " + String.join(" | ", tr.children().stream().map(Element::text).toList()) + " |");
      }
    }
    assertThat(html).isEqualTo(md.stream().map(l -> l.replace("`", "").replace("**", "")).toList());
    assertThat(DOC.selectFirst("#comparison-table").parent().hasClass("scroll")).as("in a box that scrolls sideways").isTrue();
    assertThat(DOC.select("#comparison-table thead th").stream().map(Element::text).toList()).startsWith("", "Original", "Distroless (recommended)", "Hardened Alpine");
  }

  @Test
  void findings_areCollapsibleWithTheirRuleSeverityAndLines() {
    List<Finding> findings = GO.input().dockerfileScan().findings();
    List<Element> details = DOC.select("details.finding");
    // grouped by severity as the Markdown: critical first
    List<Finding> bySeverity = Arrays.stream(Severity.values()).flatMap(s -> findings.stream().filter(f -> f.severity() == s)).toList();
    assertThat(details.stream().map(d -> d.attr("data-rule") + "/" + d.attr("data-severity")).toList())
        .isEqualTo(bySeverity.stream().map(f -> f.ruleId() + "/" + f.severity().label()).toList());
    assertThat(details.getFirst().attr("data-rule")).isEqualTo("BW-D001");
    String[] source = GO.input().dockerfileScan().source().split("\n");
    for (int i = 0; i < details.size(); i++) {
      Element d = details.get(i);
      int line = ((Location.Text) bySeverity.get(i).location()).span().startLine();
      assertThat(d.attr("data-line")).isEqualTo(String.valueOf(line));
      assertThat(d.selectFirst("summary").text()).contains(bySeverity.get(i).ruleId(), "Dockerfile:" + line + ":");
      Element hit = d.selectFirst("pre.excerpt mark.hit[data-line=" + line + "]");
      assertThat(hit).as("line %d marked in %s", line, d.attr("data-rule")).isNotNull();
      assertThat(hit.wholeText()).endsWith(source[line - 1]);
      assertThat(d.select("pre.excerpt .line").size()).as("context lines").isGreaterThan(1);
      assertThat(d.selectFirst("a[href]").attr("href")).isEqualTo("../docs/rules/" + d.attr("data-rule") + ".md");
    }
  }

  @Test
  void excerpt_clampsAtTheFileEdges_andCutsLongFindings() {
    String text = "FROM a\r\nRUN b\r\nRUN c\r\n";
    FileReport f = FileReport.of("Dockerfile", List.of(), text);
    Document d = Jsoup.parse(HtmlGuide.excerpt(f, at(1, 1)));
    assertThat(d.select(".line").eachAttr("data-line")).containsExactly("1", "2", "3");
    assertThat(d.select("mark.hit").eachAttr("data-line")).containsExactly("1");
    assertThat(d.selectFirst("mark.hit").wholeText()).isEqualTo("1 ▶ FROM a");

    String big = "FROM a\n" + "RUN x \\\n".repeat(40) + "  y\nCMD z\n";
    Document cut = Jsoup.parse(HtmlGuide.excerpt(FileReport.of("Dockerfile", List.of(), big), at(2, 42)));
    assertThat(cut.select("mark.hit")).hasSize(HtmlGuide.MAX_HIT_LINES);
    assertThat(cut.selectFirst(".more").text()).endsWith("29 more lines");
    assertThat(HtmlGuide.excerpt(FileReport.of("Dockerfile", List.of(), null), at(1, 1))).isEmpty();
  }

  private static Finding at(int line, int endLine) {
    Finding any = GO.input().dockerfileScan().findings().getFirst();
    return new Finding(any.rule(), any.severity(), "m", new Location.Text(new Span(line, 1, endLine, 2, 0, 1), "Dockerfile"), null, List.of());
  }

  @Test
  void inputText_isEscaped_andControlCharactersShown() {
    GuideInput in = GuideFixture.goApi(fs -> fs.stream().map(f -> f.ruleId().equals("BW-D001") ? f.withMessage(HOSTILE) : f).toList());
    String html = HtmlGuide.render(Guide.of(in));
    Document doc = Jsoup.parse(html);
    assertThat(doc.select("script")).isEmpty();
    assertThat(html).doesNotContain("\u001b", "\u202e", "\u0085", "\ud800", "<script");
    Element message = doc.selectFirst("details[data-rule=BW-D001] p.message");
    assertThat(message.text()).startsWith("<script>alert(1)</script> ^[[31mred^[[0m \"q\" 'a' & <U+202E>gnp.exe <U+0085> \ufffd");
    assertThat(message.select("span.ctl").eachText()).containsExactly("^[", "^[", "<U+202E>", "<U+0085>");
    assertThat(message.selectFirst("span.ctl").attr("title")).isEqualTo("U+001B");
  }

  @Test
  void text_escapesMarkupAndAttributes() {
    assertThat(HtmlGuide.text("a<b>&\"'")).isEqualTo("a&lt;b&gt;&amp;&quot;&#39;");
    assertThat(HtmlGuide.text("plain\ttab\nline")).isEqualTo("plain\ttab\nline");
    assertThat(HtmlGuide.text("\u0000\u007f")).isEqualTo("<span class=\"ctl\" title=\"U+0000\">^@</span><span class=\"ctl\" title=\"U+007F\">^?</span>");
    assertThat(HtmlGuide.text("\ud83d\ude00 \udc00\uffff")).isEqualTo("\ud83d\ude00 \ufffd\ufffd");
    // the guide's own inline markup becomes elements, the input's escaping stays
    assertThat(HtmlGuide.inline("run `a <b>` then **c**")).isEqualTo("run <code>a &lt;b&gt;</code> then <strong>c</strong>");
  }

  @Test
  void links_stayRelative() {
    assertThat(HtmlGuide.href("hardened/Dockerfile.alpine")).isEqualTo("hardened/Dockerfile.alpine");
    assertThat(HtmlGuide.href("javascript:alert(1)//Dockerfile.alpine")).isEqualTo("./javascript:alert(1)//Dockerfile.alpine");
    assertThat(HtmlGuide.href("https://x.example/\"a")).isEqualTo("./https://x.example/&quot;a");
    assertThat(DOC.select("a[href]").eachAttr("href")).allSatisfy(h -> assertThat(h).matches("#[a-z]+|hardened/Dockerfile\\.[a-z]+|\\.\\./docs/rules/BW-[A-Z]\\d+\\.md"));
  }

  private static final Pattern NETWORK = Pattern.compile("(?i)^\\s*(https?:|ftp:|wss?:|//|\\\\\\\\)");

  @Test
  void nothingIsFetched() {
    // no element that loads anything, no attribute that points off the page, no CSS that imports or fetches
    assertThat(DOC.select("script, link, img, iframe, frame, object, embed, base, video, audio, source, track, image, use, form, input")).isEmpty();
    for (Element e : DOC.getAllElements()) {
      for (Attribute a : e.attributes()) {
        if (a.getKey().matches("(?i)src|srcset|href|xlink:href|action|formaction|poster|data|background|ping|cite|manifest")) {
          assertThat(a.getValue()).as("%s of <%s>", a.getKey(), e.tagName()).doesNotContainPattern(NETWORK).doesNotContain("://");
        }
        if (a.getKey().equals("style")) {
          assertThat(a.getValue()).doesNotContainIgnoringCase("url(");
        }
      }
    }
    String css = DOC.select("style").html();
    assertThat(css).doesNotContainIgnoringCase("@import").doesNotContainIgnoringCase("url(").doesNotContainIgnoringCase("@font-face");
    assertThat(DOC.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content")).startsWith("default-src 'none'");
    // URLs appear only as text the reader reads (the Alpine variant's health check), never in markup
    assertThat(Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//").matcher(HTML).find()).isFalse();
  }

  @Test
  void chart_drawsTheOriginalAndTheRecommendedCounts() {
    Element svg = DOC.selectFirst("figure.chart svg#severity-chart");
    assertThat(svg.select("g.severity").eachAttr("data-severity")).containsExactly("critical", "high", "medium", "low", "info");
    var was = Guide.counts(List.of(GO.input().dockerfileScan()));
    var now = GO.recommended().orElseThrow().counts();
    for (Severity s : Severity.values()) {
      Element g = svg.selectFirst("g[data-severity=" + s.label() + "]");
      assertThat(g.select("rect.bar").eachAttr("data-series")).containsExactly("original", "distroless");
      assertThat(g.select("rect.bar").eachAttr("data-count")).containsExactly(String.valueOf(was.getOrDefault(s, 0)), String.valueOf(now.getOrDefault(s, 0)));
    }
    assertThat(svg.selectFirst("rect[data-severity], g[data-severity=critical] rect.bar").attr("width")).isNotEqualTo("0");
    assertThat(was.get(Severity.CRITICAL)).isPositive();
  }

  @Test
  void grades_areColouredBadges() {
    Element before = DOC.selectFirst("#grade .grade[data-grade-of=original]");
    assertThat(before.text()).isEqualTo(GO.gradeBefore().letter());
    assertThat(before.attr("style")).contains("background:" + Grade.colour(GO.gradeBefore().letter()));
    Guide.VariantView rec = GO.recommended().orElseThrow();
    assertThat(DOC.selectFirst("#grade .grade[data-grade-of=distroless]").text()).isEqualTo(rec.grade().letter());
    assertThat(DOC.select("#expected-table tr.grade-row .grade").eachAttr("data-grade"))
        .isEqualTo(Sections.grades(GO).stream().map(Grade.Result::letter).toList());
    assertThat(GO.gradeBefore().letter()).isNotEqualTo(rec.grade().letter());
  }

  @Test
  void print_opensEveryFinding_andDropsDarkBackgrounds() {
    String css = DOC.select("style").html();
    String print = css.substring(css.indexOf("@media print"));
    assertThat(print).contains("details::details-content { content-visibility: visible; display: block;").contains("pre, thead th, :not(pre) > code { background: #fff; }");
    assertThat(css).contains("@media (max-width: 600px)").contains(".scroll { overflow-x: auto;");
    assertThat(DOC.selectFirst("meta[name=viewport]").attr("content")).isEqualTo("width=device-width, initial-scale=1");
  }
}
