package dev.bulwark.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests for {@link ShellParser}. */
class ShellParserTest {

  private static Script ok(String src) {
    ShellParseResult r = ShellParser.parse(src);
    assertThat(r.error()).as(src).isNull();
    return r.script();
  }

  private static List<List<String>> argvs(String src) {
    return ok(src).simpleCommands().stream().map(SimpleCommand::argv).toList();
  }

  @Test
  void operators_splitCommands() {
    Script s = ok("a && b || c; d & e | f");
    assertThat(s.items()).hasSize(3);
    assertThat(s.items().get(0).andOr().operators()).containsExactly("&&", "||");
    assertThat(s.items().get(1).background()).isTrue();
    assertThat(s.items().get(2).andOr().pipelines().getFirst().commands()).hasSize(2);
  }

  @Test
  void quoting_removesQuotesAndKeepsExpansionsVerbatim() {
    assertThat(argvs("echo 'a b' \"c $D\" e\\ f g\"h\"'i'")).containsExactly(List.of("echo", "a b", "c $D", "e f", "ghi"));
    Word w = ok("echo \"$HOME\"").simpleCommands().getFirst().words().get(1);
    assertThat(w.isStatic()).isFalse();
    assertThat(w.parts()).singleElement().isInstanceOfSatisfying(WordPart.Parameter.class, p -> assertThat(p.name()).isEqualTo("HOME"));
  }

  @Test
  void assignments_onlyBeforeTheCommandName() {
    SimpleCommand c = ok("A=1 B+=x cmd C=2").simpleCommands().getFirst();
    assertThat(c.assignments()).extracting(SimpleCommand.Assignment::name).containsExactly("A", "B");
    assertThat(c.argv()).containsExactly("cmd", "C=2");
  }

  @Test
  void substitutions_areParsedAndVisited() {
    assertThat(argvs("echo $(uname -m) `id -u` $((1 + 2))")).containsExactly(
        List.of("echo", "$(uname -m)", "`id -u`", "$((1 + 2))"), List.of("uname", "-m"), List.of("id", "-u"));
  }

  @Test
  void compoundCommands() {
    assertThat(argvs("if [ -f a ]; then b; elif c; then d; else e; fi")).extracting(l -> l.getFirst()).containsExactly("[", "b", "c", "d", "e");
    assertThat(argvs("for x in 1 2; do echo $x; done")).containsExactly(List.of("echo", "$x"));
    assertThat(argvs("while read l; do echo $l; done < f")).hasSize(2);
    assertThat(argvs("case $a in x|y) one ;; *) two ;; esac")).containsExactly(List.of("one"), List.of("two"));
    assertThat(argvs("(cd /tmp && ls) ; { echo g; }")).hasSize(3);
    assertThat(argvs("f() { echo body; }; f")).containsExactly(List.of("echo", "body"), List.of("f"));
    assertThat(argvs("! grep -q x f")).containsExactly(List.of("grep", "-q", "x", "f"));
  }

  @Test
  void redirections() {
    SimpleCommand c = ok("cmd >out 2>&1 <in >>log 3<>rw &>all").simpleCommands().getFirst();
    assertThat(c.argv()).containsExactly("cmd");
    assertThat(c.redirects()).extracting(Redirect::op).containsExactly(">", ">&", "<", ">>", "<>", "&>");
    assertThat(c.redirects().get(1).fd()).isEqualTo(2);
  }

  @Test
  void heredocs_bodiesAreRead() {
    Script s = ok("cat <<EOF > f && cat <<-'X'\nline $a\nEOF\n\tquoted\n\tX\necho after\n");
    List<Redirect> r = s.simpleCommands().getFirst().redirects();
    assertThat(r.getFirst().heredoc().text()).isEqualTo("line $a\n");
    SimpleCommand second = s.simpleCommands().get(1);
    assertThat(second.redirects().getFirst().heredoc().text()).isEqualTo("quoted\n");
    assertThat(second.redirects().getFirst().heredoc().quotedDelimiter()).isTrue();
    assertThat(s.simpleCommands().get(2).argv()).containsExactly("echo", "after");
  }

  @Test
  void lineContinuationsAndComments() {
    assertThat(argvs("echo a \\\n b # trailing comment\n# whole line\necho c")).containsExactly(List.of("echo", "a", "b"), List.of("echo", "c"));
  }

  @Test
  void processSubstitution() {
    assertThat(argvs("bash <(curl -s https://x)")).containsExactly(List.of("bash", "<(curl -s https://x)"), List.of("curl", "-s", "https://x"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"echo 'open", "echo \"open", "echo $(open", "echo `open", "if true; then x", "for x in a; do y", "case a in x) y",
      "( a", "{ a", "a &&", "| a", "cat <<EOF\nno end", "echo ${open", "a >", "done"})
  void syntaxErrors_areReportedNotThrown(String src) {
    ShellParseResult r = ShellParser.parse(src);
    assertThat(r.ok()).as(src).isFalse();
    assertThat(r.error().getMessage()).isNotBlank();
  }

  @Test
  void syntaxError_keepsCommandsBeforeIt() {
    ShellParseResult r = ShellParser.parse("apt-get update; echo 'broken");
    assertThat(r.ok()).isFalse();
    assertThat(r.script().simpleCommands()).extracting(SimpleCommand::name).containsExactly("apt-get");
  }
}
