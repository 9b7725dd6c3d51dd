package dev.bulwark.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Finding;
import dev.bulwark.core.LintConfig;
import dev.bulwark.core.Linter;
import dev.bulwark.core.Purpose;
import dev.bulwark.core.Rule;
import dev.bulwark.core.cases.RuleCaseFiles;
import dev.bulwark.core.fix.Edits;
import dev.bulwark.core.fix.Fix;
import dev.bulwark.dockerfile.syntax.Heredoc;
import dev.bulwark.dockerfile.syntax.Instruction;
import dev.bulwark.lint.rules.DockerfileRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every fix a rule case's finding carries: applied alone, the file still parses, the rule no
 * longer reports at that place, and no line outside the fixed instruction changes.
 */
class FixCasesTest {

  @Test
  void everyFixOfEveryCaseFixesOnlyItsInstruction() throws Exception {
    Map<String, int[]> counts = new TreeMap<>(); // rule -> findings, with a fix
    List<String> problems = new ArrayList<>();
    for (Path file : RuleCaseFiles.files(Path.of("src/test/resources/rules"))) {
      for (RuleCaseFiles.Case c : RuleCaseFiles.load(file)) {
        if (!c.fail() || c.spec().context() != null) {
          continue;
        }
        Rule<DockerfileTarget> rule = DockerfileRules.all().stream().filter(r -> r.info().id().equals(c.rule())).findFirst().orElseThrow();
        LintConfig config = c.spec().config() == null ? LintConfig.DEFAULT : LintConfig.parse(c.spec().config(), "case");
        LintConfig judged = config.purpose() == null ? config.withPurpose(Purpose.APPLICATION) : config;
        List<Finding> found = lint(rule, c.body(), judged);
        for (Finding f : found) {
          int[] n = counts.computeIfAbsent(c.rule(), k -> new int[2]);
          n[0]++;
          if (f.fix().isEmpty()) {
            continue;
          }
          n[1]++;
          String where = c.rule() + " #" + c.spec().index() + " at " + f.span().startLine() + ":" + f.span().startColumn();
          Fix fix = f.fix().get();
          String fixed = Edits.apply(c.body(), fix.edits());
          if (DockerfileFixer.refused(fixed) && !DockerfileFixer.refused(c.body())) {
            problems.add(where + ": the fixed file does not parse:\n" + fixed);
            continue;
          }
          for (Finding g : lint(rule, fixed, judged)) {
            if (g.span().startLine() == f.span().startLine() && g.span().startColumn() == f.span().startColumn()) {
              problems.add(where + ": still reported after '" + fix.description() + "':\n" + fixed);
            }
          }
          if (fix.edits().stream().allMatch(e -> wholeLines(c.body(), e))) {
            continue; // new instructions on lines of their own (BW-D001's USER): no existing line changes
          }
          DockerfileTarget before = DockerfileTarget.parse("Dockerfile", c.body());
          Instruction in = instructionAt(before, f.span().startLine());
          // a merge (BW-D024) edits the next RUN too: each edit must lie within one instruction's lines
          java.util.Set<Instruction> touched = new java.util.LinkedHashSet<>();
          touched.add(in);
          for (dev.bulwark.core.fix.Edit e : fix.edits()) {
            Instruction at = instructionAt(before, e.span().startLine());
            int endLine = e.span().endColumn() == 1 && e.span().endLine() > e.span().startLine() ? e.span().endLine() - 1 : e.span().endLine();
            if (endLine > lastLine(at)) {
              problems.add(where + ": an edit runs past its instruction: " + e);
            }
            touched.add(at);
          }
          // a tag pin of FROM name:${TAG} (BW-D002/BW-D004) edits the default of the global ARG instead, and only that
          boolean argPin = (c.rule().equals("BW-D002") || c.rule().equals("BW-D004")) && touched.size() == 2
              && touched.stream().skip(1).allMatch(i -> i.keyword().equalsIgnoreCase("ARG"));
          if (touched.size() > (c.rule().equals("BW-D024") || argPin ? 2 : 1)) {
            problems.add(where + ": '" + fix.description() + "' edits " + touched.size() + " instructions");
          }
          String outside = outsideLines(c.body(), fixed, touched.stream().min(java.util.Comparator.comparingInt(Instruction::startLine)).get(),
              touched.stream().max(java.util.Comparator.comparingInt(FixCasesTest::lastLine)).get());
          if (outside != null) {
            problems.add(where + ": '" + fix.description() + "' changes " + outside + ":\n" + fixed);
          }
        }
      }
    }
    StringBuilder summary = new StringBuilder("findings with a fix, per rule:");
    int all = 0;
    int fixable = 0;
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      all += e.getValue()[0];
      fixable += e.getValue()[1];
      if (e.getValue()[1] > 0) {
        summary.append(' ').append(e.getKey()).append(' ').append(e.getValue()[1]).append('/').append(e.getValue()[0]);
      }
    }
    System.out.println(summary + "; " + fixable + " of " + all + " findings of all fail cases");
    assertThat(fixable).as("fixes checked").isGreaterThan(0);
    assertThat(problems).isEmpty();
  }

  static List<Finding> lint(Rule<DockerfileTarget> rule, String text, LintConfig config) {
    DockerfileTarget target = new DockerfileTarget("Dockerfile", DockerfileTarget.parse("Dockerfile", text).model(), config, "Dockerfile")
        .asOf(java.time.LocalDate.parse("2026-11-23"));
    return new Linter<>(List.of(rule)).lint(target).stream().filter(f -> f.ruleId().equals(rule.info().id())).toList();
  }

  /** An insertion of whole lines: at a line start (or the end of the text), ending in a line end, each line an instruction. */
  static boolean wholeLines(String text, dev.bulwark.core.fix.Edit e) {
    int at = e.startOffset();
    boolean lineStart = at == 0 || text.charAt(at - 1) == '\n' || at == text.length();
    return e.isInsertion() && lineStart && e.replacement().endsWith("\n")
        && e.replacement().strip().lines().allMatch(l -> l.matches("(RUN|USER) .*"));
  }

  /** The instruction (or ONBUILD) written on {@code line}. */
  static Instruction instructionAt(DockerfileTarget target, int line) {
    for (Instruction in : target.file().instructions()) {
      if (in.startLine() <= line && line <= lastLine(in)) {
        return in;
      }
    }
    throw new AssertionError("no instruction on line " + line);
  }

  /** The instruction's last line: its heredocs' terminators included. */
  static int lastLine(Instruction in) {
    int last = in.endLine();
    for (Heredoc h : in.heredocs()) {
      last = Math.max(last, h.bodySpan().endLine() + 1);
    }
    return last;
  }

  /** Null when {@code after} differs from {@code before} only from {@code in}'s first line to {@code last}'s last; else which lines changed. */
  static String outsideLines(String before, String after, Instruction in, Instruction last) {
    List<String> a = before.lines().toList();
    List<String> b = after.lines().toList();
    int first = in.startLine() - 1;
    int tail = a.size() - lastLine(last);
    if (b.size() < first + tail) {
      return "the line count";
    }
    for (int i = 0; i < first; i++) {
      if (!a.get(i).equals(b.get(i))) {
        return "line " + (i + 1);
      }
    }
    for (int i = 1; i <= tail; i++) {
      if (!a.get(a.size() - i).equals(b.get(b.size() - i))) {
        return "line " + (a.size() - i + 1) + " (of the original)";
      }
    }
    return null;
  }
}
