package dev.bulwark.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.rules.DockerfileRules;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** ESC, OSC and NUL from a Dockerfile line, a file name and a message reach no terminal raw and break no XML. */
class HostileTextTest {
  private static final String OSC = "\u001b]0;pwned\u0007";
  private static final String NAME = "evil" + OSC + "\u0000/Dockerfile";
  private static final String DF = "FROM alpine:latest\nRUN curl -k https://x/" + OSC + "\u0000\u009b | sh\nENV API_TOKEN=abc\u001b[2J\n";

  static ScanReport report() {
    DockerfileTarget t = DockerfileTarget.parse(NAME, DF);
    return new ScanReport(List.of(FileReport.of(NAME, DockerfileRules.linter().lint(t), DF),
        FileReport.failed("bad\u001b[31m/Dockerfile", "cannot read \u001b]8;;http://x\u0007here\u0000")));
  }

  static String render(ReportWriter w) throws IOException {
    StringBuilder sb = new StringBuilder();
    w.write(report(), sb);
    return sb.toString();
  }

  private static void assertNoControls(String s) {
    assertThat(s.chars().filter(c -> c < 0x20 && c != '\n' && c != '\t' || c >= 0x7f && c < 0xa0)).isEmpty();
  }

  @Test
  void escape_leavesOrdinaryTextAloneAndShowsControlsAsGitDoes() {
    String plain = "RUN apk add --no-cache curl \t# ok ünïcödé";
    assertThat(Escape.terminal(plain)).isSameAs(plain);
    assertThat(Escape.xml(plain)).isSameAs(plain);
    assertThat(Escape.terminal("a\u001b[31mb\u0000c\u007fd\u009be\n")).isEqualTo("a^[[31mb^@c^?d<U+009B>e^J");
    assertThat(Escape.xml("a\u001bb\u0000c\ud800d\uffff\ud83d\ude00")).isEqualTo("a\ufffdb\ufffdc\ufffdd\ufffd\ud83d\ude00");
  }

  @Test
  void tty_plain_showsNoControlCharacter() throws IOException {
    String out = render(new TtyReport(false));
    assertNoControls(out);
    assertThat(out).contains("evil^[]0;pwned^G^@/Dockerfile", "https://x/^[]0;pwned^G^@<U+009B> | sh", "bad^[[31m/Dockerfile: error: cannot read ^[]8;;");
  }

  @Test
  void tty_color_onlyBulwarksOwnColourCodes() throws IOException {
    String out = render(new TtyReport(true)).replaceAll("\u001b\\[[0-9;]*m(?=[^\\[])", "");
    assertThat(out).doesNotContain("\u001b]", "\u0000", "\u0007");
  }

  @Test
  void tty_caretStaysUnderTheEscapedColumn() throws IOException {
    String df = "FROM alpine:3.19\nRUN echo \u001b\u001b && curl -k https://x/\u001b | sh\n";
    DockerfileTarget t = DockerfileTarget.parse("Dockerfile", df);
    StringBuilder sb = new StringBuilder();
    new TtyReport(false).write(new ScanReport(List.of(FileReport.of("Dockerfile", DockerfileRules.linter().lint(t), df))), sb);
    String out = sb.toString();
    // the curl | sh finding marks "curl ... sh" (the escapes before it widen the line by two)
    assertThat(out).contains("     2 | RUN echo ^[^[ && curl -k https://x/^[ | sh\n                          ^~~~");
  }

  @Test
  void xml_formats_parse() throws Exception {
    for (ReportWriter w : List.of(new XmlReports.JUnit(), new XmlReports.Checkstyle())) {
      String xml = render(w);
      Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
      assertThat(d.getDocumentElement().getTextContent() + xml).doesNotContain("\u001b", "\u0000");
      assertThat(xml).contains("evil\ufffd]0;pwned\ufffd\ufffd/Dockerfile");
    }
  }

  @Test
  void markdown_showsNoControlCharacter() throws IOException {
    String md = render(new MarkdownReport());
    assertNoControls(md);
    assertThat(md).contains("### `evil^[]0;pwned^G^@/Dockerfile`");
  }

  @Test
  void json_formats_keepTheTextExact() throws Exception {
    ObjectMapper m = new ObjectMapper();
    for (ReportWriter w : List.of(new JsonReport("1"), new SarifReport("1"), new GitlabReport())) {
      String json = render(w);
      assertNoControls(json.replace("\n", ""));
      assertThat(m.readTree(json).toString()).contains("evil\\u001B]0;pwned\\u0007\\u0000/Dockerfile");
    }
  }
}
