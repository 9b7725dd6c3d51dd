package dev.bulwark.lint;

import dev.bulwark.lint.rules.DockerfileRules;
import dev.bulwark.core.Linter;

import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Dockerfile linter as a whole: parse errors, order, the seed analysis. */
class LinterTest {

  @Test
  void parseErrors_becomeFindings() {
    List<Finding> f = DockerfileRules.linter().lint(DockerfileTarget.parse("Dockerfile", "FROM alpine:3.20\nCMD [1]\n"));
    assertThat(f).anySatisfy(x -> {
      assertThat(x.ruleId()).isEqualTo("BW-P001");
      assertThat(x.span().startLine()).isEqualTo(2);
    });
  }

  @Test
  void findings_areSortedByPosition() {
    List<Finding> f = DockerfileRules.linter().lint(DockerfileTarget.parse("Dockerfile", "FROM alpine\nRUN apk add gcc\nUSER root\n"));
    assertThat(f).extracting(x -> x.span().startLine()).isSorted();
  }

  @Test
  void goExample_likeTheSeedAnalysis() {
    String df = "FROM alpine:latest\nRUN apk add --no-cache go git\nCOPY . .\nRUN go build -o /app .\nCMD /app\n";
    List<Finding> f = DockerfileRules.linter().lint(DockerfileTarget.parse("Dockerfile", df));
    assertThat(f).extracting(Finding::ruleId).contains("BW-D001", "BW-D002", "BW-D003");
    assertThat(f).filteredOn(x -> x.severity() == Severity.CRITICAL).hasSize(1);
  }
}
