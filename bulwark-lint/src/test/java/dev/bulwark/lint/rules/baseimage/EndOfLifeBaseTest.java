package dev.bulwark.lint.rules.baseimage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Finding;
import dev.bulwark.core.Linter;
import dev.bulwark.core.Severity;
import dev.bulwark.lint.DockerfileTarget;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BW-D006 and Debian LTS: the end of regular support is a plan to move; the end of LTS is end of life. */
class EndOfLifeBaseTest {

  private static Finding d006(String dockerfile, String asOf) {
    DockerfileTarget t = DockerfileTarget.parse("Dockerfile", dockerfile).asOf(LocalDate.parse(asOf));
    List<Finding> f = new Linter<DockerfileTarget>(List.of(new EndOfLifeBase())).lint(t);
    assertThat(f).hasSize(1);
    return f.getFirst();
  }

  @Test
  void debianInItsLtsYears_isLow_withTheLtsDate() {
    Finding f = d006("FROM debian:bookworm-slim\n", "2026-11-23");
    assertThat(f.severity()).isEqualTo(Severity.LOW);
    assertThat(f.message()).contains("left regular security support on 2026-07-11", "Debian LTS updates continue until 2028-06-30");
  }

  @Test
  void debianPastLts_isHigh_atTheEndOfLts() {
    assertThat(d006("FROM debian:bookworm-slim\n", "2028-07-01").severity()).isEqualTo(Severity.HIGH);
    Finding buster = d006("FROM debian:buster\n", "2026-11-23");
    assertThat(buster.severity()).isEqualTo(Severity.HIGH);
    assertThat(buster.message()).contains("reached end of life on 2024-06-30 (end of LTS)");
  }

  @Test
  void otherProducts_areUnchanged() {
    Finding f = d006("FROM ubuntu:18.04\n", "2026-11-23");
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.message()).doesNotContain("LTS");
  }
}
