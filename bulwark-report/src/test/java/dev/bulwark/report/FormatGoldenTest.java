package dev.bulwark.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.core.Linter;
import dev.bulwark.lint.rules.DockerfileRules;
import dev.bulwark.lint.rules.baseimage.LatestBaseImage;
import dev.bulwark.lint.rules.privilege.RootUser;
import dev.bulwark.lint.rules.build.SingleStageBuildTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden output of every format for one fixed report (a fixed rule set, so new rules do not
 * change it). Regenerate with -Dbulwark.update-golden=true after a deliberate change.
 */
class FormatGoldenTest {
  private static final Path DIR = Path.of("src/test/resources/golden");
  private static final String DF = "FROM alpine:latest\nRUN apk add --no-cache go git\nUSER root\nCMD [\"/app\"]\n";

  static ScanReport fixed() {
    Linter<DockerfileTarget> seed = new Linter<>(List.of(new RootUser(), new LatestBaseImage(), new SingleStageBuildTools()));
    return new ScanReport(List.of(
        FileReport.of("api/Dockerfile", seed.lint(DockerfileTarget.parse("api/Dockerfile", DF)), DF),
        FileReport.of("web/Dockerfile", List.of(), "FROM nginx:1.27\n"),
        FileReport.failed("broken/Dockerfile", "permission denied")));
  }

  @TestFactory
  List<DynamicTest> everyFormat() {
    Map<String, ReportWriter> writers = Map.of(
        "report.txt", new TtyReport(false), "report.json", new JsonReport("1.0.0"), "report.sarif", new SarifReport("1.0.0"),
        "report.junit.xml", new XmlReports.JUnit(), "report.checkstyle.xml", new XmlReports.Checkstyle(),
        "report.gitlab.json", new GitlabReport(), "report.md", new MarkdownReport());
    return writers.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      StringBuilder sb = new StringBuilder();
      e.getValue().write(fixed(), sb);
      Path golden = DIR.resolve(e.getKey());
      if (Boolean.getBoolean("bulwark.update-golden")) {
        Files.writeString(golden, sb, StandardCharsets.UTF_8);
      }
      assertThat(golden).as("golden file (generate with -Dbulwark.update-golden=true)").exists();
      assertThat(sb.toString()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    })).toList();
  }

}
