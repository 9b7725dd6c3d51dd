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
    // unverified, it is code the image installs: high
    assertThat(findings(new PlainHttpDownload(), "FROM debian:12\nRUN curl -fsSLO http://example.org/x.tar.gz && tar xf x.tar.gz\n")
        .getFirst().severity()).isEqualTo(Severity.HIGH);
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
        null, null, List.of("a", ".env"), false, "the Dockerfile's directory, as compose.yaml gives it", null));
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
  void aTemplatesPlaceholderBaseIsAnInfoNotAHighParseError() {
    dev.bulwark.core.Rule<DockerfileTarget> parse = dev.bulwark.lint.rules.syntax.ParseDiagnostics.errors();
    for (String base : List.of("REPLACE-ME", "<image>", "__BASE__", "@@BASE_IMAGE@@", "%%BASE%%:%%TAG%%", "{{BASE}}")) {
      assertThat(findings(parse, "FROM " + base + "\nRUN echo hi\n")).as(base).singleElement().satisfies(f -> {
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.message()).startsWith("the placeholder ").contains("a template, not built as written");
      });
    }
    // another error of the template: low, said to be in a template
    assertThat(findings(parse, "FROM REPLACE-ME\nFROBNICATE now\n")).extracting(Finding::severity)
        .containsExactly(Severity.INFO, Severity.LOW);
    // a real but invalid reference stays high
    assertThat(findings(parse, "FROM Ubuntu:22.04\n")).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
    assertThat(findings(parse, "ARG BASE\nFROM ${BASE}x:1\n")).allSatisfy(f -> assertThat(f.severity()).isNotEqualTo(Severity.INFO));
  }

  private static List<Finding> as(dev.bulwark.core.Purpose purpose, dev.bulwark.core.Rule<DockerfileTarget> rule, String dockerfile) {
    DockerfileTarget t = DockerfileTarget.parse("Dockerfile", dockerfile)
        .withConfig(dev.bulwark.core.LintConfig.DEFAULT.withPurpose(purpose), "Dockerfile");
    return new Linter<>(List.of(rule)).lint(t);
  }

  @Test
  void aWorldWritableSdkFolderInADevContainerIsLowButASystemBinaryDirStaysHigh() {
    dev.bulwark.lint.rules.privilege.WorldWritable rule = new dev.bulwark.lint.rules.privilege.WorldWritable();
    String sdk = "FROM mcr.microsoft.com/dotnet/sdk:9.0\nRUN chmod -R a+w /usr/share/dotnet\n";
    assertThat(as(dev.bulwark.core.Purpose.DEVELOPMENT, rule, sdk)).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.LOW);
      assertThat(f.message()).endsWith("(development image, not deployed)");
    });
    assertThat(as(dev.bulwark.core.Purpose.FIXTURE, rule, sdk)).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.LOW));
    assertThat(as(dev.bulwark.core.Purpose.APPLICATION, rule, sdk)).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
    for (String dir : List.of("/usr/local/bin", "/usr/bin/", "/etc/sudoers.d", "/usr/local")) {
      assertThat(as(dev.bulwark.core.Purpose.DEVELOPMENT, rule, "FROM debian:12\nRUN chmod -R 777 " + dir + "\n")).as(dir).singleElement()
          .satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.message()).endsWith("(a system directory, whatever the image is for)");
          });
    }
    assertThat(as(dev.bulwark.core.Purpose.BASE, rule, "FROM debian:12\nRUN chmod 777 /usr/local/bin\n")).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
  }

  @Test
  void aPipeToShellBehindAnOptInBuildArgIsMediumAndHighWhenOnByDefault() {
    dev.bulwark.lint.rules.supplychain.CurlPipeShell rule = new dev.bulwark.lint.rules.supplychain.CurlPipeShell();
    String url = "https://example.org/install.sh";
    for (String run : List.of(
        "ARG INSTALL_X=false\nRUN if [ \"$INSTALL_X\" = \"true\" ]; then curl -fsSL " + url + " | bash; fi",
        "ARG INSTALL_X\nRUN if [ \"${INSTALL_X}\" == \"true\" ]; then curl -fsSL " + url + " | bash; fi",
        "ARG DeveloperBuild\nRUN if [ -z $DeveloperBuild ]; then echo no; else curl -sSL " + url + " | bash /dev/stdin -v latest; fi",
        "ARG DEBUG\nRUN [ -n \"$DEBUG\" ] && curl -fsSL " + url + " | sh",
        "ARG WITH_X=0\nRUN test \"$WITH_X\" = 1 && { curl -fsSL " + url + " | sh; }",
        "ARG SKIP=1\nRUN [ -n \"$SKIP\" ] || curl -fsSL " + url + " | sh")) {
      assertThat(findings(rule, "FROM debian:12\n" + run + "\n")).as(run).singleElement().satisfies(f -> {
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.message()).endsWith("is set: off by default)");
      });
    }
    for (String run : List.of(
        "RUN curl -fsSL " + url + " | bash",
        "ARG INSTALL_X=true\nRUN if [ \"$INSTALL_X\" = \"true\" ]; then curl -fsSL " + url + " | bash; fi",
        "ARG SKIP_X\nRUN if [ \"$SKIP_X\" != \"true\" ]; then curl -fsSL " + url + " | bash; fi",
        "RUN if [ \"$(uname -m)\" = x86_64 ]; then curl -fsSL " + url + " | bash; fi",
        "RUN if [ -n \"$NOT_AN_ARG\" ]; then curl -fsSL " + url + " | bash; fi",
        "ARG X\nRUN X=${X:-true}; if [ \"$X\" = true ]; then curl -fsSL " + url + " | bash; fi")) {
      assertThat(findings(rule, "FROM debian:12\n" + run + "\n")).as(run).singleElement()
          .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
    }
  }

  @Test
  void unsignedLocalApksTheBuildMadeAreLowAndRepositoryInstallsStayHigh() {
    dev.bulwark.lint.rules.supplychain.InsecureTransport rule = new dev.bulwark.lint.rules.supplychain.InsecureTransport();
    for (String run : List.of(
        "RUN --mount=type=bind,target=/tmp/packages/,source=/tmp/packages/,from=builder"
            + " for m in $MODULES; do apk add --no-cache --allow-untrusted /tmp/packages/nginx-module-${m}*.apk; done",
        "COPY --from=build /home/builder/packages/ /pkgs/\nRUN apk add --allow-untrusted -t .mods /pkgs/x86_64/*.apk",
        "RUN abuild -r && apk add --allow-untrusted ~/packages/main/x86_64/foo-1.0-r0.apk")) {
      assertThat(findings(rule, "FROM alpine:3.20\n" + run + "\n")).as(run).singleElement().satisfies(f -> {
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.message()).endsWith("not fetched: no repository or download to tamper with)");
      });
    }
    for (String run : List.of(
        "RUN apk add --allow-untrusted foo",
        "RUN apk add --allow-untrusted -X https://repo.example/alpine /tmp/x.apk",
        "RUN apk add --allow-untrusted https://example.org/x.apk",
        "RUN wget -O /tmp/x.apk https://example.org/x.apk && apk add --allow-untrusted /tmp/x.apk",
        "ADD https://example.org/x.apk /tmp/x.apk\nRUN apk add --allow-untrusted /tmp/x.apk")) {
      assertThat(findings(rule, "FROM alpine:3.20\n" + run + "\n")).as(run).singleElement()
          .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
    }
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
