package dev.bulwark.lint.purpose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Finding;
import dev.bulwark.core.LintConfig;
import dev.bulwark.core.Linter;
import dev.bulwark.core.Purpose;
import dev.bulwark.core.PurposeVerdict;
import dev.bulwark.core.Severity;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.rules.DockerfileRules;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a Dockerfile is for, and how that changes what the rules say. */
class PurposeTest {
  private static final String APP = "FROM golang:1.25 AS build\nCOPY . /src\nRUN go build -o /app ./...\nFROM debian:12\nCOPY --from=build /app /app\nCMD [\"/app\"]\n";
  private static final String TOOLCHAIN = "FROM buildpack-deps:bookworm\nENV GOLANG_VERSION=1.25.1\n"
      + "RUN apt-get update && apt-get install -y --no-install-recommends gcc make && rm -rf /var/lib/apt/lists/*\n";
  private static final String INTERPRETER = "FROM debian:12-slim\nCOPY docker-entrypoint.sh /usr/local/bin/\n"
      + "RUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*\n"
      + "ENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD [\"python3\"]\n";

  private static PurposeVerdict purpose(String path, String dockerfile) {
    return DockerfileTarget.parse(path, dockerfile).withProjectPath(path).purpose();
  }

  @ParameterizedTest
  @CsvSource(quoteCharacter = '"', value = {
      "Dockerfile, APP, APPLICATION, copies the project's files into the image",
      "Dockerfile, TOOLCHAIN, BASE, no project sources copied and no CMD or ENTRYPOINT over buildpack-deps",
      "Dockerfile, INTERPRETER, BASE, no project sources copied and its command is python3",
      "tests/fixtures/bad/Dockerfile, APP, FIXTURE, in a tests/ folder",
      "src/e2e/Dockerfile, APP, FIXTURE, in a e2e/ folder",
      ".devcontainer/Dockerfile, APP, DEVELOPMENT, in a .devcontainer/ folder",
      ".github/actions/lint/Dockerfile, APP, DEVELOPMENT, in a .github/ folder",
      "eng/update-dependencies/Dockerfile, APP, DEVELOPMENT, in a eng/ folder",
      "Dockerfile.dev, APP, DEVELOPMENT, named dockerfile.dev",
      "ci.Dockerfile, APP, DEVELOPMENT, named ci.dockerfile",
      "docker/Dockerfile.prod, APP, APPLICATION, copies the project's files into the image",
      "contest/Dockerfile, APP, APPLICATION, copies the project's files into the image",
      "images/e2e-test-echo/rootfs/Dockerfile, TOOLCHAIN, FIXTURE, in a e2e-test-echo/ folder",
      "images/test-runner/Dockerfile, TOOLCHAIN, FIXTURE, in a test-runner/ folder",
      "latest/attestation/Dockerfile, APP, APPLICATION, copies the project's files into the image",
      "services/ab-testing/Dockerfile, APP, APPLICATION, copies the project's files into the image",
      "hack/builder/Dockerfile, APP, DEVELOPMENT, in a hack/ folder",
      "documentation/scripts/Dockerfile.wrapper, TOOLCHAIN, DEVELOPMENT, in a scripts/ folder",
      "src/cartservice/src/Dockerfile.debug, APP, DEVELOPMENT, named dockerfile.debug",
      "build/linux/dev-toolkit/toolkit.Dockerfile, APP, DEVELOPMENT, in a dev-toolkit/ folder",
      "services/devices/Dockerfile, APP, APPLICATION, copies the project's files into the image",
      "docs.Dockerfile, APP, DEVELOPMENT, named docs.dockerfile",
      "Dockerfile.doc, APP, DEVELOPMENT, named dockerfile.doc",
      "docker/Dockerfile.docker, APP, APPLICATION, copies the project's files into the image",
      "src/checkout/genproto/Dockerfile, APP, DEVELOPMENT, in a genproto/ folder",
      "tools/codegen/Dockerfile, TOOLCHAIN, DEVELOPMENT, in a tools/ folder",
  })
  void infersFromPathAndContents(String path, String which, Purpose expected, String reason) {
    String text = switch (which) {
      case "APP" -> APP;
      case "TOOLCHAIN" -> TOOLCHAIN;
      default -> INTERPRETER;
    };
    PurposeVerdict v = purpose(path, text);
    assertThat(v.purpose()).isEqualTo(expected);
    assertThat(v.reason()).isEqualTo(reason);
    assertThat(v.source()).isEqualTo(PurposeVerdict.Source.INFERRED);
  }

  @Test
  void templatesTestRunnersFoundationsAndDevcontainerUsers() {
    assertThat(purpose("build/assets/debian.Dockerfile", "ARG VARIANT\nFROM REPLACE-ME\n"))
        .satisfies(v -> {
          assertThat(v.purpose()).isEqualTo(Purpose.FIXTURE);
          assertThat(v.reason()).isEqualTo("a template: its FROM names the placeholder REPLACE-ME");
        });
    assertThat(purpose("Dockerfile", "FROM {{ .Base }}\nCOPY . /app\nCMD [\"/app/run\"]\n").purpose()).isEqualTo(Purpose.FIXTURE);
    assertThat(purpose(".devcontainer/Dockerfile", "ARG VARIANT=${templateOption:imageVariant}\nFROM mcr.microsoft.com/devcontainers/base:0-${VARIANT}\n").reason())
        .isEqualTo("a template: the default of ARG VARIANT names the placeholder ${templateOption:imageVariant}");
    assertThat(purpose("Dockerfile", "ARG BASE=alpine:3.20\nFROM ${BASE}\nCOPY app /app\nCMD [\"/app\"]\n").purpose())
        .isEqualTo(Purpose.APPLICATION);
    assertThat(purpose("Dockerfile", "FROM python:3.12\nCOPY . /src\nRUN pip install -r /src/requirements.txt\nCMD [\"pytest\", \"-x\"]\n"))
        .satisfies(v -> {
          assertThat(v.purpose()).isEqualTo(Purpose.FIXTURE);
          assertThat(v.reason()).isEqualTo("its command runs the tests (pytest)");
        });
    assertThat(purpose("Dockerfile", "FROM golang:1.25\nCOPY . /src\nCMD go test ./...\n").reason()).isEqualTo("its command runs the tests (go test)");
    assertThat(purpose("Dockerfile", "FROM node:22\nCOPY . /src\nCMD [\"npm\", \"run\", \"test:e2e\"]\n").purpose()).isEqualTo(Purpose.FIXTURE);
    assertThat(purpose("Dockerfile", "FROM node:22\nCOPY . /src\nCMD [\"npm\", \"start\"]\n").purpose()).isEqualTo(Purpose.APPLICATION);
    String foundation = "FROM ubuntu:24.04\nCOPY fix-permissions /usr/local/bin/\nCOPY start.sh /usr/local/bin/\n"
        + "ENTRYPOINT [\"tini\", \"-g\", \"--\", \"start.sh\"]\n";
    assertThat(purpose("images/docker-stacks-foundation/Dockerfile", foundation)).satisfies(v -> {
      assertThat(v.purpose()).isEqualTo(Purpose.BASE);
      assertThat(v.reason()).isEqualTo("named docker-stacks-foundation and sets no CMD: the images built FROM it give the command");
    });
    assertThat(purpose("images/monitor-base/Dockerfile", foundation + "CMD [\"collect\"]\n").purpose()).isEqualTo(Purpose.APPLICATION);
    assertThat(purpose("knowledge-base/api/Dockerfile", foundation).purpose()).isEqualTo(Purpose.APPLICATION);
    assertThat(purpose("Dockerfile", "FROM debian:12\nARG USERNAME=vscode\nRUN useradd -m $USERNAME\nCOPY . /w\nUSER $USERNAME\n"))
        .satisfies(v -> {
          assertThat(v.purpose()).isEqualTo(Purpose.DEVELOPMENT);
          assertThat(v.reason()).isEqualTo("it sets up the dev container user vscode");
        });
  }

  @Test
  void notebooksAndCiServersArePlacesToWorkIn() {
    assertThat(purpose("Dockerfile", "FROM python:3.12\nCOPY start-notebook.py /usr/local/bin/\nCMD [\"start-notebook.py\"]\n"))
        .isEqualTo(PurposeVerdict.inferred(Purpose.DEVELOPMENT, "it runs start-notebook.py, a notebook, IDE or CI server to work in"));
    assertThat(purpose("Dockerfile", "FROM quay.io/jupyter/base-notebook\nRUN pip install --no-cache-dir flake8\n"))
        .isEqualTo(PurposeVerdict.inferred(Purpose.DEVELOPMENT, "built FROM the notebook image quay.io/jupyter/base-notebook"));
    assertThat(purpose("Dockerfile", "FROM eclipse-temurin:21-jre\nCOPY jenkins.sh /usr/local/bin/\nENTRYPOINT [\"/usr/bin/tini\", \"--\", \"jenkins.sh\"]\n").purpose())
        .isEqualTo(Purpose.DEVELOPMENT);
    // a server's foreground wrapper script is not the project's code: php's apache variant copies no sources
    assertThat(purpose("Dockerfile", "FROM debian:12-slim\nCOPY apache2-foreground /usr/local/bin/\nCMD [\"apache2-foreground\"]\n").purpose())
        .isEqualTo(Purpose.BASE);
  }

  @Test
  void aDocumentationBuildIsNotDeployed() {
    assertThat(purpose("Dockerfile", "FROM python:3.13-alpine\nRUN apk add --no-cache gcc musl-dev git\nCOPY requirements.txt mkdocs.yml /docs/\n"
        + "RUN pip install --no-cache-dir -r /docs/requirements.txt\nWORKDIR /docs\nENTRYPOINT [\"mkdocs\"]\nCMD [\"build\"]\n"))
        .isEqualTo(PurposeVerdict.inferred(Purpose.DEVELOPMENT, "it runs mkdocs, which builds or previews documentation"));
  }

  @Test
  void onbuildTriggersMakeABaseImage() {
    assertThat(purpose("Dockerfile", "FROM node:22\nONBUILD COPY . /app\nCMD [\"node\", \"server.js\"]\n").purpose()).isEqualTo(Purpose.BASE);
  }

  @Test
  void aConfigFileOnlyImageOfAServerRunsWhatItsBaseRuns() {
    assertThat(purpose("Dockerfile", "FROM nginx:1.27\nCOPY nginx.conf /etc/nginx/nginx.conf\n"))
        .isEqualTo(PurposeVerdict.inferred(Purpose.APPLICATION, "runs what nginx runs"));
    assertThat(purpose("Dockerfile", "FROM debian:12\nRUN apt-get install -y memcached\nCMD [\"memcached\"]\n"))
        .isEqualTo(PurposeVerdict.inferred(Purpose.APPLICATION, "runs memcached"));
    // an application server whose webapps/ the images built FROM it fill: tomcat's official image
    assertThat(purpose("Dockerfile", "FROM eclipse-temurin:21-jdk\nRUN curl -fsSLO https://x/tomcat.tgz\nCMD [\"catalina.sh\", \"run\"]\n"))
        .isEqualTo(PurposeVerdict.inferred(Purpose.BASE, "no project sources copied and its command is catalina.sh"));
    assertThat(purpose("Dockerfile", "FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\n").purpose()).isEqualTo(Purpose.APPLICATION);
  }

  @Test
  void aDevelopmentFinalStageOrDevcontainerBase() {
    assertThat(purpose("Dockerfile", APP + "FROM build AS dev-envs\nRUN apt-get install -y git\n").purpose()).isEqualTo(Purpose.DEVELOPMENT);
    assertThat(purpose("Dockerfile", "FROM mcr.microsoft.com/devcontainers/base:bookworm\nCOPY . /w\n").purpose()).isEqualTo(Purpose.DEVELOPMENT);
  }

  @Test
  void aPragmaWinsOverInferenceAndTheConfigOverBoth() throws Exception {
    String withPragma = "# bulwark purpose=base # our team's runtime image\n" + APP;
    PurposeVerdict v = purpose("Dockerfile", withPragma);
    assertThat(v).isEqualTo(new PurposeVerdict(Purpose.BASE, PurposeVerdict.Source.PRAGMA, "our team's runtime image"));
    LintConfig config = LintConfig.parse("paths:\n  - path: \"docker/**\"\n    purpose: dev\n", ".bulwark.yaml");
    DockerfileTarget t = DockerfileTarget.parse("x", withPragma).withConfig(config, "docker/Dockerfile");
    assertThat(t.purpose()).isEqualTo(new PurposeVerdict(Purpose.DEVELOPMENT, PurposeVerdict.Source.CONFIG, ".bulwark.yaml"));
    assertThat(DockerfileTarget.parse("x", withPragma).withConfig(config, "Dockerfile").purpose().source()).isEqualTo(PurposeVerdict.Source.PRAGMA);
  }

  @Test
  void thePurposeFollowsThePathWhenATargetIsReconfigured() {
    // the same parsed file under another path: the analyses are shared, the purpose is not
    DockerfileTarget plain = DockerfileTarget.parse("x", "FROM alpine:3.20\nCMD [\"app\"]\n").withConfig(LintConfig.DEFAULT, "Dockerfile");
    assertThat(plain.purpose().purpose()).isEqualTo(Purpose.APPLICATION);
    assertThat(plain.withConfig(LintConfig.DEFAULT, "test/fixtures/Dockerfile").purpose().purpose()).isEqualTo(Purpose.FIXTURE);
    assertThat(plain.withProjectPath("tests/Dockerfile").purpose().purpose()).isEqualTo(Purpose.FIXTURE);
    assertThat(plain.purpose().purpose()).isEqualTo(Purpose.APPLICATION);
  }

  @Test
  void anUnknownPragmaWordIsSaidNotSwallowed() {
    PurposeVerdict v = purpose("Dockerfile", "# bulwark purpose=libary\n" + APP);
    assertThat(v.purpose()).isEqualTo(Purpose.APPLICATION);
    assertThat(v.reason()).contains("purpose pragma ignored, line 1: unknown purpose 'libary'");
  }

  @Test
  void anUnknownConfigPurposeIsAConfigError() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LintConfig.parse("purpose: libary\n", ".bulwark.yaml"))
        .hasMessage(".bulwark.yaml: purpose: unknown purpose 'libary' (known: " + Purpose.SPELLINGS + ")");
  }

  private static List<Finding> lint(String path, String dockerfile) {
    return new Linter<>(DockerfileRules.all()).lint(DockerfileTarget.parse(path, dockerfile).withProjectPath(path));
  }

  private static Finding only(List<Finding> findings, String id) {
    List<Finding> of = findings.stream().filter(f -> f.ruleId().equals(id)).toList();
    assertThat(of).as(id).hasSize(1);
    return of.getFirst();
  }

  @Test
  void rootInAToolchainImageIsALowNoteAndItsCompilersAreThePoint() {
    String text = TOOLCHAIN;
    Finding root = only(lint("Dockerfile", text), "BW-D001");
    assertThat(root.severity()).isEqualTo(Severity.LOW);
    assertThat(root.message()).endsWith("(base image: the images built FROM it must set USER)");
    assertThat(lint("Dockerfile", text)).noneMatch(f -> f.ruleId().equals("BW-D003") || f.ruleId().equals("BW-D013"));
    // the same file said to be an application image: critical, and its compilers count
    List<Finding> asApp = lint("Dockerfile", "# bulwark purpose=application\n" + text);
    assertThat(only(asApp, "BW-D001").severity()).isEqualTo(Severity.CRITICAL);
    assertThat(asApp).anyMatch(f -> f.ruleId().equals("BW-D003"));
  }

  @Test
  void anImageOfAnOfficialServiceKeepsItsPrivilegeDroppingEntrypoint() {
    Finding kept = only(lint("Dockerfile", "FROM rabbitmq:4.1\nRUN rabbitmq-plugins enable --offline rabbitmq_management\nCOPY x.conf /etc/x.conf\n"),
        "BW-D001");
    assertThat(kept.severity()).isEqualTo(Severity.LOW);
    assertThat(kept.message()).contains("rabbitmq's entrypoint, which this image keeps, drops to an unprivileged user");
    // its own entrypoint replaces the one that drops
    assertThat(only(lint("Dockerfile", "FROM rabbitmq:4.1\nCOPY run.sh /run.sh\nENTRYPOINT [\"/run.sh\"]\n"), "BW-D001").severity())
        .isEqualTo(Severity.CRITICAL);
  }

  @Test
  void windowsServerCoreRunsAsContainerAdministratorAndDotnetDistrolessAsApp() {
    Finding admin = only(lint("Dockerfile", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app.exe C:/app/\nCMD [\"C:/app/app.exe\"]\n"),
        "BW-D001");
    assertThat(admin.severity()).isEqualTo(Severity.HIGH);
    assertThat(admin.message()).contains("ContainerAdministrator");
    assertThat(lint("Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:9.0-azurelinux3.0-distroless\nCOPY app/ /app\nENTRYPOINT [\"dotnet\", \"/app/a.dll\"]\n"))
        .noneMatch(f -> f.ruleId().equals("BW-D001"));
  }

  @Test
  void aPackageIndexUpdatedAloneIsLowInADevContainer() {
    String text = "FROM debian:13\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends libsecret-1-dev\n";
    assertThat(only(lint(".devcontainer/Dockerfile", text), "BW-D024").severity()).isEqualTo(Severity.LOW);
    assertThat(only(lint("Dockerfile", text), "BW-D024").severity()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void findingsInADevelopmentStageAreJudgedAsADevelopmentImage() {
    String text = "FROM node:22 AS dev-envs\nCOPY --from=tools/docker / /\nFROM node:22-slim\nCOPY . /app\nUSER node\nCMD [\"node\", \"/app/s.js\"]\n";
    Finding copy = only(lint("Dockerfile", text), "BW-D091");
    assertThat(copy.severity()).isEqualTo(Severity.LOW);
    assertThat(copy.message()).endsWith("(development image)");
  }

  @Test
  void webAssemblyHasNoRootAndAFilesOnlyScratchImageIsLow() {
    assertThat(lint("Dockerfile", "FROM --platform=wasi/wasm scratch\nCOPY app.wasm /app.wasm\nENTRYPOINT [\"/app.wasm\"]\n"))
        .noneMatch(f -> f.ruleId().equals("BW-D001"));
    Finding files = only(lint("Dockerfile", "FROM golang:1.25 AS build\nCOPY . /s\nRUN go build -o /out/app ./...\nFROM scratch\nCOPY --from=build /out /\n"),
        "BW-D001");
    assertThat(files.severity()).isEqualTo(Severity.LOW);
    assertThat(files.message()).contains("sets no ENTRYPOINT or CMD");
  }

  @Test
  void aWrapperEntrypointWithNoCommandIsABaseImage() {
    // a JRE image: its entrypoint script sets up certificates and execs what the images built FROM it give as CMD
    String text = "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates\n"
        + "COPY --chmod=755 entrypoint.sh /__cacert_entrypoint.sh\nENTRYPOINT [\"/__cacert_entrypoint.sh\"]\n";
    PurposeVerdict v = purpose("Dockerfile", text);
    assertThat(v.purpose()).isEqualTo(Purpose.BASE);
    assertThat(v.reason()).isEqualTo("no project sources copied and its ENTRYPOINT __cacert_entrypoint.sh is a wrapper with no CMD to run,"
        + " over ubuntu");
    assertThat(only(lint("Dockerfile", text), "BW-D001").severity()).isEqualTo(Severity.LOW);
    // CMD [] says the entrypoint itself is the program; a CMD of its own is one; over an image Bulwark cannot see, it may be either
    assertThat(purpose("Dockerfile", text + "CMD []\n").purpose()).isEqualTo(Purpose.APPLICATION);
    assertThat(purpose("Dockerfile", text + "CMD [\"/usr/local/bin/server\"]\n").purpose()).isEqualTo(Purpose.APPLICATION);
    assertThat(purpose("Dockerfile", text.replace("ubuntu:24.04", "quay.io/acme/cron:2")).purpose()).isEqualTo(Purpose.APPLICATION);
    // a script that starts a server: the image declares its port
    assertThat(purpose("Dockerfile", text + "EXPOSE 22\n").purpose()).isEqualTo(Purpose.APPLICATION);
    assertThat(purpose("Dockerfile", text + "VOLUME /etc/stunnel\n").purpose()).isEqualTo(Purpose.APPLICATION);
  }

  @Test
  void rootInAFixtureIsInfo() {
    assertThat(only(lint("tests/Dockerfile", APP), "BW-D001").severity()).isEqualTo(Severity.INFO);
  }

  @Test
  void theConfigsSeverityOverrideStillWins() throws Exception {
    LintConfig config = LintConfig.parse("severity: {BW-D001: high}\n", ".bulwark.yaml");
    List<Finding> f = new Linter<>(DockerfileRules.all()).lint(DockerfileTarget.parse("Dockerfile", TOOLCHAIN).withConfig(config, "Dockerfile"));
    assertThat(only(f, "BW-D001").severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void rootThatAnEntrypointDropsThroughGosuIsLow() {
    String text = "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends gosu && rm -rf /var/lib/apt/lists/*\n"
        + "COPY app /usr/local/bin/app\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD [\"app\"]\n";
    Finding root = only(lint("Dockerfile", text), "BW-D001");
    assertThat(root.severity()).isEqualTo(Severity.LOW);
    assertThat(root.message()).contains("gosu is installed for its entrypoint script to drop");
    // gosu installed but no entrypoint script to use it: still root
    assertThat(only(lint("Dockerfile", text.replace("ENTRYPOINT [\"docker-entrypoint.sh\"]\n", "")), "BW-D001").severity())
        .isEqualTo(Severity.CRITICAL);
  }

  @Test
  void serversThatDropTheirWorkersAreMediumAndUnknownBasesAreLow() {
    Finding nginx = only(lint("Dockerfile", "FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\n"), "BW-D001");
    assertThat(nginx.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(nginx.message()).contains("nginx's main process runs as root");
    Finding inherited = only(lint("Dockerfile", "FROM quay.io/acme/runtime:2\nCOPY app /app\nCMD [\"/app\"]\n"), "BW-D001");
    assertThat(inherited.severity()).isEqualTo(Severity.LOW);
    assertThat(inherited.message()).contains("runs as the user quay.io/acme/runtime sets");
    assertThat(only(lint("Dockerfile", "FROM python:3.13\nCOPY app.py /app.py\nCMD [\"python3\", \"/app.py\"]\n"), "BW-D001").severity())
        .isEqualTo(Severity.CRITICAL);
    assertThat(lint("Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:9.0-noble-chiseled\nCOPY app/ /app\nENTRYPOINT [\"dotnet\", \"/app/a.dll\"]\n"))
        .noneMatch(f -> f.ruleId().equals("BW-D001"));
  }
}
