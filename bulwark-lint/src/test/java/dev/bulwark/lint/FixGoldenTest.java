package dev.bulwark.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Finding;
import dev.bulwark.core.LintConfig;
import dev.bulwark.core.Purpose;
import dev.bulwark.lint.rules.DockerfileRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Before/after goldens of the fixes over whole files: {@code fixes/NAME.Dockerfile} fixed with
 * every rule gives {@code NAME.fixed} byte for byte (safe fixes; unsafe ones too for
 * {@code NAME.unsafe.Dockerfile}). Regenerate with -Dbulwark.update-golden=true and review the diff.
 */
class FixGoldenTest {
  private static final Path DIR = Path.of("src/test/resources/fixes");

  @TestFactory
  List<DynamicTest> everyFile() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      return s.filter(p -> p.toString().endsWith(".Dockerfile")).sorted().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
        String before = Files.readString(p, StandardCharsets.UTF_8);
        boolean unsafe = p.getFileName().toString().endsWith(".unsafe.Dockerfile");
        DockerfileFixer.Outcome outcome = new DockerfileFixer(f -> unsafe || f.fix().get().isSafe(), FixGoldenTest::lint).fix(before, lint(before));
        StringBuilder golden = new StringBuilder(outcome.text());
        // what was applied, after the text: a reviewer reads the golden as the diff's summary
        golden.append("\n#### applied\n");
        for (DockerfileFixer.Applied a : outcome.applied()) {
          golden.append("# ").append(a.finding().ruleId()).append(' ').append(a.fix().isSafe() ? "safe" : "unsafe").append(": ")
              .append(a.fix().description()).append('\n');
        }
        golden.append("#### left\n");
        for (Finding f : lint(outcome.text())) {
          if (List.of("BW-D002", "BW-D004", "BW-D021", "BW-D022", "BW-D024", "BW-D032", "BW-D067").contains(f.ruleId())) {
            golden.append("# ").append(f.ruleId()).append(" at ").append(f.span().startLine()).append(':').append(f.span().startColumn())
                .append(f.fix().isPresent() ? " (fix: " + f.fix().get().description() + ")" : " (no fix)").append('\n');
          }
        }
        assertThat(DockerfileFixer.refused(outcome.text())).as("fixed file parses").isFalse();
        Path expected = DIR.resolve(p.getFileName().toString().replace(".Dockerfile", ".fixed"));
        if (Boolean.getBoolean("bulwark.update-golden")) {
          Files.writeString(expected, golden, StandardCharsets.UTF_8);
        }
        assertThat(expected).as("golden (generate with -Dbulwark.update-golden=true)").exists();
        assertThat(golden.toString()).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
      })).toList();
    }
  }

  private static List<Finding> lint(String text) {
    DockerfileTarget t = DockerfileTarget.parse("Dockerfile", text);
    return DockerfileRules.linter().lint(new DockerfileTarget("Dockerfile", t.model(), LintConfig.DEFAULT.withPurpose(Purpose.APPLICATION),
        "Dockerfile"));
  }
}
