package dev.bulwark.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.dockerfile.model.BuildModel;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.CommandLine;
import dev.bulwark.dockerfile.shell.Invocation;
import dev.bulwark.dockerfile.shell.ShellFact;
import dev.bulwark.dockerfile.shell.ShellFacts;
import dev.bulwark.dockerfile.shell.ShellParser;
import dev.bulwark.dockerfile.syntax.DockerfileParser;
import dev.bulwark.dockerfile.syntax.Instruction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every flag, argument, key/value pair and shell word knows where it was written ("line:col-line:col"). */
class SourcePositionsTest {

  private static BuildModel model(String text) {
    return BuildModel.of(DockerfileParser.parse(text));
  }

  private static Instruction instruction(String text, int index) {
    return DockerfileParser.parse(text).instructions().get(index);
  }

  private static ShellFacts facts(String text) {
    Command.Run run = model(text).stages().getFirst().commands(Command.Run.class).getFirst();
    CommandLine.Shell sh = (CommandLine.Shell) run.command();
    return ShellFacts.of(ShellParser.parse(sh.script(), sh.map()).script());
  }

  private static List<String> packageSpans(String text) {
    return facts(text).facts(ShellFact.PackageOperation.class).stream()
        .flatMap(op -> op.packages().stream()).map(p -> p.span().toString()).toList();
  }

  @Test
  void flagsAndArguments() {
    Instruction copy = instruction("FROM a\nCOPY --from=build --chmod=644 app app\n", 1);
    assertThat(copy.flags().get(0).span()).hasToString("2:6-2:18");
    assertThat(copy.flags().get(1).span()).hasToString("2:19-2:30");
    assertThat(copy.argSpans()).extracting(Object::toString).containsExactly("2:31-2:34", "2:35-2:38");
  }

  @Test
  void jsonElementsWithTheirQuotes() {
    Instruction cmd = instruction("FROM a\nCMD [ \"run\",\"-x\" ]\n", 1);
    assertThat(cmd.argSpans()).extracting(Object::toString).containsExactly("2:7-2:12", "2:13-2:17");
  }

  @Test
  void keyValuePairs() {
    Command.Env env = model("FROM a\nENV A=1 \\\n  LONG_NAME=\"x y\"\n").stages().getFirst().commands(Command.Env.class).getFirst();
    assertThat(env.pairs()).extracting(kv -> kv.keySpan() + " " + kv.valueSpan())
        .containsExactly("2:5-2:6 2:7-2:8", "3:3-3:12 3:13-3:18");
  }

  @Test
  void legacyKeyValueAndOnbuildTrigger() {
    assertThat(instruction("FROM a\nENV PATH /x:$PATH\n", 1).argSpans()).extracting(Object::toString)
        .containsExactly("2:5-2:9", "2:10-2:18");
    Instruction trigger = instruction("FROM a\nONBUILD COPY --chown=1 a /b\n", 1).child();
    assertThat(trigger.flags().getFirst().span()).hasToString("2:14-2:23");
    assertThat(trigger.lastArgSpan()).hasToString("2:26-2:28");
  }

  @Test
  void shellWordsFollowContinuations() {
    assertThat(packageSpans("FROM a\nRUN apt-get install -y \\\n    curl \\\n  git\n")).containsExactly("3:5-3:9", "4:3-4:6");
  }

  @Test
  void wordInsideShDashCSingleQuotes() {
    Invocation apt = facts("FROM a\nRUN echo apt-get && sh -c 'apt-get install -y curl'\n").invocations().stream()
        .filter(i -> i.name().equals("apt-get")).findFirst().orElseThrow();
    assertThat(apt.span()).hasToString("2:28-2:51");
    assertThat(apt.argSpan(2)).hasToString("2:47-2:51");
  }

  @Test
  void wordInsideBashDashCDoubleQuotesWithEscapes() {
    assertThat(packageSpans("FROM a\nRUN bash -c \"echo \\\"\\$x\\\" && apk add curl\"\n")).containsExactly("2:38-2:42");
  }

  @Test
  void heredocScripts() {
    assertThat(packageSpans("FROM a\nRUN <<EOF\napk add curl\nEOF\n")).containsExactly("3:9-3:13");
    assertThat(packageSpans("FROM a\nRUN <<-EOF\n\t\tapk add curl\n\tEOF\n")).containsExactly("3:11-3:15");
    assertThat(packageSpans("FROM a\nRUN cat <<EOF >/x && apk add git\nbody\nEOF\n")).containsExactly("2:30-2:33");
  }

  @Test
  void wordsInBackquotes() {
    Invocation which = facts("FROM a\nRUN echo `apk add \\$x curl`\n").invocations().stream()
        .filter(i -> i.name().equals("apk")).findFirst().orElseThrow();
    assertThat(which.argSpan(2)).hasToString("2:23-2:27");
  }
}
