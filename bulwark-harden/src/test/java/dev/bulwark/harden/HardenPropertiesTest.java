package dev.bulwark.harden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.BuildModel;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.syntax.Diagnostic;
import dev.bulwark.dockerfile.syntax.DockerfileParser;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.rules.DockerfileRules;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Over every golden input and every variant that is not refused: the output parses, the Dockerfile
 * rules at their default config find nothing critical or high in it, hardening it again changes
 * nothing but comments, and every RUN of the original is in it (as a step or a TODO comment).
 */
class HardenPropertiesTest {

  @TestFactory
  List<DynamicTest> everyVariant() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Goldens.Input in : Goldens.inputs()) {
      for (Variant v : Variant.values()) {
        HardenResult r = Harden.harden(in.dockerfile(), in.files(), v, in.options());
        if (r instanceof HardenResult.Hardened h) {
          tests.add(DynamicTest.dynamicTest(in.name() + " " + v.id(), () -> check(in, v, h.text())));
        }
      }
    }
    assertThat(tests).hasSizeGreaterThan(80);
    return tests;
  }

  static void check(Goldens.Input in, Variant v, String out) {
    for (Diagnostic d : BuildModel.of(DockerfileParser.parse(out)).diagnostics()) {
      assertThat(d.isError()).as("parses: %s at %s", d.message(), d.span()).isFalse();
    }
    assertThat(severe(out)).as("critical/high findings").isEmpty();
    HardenResult again = Harden.harden(out, in.files(), v, in.options());
    assertThat(again).as("hardening the hardened file").isInstanceOf(HardenResult.Hardened.class);
    assertThat(withoutComments(((HardenResult.Hardened) again).text())).as("idempotent but for comments").isEqualTo(withoutComments(out));
    for (String run : originalRuns(in.dockerfile())) {
      assertThat(keeps(out, run)).as("RUN kept or a TODO: %s", run).isTrue();
    }
  }

  static List<String> severe(String text) {
    List<String> out = new ArrayList<>();
    for (Finding f : DockerfileRules.linter().lint(DockerfileTarget.parse("Dockerfile", text))) {
      if (f.severity() == Severity.CRITICAL || f.severity() == Severity.HIGH) {
        out.add(f.ruleId() + " " + f.severity() + " " + f.span().startLine() + ": " + f.message());
      }
    }
    return out;
  }

  static String withoutComments(String text) {
    StringBuilder sb = new StringBuilder();
    for (String line : text.split("\n")) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("#")) {
        sb.append(t).append('\n');
      }
    }
    return sb.toString();
  }

  static List<String> originalRuns(String text) {
    List<String> out = new ArrayList<>();
    BuildModel m = BuildModel.of(DockerfileParser.parse(text));
    for (Stage s : m.stages()) {
      for (Command.Run r : s.commands(Command.Run.class)) {
        out.add(r.instruction().original());
      }
    }
    return out;
  }

  /** The RUN's words, in order, are in one RUN of the output (flags may be added, npm install may become npm ci) or in its comments. */
  static boolean keeps(String out, String run) {
    List<String> want = words(run);
    BuildModel m = BuildModel.of(DockerfileParser.parse(out));
    for (Stage s : m.stages()) {
      for (Command.Run r : s.commands(Command.Run.class)) {
        if (subsequence(want, words(r.instruction().original()))) {
          return true;
        }
      }
    }
    StringBuilder comments = new StringBuilder();
    for (String line : out.split("\n")) {
      if (line.startsWith("#   ")) {
        comments.append(line.substring(4)).append('\n');
      }
    }
    return subsequence(want, words(comments.toString()));
  }

  private static List<String> words(String s) {
    return Arrays.asList(s.replaceAll("\\\\\\r?\\n", " ").replace("\"", "").replace("'", "").strip().split("\\s+"));
  }

  private static boolean subsequence(List<String> want, List<String> have) {
    Map<String, String> same = Map.of("install", "ci", "i", "ci");
    int k = 0;
    for (String h : have) {
      if (k < want.size() && (h.equals(want.get(k)) || h.equals(same.get(want.get(k))) || h.endsWith("/" + want.get(k)) || (h.startsWith("python:") && want.get(k).startsWith("python:")))) {
        k++;
      }
    }
    return k == want.size();
  }
}
