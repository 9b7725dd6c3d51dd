package dev.bulwark.lint;

import dev.bulwark.lint.rules.DockerfileRules;
import dev.bulwark.core.Linter;

import static org.assertj.core.api.Assertions.fail;

import dev.bulwark.lint.context.BuildContext;
import dev.bulwark.lint.context.DockerIgnore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import dev.bulwark.core.cases.RuleCaseFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every rule over thousands of broken Dockerfiles (mutations of the rule cases and the parser's
 * golden fixtures, fixed seeds) and a hostile build context: no rule may throw.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LintFuzzTest {
  private static final String CHARS = "\\`\"'$(){}[]<>|&;#\n =-:/.@*!~0\t";

  static List<String> seeds() throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of("src/test/resources/rules"))) {
      for (Path p : s.sorted().toList()) {
        for (RuleCaseFiles.Case c : RuleCaseFiles.load(p)) {
          out.add(c.body());
        }
      }
    }
    Path golden = Path.of("../bulwark-dockerfile/src/test/resources/golden");
    if (Files.isDirectory(golden)) {
      try (Stream<Path> s = Files.walk(golden)) {
        for (Path p : s.filter(x -> x.getFileName().toString().equals("Dockerfile")).sorted().toList()) {
          out.add(Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }

  @Test
  void noRuleThrowsOnMutatedInput() throws IOException {
    List<String> seeds = seeds();
    Linter<DockerfileTarget> linter = DockerfileRules.linter();
    BuildContext context = new BuildContext(".dockerignore", DockerIgnore.parse("**\n!\n[\n!src\n"),
        List.of(".env", ".git/", "node_modules/", "package.json", "a.py", "k.pem", "../x", ""), false);
    for (int seed = 0; seed < 4000; seed++) {
      Random rnd = new Random(seed);
      StringBuilder sb = new StringBuilder(seeds.get(rnd.nextInt(seeds.size())));
      int edits = 1 + rnd.nextInt(8);
      for (int e = 0; e < edits && !sb.isEmpty(); e++) {
        int at = rnd.nextInt(sb.length());
        switch (rnd.nextInt(3)) {
          case 0 -> sb.setCharAt(at, CHARS.charAt(rnd.nextInt(CHARS.length())));
          case 1 -> sb.deleteCharAt(at);
          default -> sb.insert(at, sb.substring(at, Math.min(sb.length(), at + 1 + rnd.nextInt(30))));
        }
      }
      String df = sb.toString();
      try {
        DockerfileTarget t = DockerfileTarget.parse("Dockerfile", df).withContext(context);
        linter.lint(t);
      } catch (RuntimeException | StackOverflowError e) {
        fail("seed " + seed + " threw " + e + " on:\n" + df, e);
      }
    }
  }
}
