package dev.bulwark.dockerfile.fix;

import static dev.bulwark.dockerfile.fix.EditPropertyTest.assertOnlyInside;
import static dev.bulwark.dockerfile.fix.EditPropertyTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.fix.Edit;
import dev.bulwark.core.fix.Edits;
import dev.bulwark.dockerfile.syntax.Dockerfile;
import dev.bulwark.dockerfile.syntax.DockerfileParser;
import dev.bulwark.dockerfile.syntax.Element;
import dev.bulwark.core.text.Span;
import dev.bulwark.dockerfile.syntax.Instruction;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An edit inside one instruction of a file in an unusual form (CRLF, tabs, {@code # escape=`},
 * heredocs) leaves every other byte as it was, and the file still parses into as many instructions.
 */
class EditKeepsFormTest {

  private static final String CRLF = """
      # syntax=docker/dockerfile:1
      FROM debian:bookworm-slim AS build
      RUN apt-get update \\
       && apt-get install -y --no-install-recommends \\
            curl \\
       && rm -rf /var/lib/apt/lists/*

      COPY . /src
      CMD ["/src/run"]
      """.replace("\n", "\r\n");

  private static final String TABS = """
      FROM\talpine:3.20
      WORKDIR\t/app
      RUN\tapk add --no-cache \\
      \t\tgit \\
      \t\tmake
      ENV\tA=1\tB=2
      CMD\t["make"]
      """;

  private static final String ESCAPE = """
      # escape=`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      WORKDIR C:\\app
      COPY run.ps1 C:\\app\\
      RUN powershell -Command `
          Write-Host 'hello'; `
          Write-Host 'world'
      CMD ["powershell", "C:\\\\app\\\\run.ps1"]
      """;

  private static final String HEREDOC = """
      # syntax=docker/dockerfile:1
      FROM alpine:3.20
      RUN <<EOF
      set -eu
      apk add --no-cache curl
      EOF
      COPY <<-CONF /etc/app.conf
      \tkey = value
      \tCONF
      USER app
      """;

  @Test
  void crlfLinesStayCrlf() {
    Dockerfile edited = editKeepingForm(CRLF, at(CRLF, "RUN", "curl"), "curl ca-certificates");
    assertThat(edited.source().text().replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    assertThat(run(edited).original()).contains("curl ca-certificates");
  }

  @Test
  void tabsStayTabs() {
    Dockerfile edited = editKeepingForm(TABS, at(TABS, "RUN", "make"), "make \\\n\t\tgcc");
    assertThat(edited.source().text()).startsWith("FROM\talpine:3.20\nWORKDIR\t/app\nRUN\tapk add --no-cache \\\n\t\tgit \\\n\t\tmake \\\n\t\tgcc\nENV\tA=1\tB=2\n");
    assertThat(run(edited).original()).contains("make \t\tgcc");
  }

  @Test
  void backtickEscapeStaysInForce() {
    Dockerfile edited = editKeepingForm(ESCAPE, at(ESCAPE, "RUN", "world"), "bulwark");
    assertThat(edited.escapeToken()).isEqualTo('`');
    // were the escape lost, COPY's trailing backslash would swallow the RUN line
    assertThat(edited.instructions()).extracting(Instruction::command).containsExactly("from", "workdir", "copy", "run", "cmd");
    assertThat(run(edited).original()).contains("Write-Host 'bulwark'");
  }

  @Test
  void heredocBodiesStayBodies() {
    Instruction run = DockerfileParser.parse(HEREDOC).instructions().get(1);
    int curl = HEREDOC.indexOf("curl", run.heredocs().getFirst().bodySpan().startOffset());
    Dockerfile edited = editKeepingForm(HEREDOC, new int[] {curl, curl + 4}, "curl git");
    assertThat(run(edited).heredocs().getFirst().content()).isEqualTo("set -eu\napk add --no-cache curl git\n");
    assertThat(edited.instructions().get(2).heredocs().getFirst().effectiveContent()).isEqualTo("key = value\n");
  }

  @Test
  void anEditOnAHeredocsInstructionLineKeepsItsBody() {
    Dockerfile edited = editKeepingForm(HEREDOC, at(HEREDOC, "COPY", "/etc/app.conf"), "/etc/app/app.conf");
    Instruction copy = edited.instructions().get(2);
    assertThat(copy.args()).contains("/etc/app/app.conf");
    assertThat(copy.heredocs().getFirst().content()).isEqualTo("\tkey = value\n");
  }

  /** Offsets of the first {@code needle} inside the first instruction with {@code keyword} (found in the fixture's text). */
  private static int[] at(String text, String keyword, String needle) {
    Instruction target = DockerfileParser.parse(text).instructions().stream().filter(i -> i.keyword().equals(keyword)).findFirst().orElseThrow();
    int from = text.indexOf(needle, target.span().startOffset());
    assertThat(from).isBetween(target.span().startOffset(), target.span().endOffset() - needle.length());
    var span = new Span(0, 0, 0, 0, from, from + needle.length());
    assertThat(text.substring(span.startOffset(), span.endOffset())).isEqualTo(needle);
    return new int[] {span.startOffset(), span.endOffset()};
  }

  private static Instruction run(Dockerfile file) {
    return file.instructions().stream().filter(i -> i.command().equals("run")).findFirst().orElseThrow();
  }

  /**
   * Replaces {@code range} (inside one instruction) with {@code replacement}, checks that only those
   * bytes changed and that every other element parses back to the same text, and returns the edited file.
   */
  private static Dockerfile editKeepingForm(String text, int[] range, String replacement) {
    Dockerfile before = DockerfileParser.parse(text);
    assertThat(before.hasErrors()).as("fixture parses cleanly").isFalse();
    Edit edit = Edit.replace(before.source(), range[0], range[1], replacement);
    List<Element> elements = before.elements();
    int target = -1;
    for (int i = 0; i < elements.size(); i++) {
      if (elements.get(i).extent().startOffset() <= edit.startOffset() && edit.endOffset() <= elements.get(i).extent().endOffset()) {
        target = i;
      }
    }
    assertThat(elements.get(target)).as("the edit is inside one instruction").isInstanceOf(Instruction.class);

    String editedText = Edits.apply(before.source(), List.of(edit));
    assertOnlyInside(utf8(text), text, edit, utf8(editedText));

    Dockerfile after = DockerfileParser.parse(utf8(editedText));
    assertThat(after.hasErrors()).isFalse();
    assertThat(after.instructions()).hasSameSizeAs(before.instructions());
    assertThat(after.elements()).hasSameSizeAs(elements);
    assertThat(after.directives()).isEqualTo(before.directives());
    for (int i = 0; i < elements.size(); i++) {
      if (i != target) {
        assertThat(textOf(after, i)).as("element %d", i).isEqualTo(textOf(before, i));
      }
    }
    return after;
  }

  private static String textOf(Dockerfile file, int element) {
    var extent = file.elements().get(element).extent();
    return file.source().text().substring(extent.startOffset(), extent.endOffset());
  }
}
