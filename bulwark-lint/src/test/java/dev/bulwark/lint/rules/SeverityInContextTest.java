package dev.bulwark.lint.rules;

import static dev.bulwark.lint.RuleTesting.findings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Finding;
import dev.bulwark.core.Linter;
import dev.bulwark.core.Severity;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.rules.baseimage.EndOfLifeBase;
import dev.bulwark.lint.rules.supplychain.PlainHttpDownload;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Findings whose severity depends on what else the Dockerfile does, beyond the rule's own. */
class SeverityInContextTest {

  private static List<Finding> eol(String dockerfile) {
    DockerfileTarget t = DockerfileTarget.parse("Dockerfile", dockerfile).asOf(LocalDate.parse("2026-12-01"));
    return new Linter<>(List.of(new EndOfLifeBase())).lint(t);
  }

  @Test
  void aPlainHttpDownloadTheRunVerifiesIsLow() {
    Finding verified = findings(new PlainHttpDownload(),
        "FROM debian:12\nRUN curl -fsSLO http://example.org/x.tar.gz && echo \"$SHA  x.tar.gz\" | sha256sum -c -\n").getFirst();
    assertThat(verified.severity()).isEqualTo(Severity.LOW);
    assertThat(verified.message()).endsWith("(the RUN checks it with sha256sum, so tampering fails the build)");
    Finding gpg = findings(new PlainHttpDownload(), "FROM debian:12\nRUN curl -fsSLO http://example.org/x.tar.gz"
        + " && curl -fsSLO http://example.org/x.tar.gz.asc && gpg --batch --verify x.tar.gz.asc x.tar.gz\n").getFirst();
    assertThat(gpg.severity()).isEqualTo(Severity.LOW);
    assertThat(findings(new PlainHttpDownload(), "FROM debian:12\nRUN curl -fsSLO http://example.org/x.tar.gz && tar xf x.tar.gz\n")
        .getFirst().severity()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void theWholeContextCopiedIntoABuildStageOnlyIsLow() {
    DockerfileTarget t = DockerfileTarget.parse("Dockerfile",
        "FROM golang:1.25 AS build\nCOPY . /src\nRUN go build -o /app ./...\nFROM gcr.io/distroless/static-debian13\nCOPY --from=build /app /app\n")
        .withContext(new dev.bulwark.lint.context.BuildContext(null, null, List.of("main.go"), false));
    Finding f = new Linter<>(List.of(new dev.bulwark.lint.rules.context.NoDockerignore())).lint(t).getFirst();
    assertThat(f.severity()).isEqualTo(Severity.LOW);
    assertThat(f.message()).contains("build stage 'build'");
  }

  @Test
  void noDockerignoreSaysWhichContextAndIsLowWhenAnAncestorsMayApply() {
    String dockerfile = "FROM alpine:3.20\nWORKDIR /repo\nCOPY . .\n";
    DockerfileTarget pinned = DockerfileTarget.parse("Dockerfile", dockerfile).withContext(new dev.bulwark.lint.context.BuildContext(
        null, null, List.of("a"), false, "the Dockerfile's directory, as compose.yaml gives it", null));
    assertThat(new Linter<>(List.of(new dev.bulwark.lint.rules.context.NoDockerignore())).lint(pinned)).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(f.message()).endsWith("(context: the Dockerfile's directory, as compose.yaml gives it)");
    });
    DockerfileTarget unpinned = DockerfileTarget.parse("Dockerfile", dockerfile).withContext(new dev.bulwark.lint.context.BuildContext(
        null, null, List.of("a"), false, "the Dockerfile's directory, assumed", "../../.dockerignore"));
    assertThat(new Linter<>(List.of(new dev.bulwark.lint.rules.context.NoDockerignore())).lint(unpinned)).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.LOW);
      assertThat(f.message()).contains("if it is built from the directory of ../../.dockerignore, that file applies");
    });
  }

  @Test
  void aSecretFileCopiedIntoABuildStageThatDoesNotShipIsLow() {
    List<Finding> f = findings(new dev.bulwark.lint.rules.secrets.SecretFileCopied(),
        "FROM debian:12 AS fetch\nCOPY deploy.key /k/deploy.key\nRUN use /k/deploy.key > /out\nFROM debian:12\nCOPY --from=fetch /out /out\n");
    assertThat(f).singleElement().satisfies(x -> {
      assertThat(x.severity()).isEqualTo(Severity.LOW);
      assertThat(x.message()).contains("of build stage 'fetch', which does not ship");
    });
    assertThat(findings(new dev.bulwark.lint.rules.secrets.SecretFileCopied(), "FROM debian:12\nCOPY deploy.key /k/deploy.key\n"))
        .singleElement().satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.HIGH));
  }

  @Test
  void anUpdateAloneIsMediumOnlyWhenALaterRunInstallsFromTheStaleIndex() {
    dev.bulwark.lint.rules.packages.UpdateAlone rule = new dev.bulwark.lint.rules.packages.UpdateAlone();
    assertThat(findings(rule, "FROM debian:12\nRUN apt-get update && apt-get purge -y curl\nCMD [\"x\"]\n"))
        .singleElement().satisfies(f -> {
          assertThat(f.severity()).isEqualTo(Severity.LOW);
          assertThat(f.message()).endsWith("(no later RUN of the stage installs from it: only the layer grows)");
        });
    assertThat(findings(rule, "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n"))
        .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.MEDIUM));
  }

  @Test
  void debianInLtsIsLowAndAnEndOfLifeBuildStageIsLow() {
    assertThat(eol("FROM debian:12\nCMD [\"x\"]\n").getFirst().severity()).isEqualTo(Severity.LOW);
    assertThat(eol("FROM debian:10\nCMD [\"x\"]\n").getFirst().severity()).isEqualTo(Severity.HIGH);
    List<Finding> build = eol("FROM golang:1.19 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian13\nCOPY --from=build /app /app\n");
    assertThat(build).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.LOW);
      assertThat(f.message()).endsWith("(build stage: only what it builds ships)");
    });
  }
}
