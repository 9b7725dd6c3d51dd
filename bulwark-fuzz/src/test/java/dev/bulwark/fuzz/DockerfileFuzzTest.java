package dev.bulwark.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.Finding;
import dev.bulwark.dockerfile.json.ParseJson;
import dev.bulwark.dockerfile.syntax.BuildKitDump;
import dev.bulwark.dockerfile.syntax.Dockerfile;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.rules.DockerfileRules;
import dev.bulwark.report.FileReport;
import dev.bulwark.report.GitlabReport;
import dev.bulwark.report.JsonReport;
import dev.bulwark.report.MarkdownReport;
import dev.bulwark.report.ReportWriter;
import dev.bulwark.report.SarifReport;
import dev.bulwark.report.ScanReport;
import dev.bulwark.report.TtyReport;
import dev.bulwark.report.XmlReports;
import java.io.StringReader;
import java.util.List;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.xml.sax.InputSource;

/**
 * The Dockerfile pipeline, which documents that it never throws on input: the parser (the tree
 * prints back to the exact text), the build model, every RUN's shell facts (through the lint
 * target's own analysis), the JSON and BuildKit dumps; and the linter with every rule, its findings written in every report format (XML
 * well-formed, JSON parseable, no raw control character on a terminal).
 */
class DockerfileFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** One parser per thread (making one is slow: a service lookup), refusing DOCTYPEs, printing nothing. */
  private static final ThreadLocal<DocumentBuilder> XML = ThreadLocal.withInitial(() -> {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      return b;
    } catch (javax.xml.parsers.ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  });

  static {
    Bounds.warmUp(() -> lintAndReport("FROM alpine:3\nRUN apt-get install -y curl && go build .\nUSER app\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @FuzzTest
  void parse(byte[] input) {
    Bounds.check(() -> parseAll(input));
  }

  @FuzzTest
  void lint(byte[] input) {
    Bounds.check(() -> lintAndReport(input));
  }

  private static void parseAll(byte[] input) {
    DockerfileTarget target = DockerfileTarget.parse("Dockerfile", input);
    Dockerfile file = target.model().file();
    if (!file.print().equals(file.source().text())) {
      throw new AssertionError("the tree does not print back to the text it was parsed from");
    }
    target.runs(); // parses every RUN and ONBUILD RUN as shell and reads its facts, as the rules will
    ParseJson.write(target.model());
    BuildKitDump.dump(file);
  }

  private static void lintAndReport(byte[] input) throws Exception {
    List<Finding> findings = DockerfileRules.linter().lint(DockerfileTarget.parse("Dockerfile", input));
    ScanReport report = new ScanReport(List.of(FileReport.of("Dockerfile", findings, new String(input, java.nio.charset.StandardCharsets.UTF_8))));
    terminalSafe(render(new TtyReport(false), report), "tty");
    terminalSafe(render(new MarkdownReport(), report), "markdown");
    JSON.readTree(render(new JsonReport("0"), report));
    JSON.readTree(render(new SarifReport("0"), report));
    JSON.readTree(render(new GitlabReport(), report));
    wellFormed(render(new XmlReports.JUnit(), report), "junit");
    wellFormed(render(new XmlReports.Checkstyle(), report), "checkstyle");
  }

  private static String render(ReportWriter w, ScanReport r) throws java.io.IOException {
    StringBuilder sb = new StringBuilder();
    w.write(r, sb);
    return sb.toString();
  }

  /** Text for a terminal: no ESC, no NUL, nothing below U+0020 but newline and tab. */
  private static void terminalSafe(String out, String format) {
    for (int i = 0; i < out.length(); i++) {
      char c = out.charAt(i);
      if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
        throw new AssertionError(format + " output has raw control character U+" + String.format("%04X", (int) c) + " at " + i);
      }
    }
  }

  private static void wellFormed(String xml, String format) throws Exception {
    try {
      XML.get().parse(new InputSource(new StringReader(xml)));
    } catch (org.xml.sax.SAXException e) {
      throw new AssertionError(format + " output is not well-formed XML: " + e.getMessage());
    }
  }
}
