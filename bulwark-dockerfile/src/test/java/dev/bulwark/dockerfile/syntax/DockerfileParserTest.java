package dev.bulwark.dockerfile.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link DockerfileParser}: the BuildKit rules that golden files alone do not pin down. */
class DockerfileParserTest {

  private static Dockerfile parse(String text) {
    return DockerfileParser.parse(text);
  }

  @Test
  void buildKitDump_matchesHandWrittenExpectation() {
    // Expected output written by hand from BuildKit's Node.Dump rules (lower-cased command,
    // flags as a Go-quoted list, every argument Go-quoted).
    String df = """
        FROM debian AS base
        HEALTHCHECK --interval=5s --retries=3 CMD /check.sh --quiet
        HEALTHCHECK NONE
        ENV A=1 B="x y"
        ONBUILD RUN echo hi
        COPY --from=base ["a", "b c", "/d/"]
        """;
    assertThat(BuildKitDump.dump(parse(df))).isEqualTo("""
        (from "debian" "AS" "base")
        (healthcheck ["--interval=5s" "--retries=3"] "CMD" "/check.sh --quiet")
        (healthcheck "NONE")
        (env "A" "1" "=" "B" "\\"x y\\"" "=")
        (onbuild (run "echo hi"))
        (copy ["--from=base"] "a" "b c" "/d/")
        """);
  }

  @Test
  void buildKitDump_envAndLabelPairsCarryTheirSeparator() {
    // BuildKit's newKeyValueNode: key, value, then "=" or "" (legacy "KEY value"), ONBUILD triggers too
    String df = "FROM a\nENV K v w\nLABEL \"a b\"=c d=\nONBUILD ENV X=1\n";
    assertThat(BuildKitDump.dump(parse(df))).isEqualTo("""
        (from "a")
        (env "K" "v w" "")
        (label "\\"a b\\"" "c" "=" "d" "" "=")
        (onbuild (env "X" "1" "="))
        """);
  }

  @Test
  void buildKitDump_endsInANewlineWithNoInstructions() {
    // the parser tests compare Dump() + "\n": a file with nothing to dump is one empty line
    assertThat(BuildKitDump.dump(parse(""))).isEqualTo("\n");
    assertThat(BuildKitDump.dump(parse("# only a comment\n"))).isEqualTo("\n");
  }

  @Test
  void directives_onlyAtTop_firstLineWins() {
    Dockerfile f = parse("# syntax=docker/dockerfile:1\n# escape=`\nFROM a\n# escape=\\\nRUN x `\n y\n");
    assertThat(f.escapeToken()).isEqualTo('`');
    assertThat(f.directive("syntax")).isEqualTo("docker/dockerfile:1");
    assertThat(f.instructions().get(1).args()).containsExactly("x  y");
    assertThat(f.elements().get(0)).isInstanceOfSatisfying(Trivia.class, t -> assertThat(t.kind()).isEqualTo(Trivia.Kind.DIRECTIVE));
  }

  @Test
  void directive_invalidEscapeIsAnError() {
    Dockerfile f = parse("# escape=x\nFROM a\n");
    assertThat(f.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("invalid escape token"));
  }

  @Test
  void continuation_escapedEscapeTokenDoesNotContinue() {
    Dockerfile f = parse("FROM a\nRUN echo \\\\\nRUN b\n");
    assertThat(f.instructions()).hasSize(3);
  }

  @Test
  void continuation_backtickEscapeLeavesBackslashesAlone() {
    Dockerfile f = parse("# escape=`\nFROM a\nRUN dir C:\\\nRUN b\n");
    assertThat(f.instructions()).hasSize(3);
    assertThat(f.instructions().get(1).args()).containsExactly("dir C:\\");
  }

  @Test
  void spans_pointAtKeywordAndCoverContinuations() {
    Dockerfile f = parse("FROM a\n  RUN one \\\n    two\nCMD x\n");
    Instruction run = f.instructions().get(1);
    assertThat(run.span().startLine()).isEqualTo(2);
    assertThat(run.span().startColumn()).isEqualTo(3);
    assertThat(run.span().endLine()).isEqualTo(3);
    assertThat(run.argSpan(0)).hasToString("2:7-3:8");
  }

  @Test
  void heredoc_bodyAndTerminatorLinesBelongToTheInstruction() {
    Dockerfile f = parse("FROM a\nRUN <<EOF\nline\nEOF\nCMD x\n");
    Instruction run = f.instructions().get(1);
    assertThat(run.endLine()).isEqualTo(4);
    assertThat(run.heredocs()).singleElement().satisfies(h -> {
      assertThat(h.name()).isEqualTo("EOF");
      assertThat(h.content()).isEqualTo("line\n");
      assertThat(h.expand()).isTrue();
    });
    assertThat(f.instructions().get(2).command()).isEqualTo("cmd");
  }

  @Test
  void heredoc_partlyQuotedDelimiterDisablesExpansion() {
    Dockerfile f = parse("FROM a\nRUN <<E\"O\"F\nx\nEOF\n");
    assertThat(f.instructions().get(1).heredocs()).singleElement().satisfies(h -> {
      assertThat(h.name()).isEqualTo("EOF");
      assertThat(h.expand()).isFalse();
    });
  }

  @Test
  void heredoc_notOnOtherInstructions() {
    Dockerfile f = parse("FROM a\nLABEL x=<<EOF\nCMD y\n");
    assertThat(f.instructions()).hasSize(3);
    assertThat(f.instructions().get(1).heredocs()).isEmpty();
  }

  @Test
  void jsonForm_nonStringIsAnErrorButInvalidJsonIsShellForm() {
    assertThat(parse("FROM a\nCMD [1]\n").hasErrors()).isTrue();
    Dockerfile shell = parse("FROM a\nCMD [\"a\",]\n");
    assertThat(shell.hasErrors()).isFalse();
    assertThat(shell.instructions().get(1).json()).isFalse();
  }

  @Test
  void flags_stopAtFirstNonFlagWord() {
    Instruction i = parse("FROM a\nCOPY --chown=1:1 src --not-a-flag /dst\n").instructions().get(1);
    assertThat(i.flags()).extracting(Flag::name).containsExactly("chown");
    assertThat(i.args()).containsExactly("src", "--not-a-flag", "/dst");
  }

  @Test
  void emptyContinuationLine_isAWarning() {
    Dockerfile f = parse("FROM a\nRUN a \\\n\n b\n");
    assertThat(f.diagnostics()).singleElement().satisfies(d -> assertThat(d.level()).isEqualTo(Diagnostic.Level.WARNING));
  }

  @Test
  void comments_beforeAnInstructionAreAttached() {
    Instruction i = parse("FROM a\n# install tools\n# and more\nRUN x\n").instructions().get(1);
    assertThat(i.comments()).isEqualTo(List.of("install tools", "and more"));
  }
}
