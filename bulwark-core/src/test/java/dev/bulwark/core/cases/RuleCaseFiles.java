package dev.bulwark.core.cases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * The {@code src/test/resources/rules/ID.cases} files of a module's rule tests (Dockerfile, Kubernetes, Compose): listing
 * them, one dynamic test per case, the check of a case's findings against its header, and the three-and-three rule. Each
 * module's RuleCasesTest only says how to lint a case's text with one rule. Shared as bulwark-core's test-jar.
 */
public final class RuleCaseFiles {
  private RuleCaseFiles() {}

  /** One case of a file: {@code rule} is the file's name ({@code BW-C002}), {@code spec} the parsed block. */
  public record Case(String rule, RuleCases.Case spec) {
    public boolean fail() {
      return spec.fail();
    }

    public String body() {
      return spec.body();
    }

    /** {@code BW-C002 fail #3}, the dynamic test's name. */
    public String name() {
      return rule + " " + (spec.fail() ? "fail" : "pass") + " #" + spec.index();
    }
  }

  /** The {@code .cases} files of {@code dir}, by name. */
  public static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".cases")).sorted().toList();
    }
  }

  public static List<Case> load(Path file) throws IOException {
    String rule = file.getFileName().toString().replace(".cases", "");
    return RuleCases.parse(Files.readString(file, StandardCharsets.UTF_8)).stream().map(c -> new Case(rule, c)).toList();
  }

  /** A dynamic test per case of every file of {@code dir}, each given to {@code run}. */
  public static List<DynamicTest> dynamicTests(Path dir, ThrowingConsumer<Case> run) throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path f : files(dir)) {
      for (Case c : load(f)) {
        tests.add(DynamicTest.dynamicTest(c.name(), () -> run.accept(c)));
      }
    }
    return tests;
  }

  /**
   * {@code found} (the case's rule's findings) is what the case's header says: none for a pass case; for a fail case one
   * starting at each line:column, in order, each at the header's {@code severity:} when it gives one.
   */
  public static void assertFindings(Case c, List<Finding> found) {
    if (!c.fail()) {
      assertThat(found).as("%s should not report on:%n%s", c.rule(), c.body()).isEmpty();
      return;
    }
    List<String> at = found.stream()
        .sorted(Comparator.comparingInt((Finding f) -> f.span().startLine()).thenComparingInt(f -> f.span().startColumn()))
        .map(f -> f.span().startLine() + ":" + f.span().startColumn())
        .toList();
    assertThat(at).as("%s findings (line:column) on:%n%s%s", c.rule(), c.body(), found).isEqualTo(c.spec().positions());
    if (c.spec().severity() != null) {
      assertThat(found).as("%s severity on:%n%s", c.rule(), c.body())
          .allSatisfy(f -> assertThat(f.severity().label()).isEqualTo(c.spec().severity()));
    }
  }

  /** Every rule of {@code ids} has a file in {@code dir} with at least three fail and three pass cases. */
  public static void assertEveryRuleHasThreeFailingAndThreePassingCases(Path dir, Collection<String> ids) throws IOException {
    for (String id : ids) {
      Path f = dir.resolve(id + ".cases");
      assertThat(f).as("cases for " + id).exists();
      List<Case> cases = load(f);
      assertThat(cases.stream().filter(Case::fail).count()).as(id + " failing cases").isGreaterThanOrEqualTo(3);
      assertThat(cases.stream().filter(c -> !c.fail()).count()).as(id + " passing cases").isGreaterThanOrEqualTo(3);
    }
  }

  /** Every fail case of every file of {@code dir} says where each finding is. */
  public static void assertEveryFailCaseHasPositions(Path dir) throws IOException {
    List<String> missing = new ArrayList<>();
    for (Path f : files(dir)) {
      for (Case c : load(f)) {
        if (c.fail() && c.spec().positions().isEmpty()) {
          missing.add(c.name());
        }
      }
    }
    assertThat(missing).as("fail cases without 'at line:column'").isEmpty();
  }
}
