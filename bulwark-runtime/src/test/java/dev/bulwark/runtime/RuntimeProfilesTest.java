package dev.bulwark.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.dockerfile.model.BuildModel;
import dev.bulwark.dockerfile.syntax.DockerfileParser;
import dev.bulwark.runtime.RuntimeProfile.Port;
import dev.bulwark.runtime.RuntimeProfile.RunAs;
import dev.bulwark.runtime.RuntimeProfile.WritablePath;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuntimeProfilesTest {
  private static RuntimeProfile profile(String dockerfile) {
    return RuntimeProfiles.of(BuildModel.of(DockerfileParser.parse(dockerfile)), "My App", "my-app:1.0");
  }

  @Test
  void aNumericUserIsKeptAndItsGroupDefaultsToTheUid() {
    RuntimeProfile p = profile("FROM alpine:3.20\nUSER 1234\n");
    assertThat(p.runAs()).isEqualTo(new RunAs(1234, 1234, "USER 1234"));
    assertThat(p.notes()).isEmpty();
    assertThat(profile("FROM alpine:3.20\nUSER 1234:2000\n").runAs().gid()).isEqualTo(2000);
  }

  @Test
  void aNamedUserGetsTheUidAndGidItsRunGaveIt() {
    RuntimeProfile p = profile("FROM alpine:3.20\nRUN addgroup -g 3000 web && adduser -D -u 3001 -G web web\nUSER web:web\n");
    assertThat(p.runAs().uid()).isEqualTo(3001);
    assertThat(p.runAs().gid()).isEqualTo(3000);
    assertThat(p.runAs().origin()).contains("uid 3001");
    RuntimeProfile debian = profile("FROM debian:12\nRUN groupadd -r app && useradd -r -u 999 -g app app\nUSER app\n");
    assertThat(debian.runAs()).extracting(RunAs::uid, RunAs::gid).containsExactly(999, 999);
  }

  @Test
  void aNamedUserWithoutAFixedUidIsSaidAndGetsTheDefaultId() {
    RuntimeProfile p = profile("FROM alpine:3.20\nRUN adduser -D app\nUSER app\n");
    assertThat(p.runAs().uid()).isEqualTo(RuntimeProfiles.DEFAULT_ID);
    assertThat(p.notes()).singleElement().asString().contains("USER app has no uid");
  }

  @ParameterizedTest
  @CsvSource({"USER root", "USER 0", "USER 0:0"})
  void rootIsReplacedByTheDefaultIdWithANote(String user) {
    RuntimeProfile p = profile("FROM alpine:3.20\n" + user + "\n");
    assertThat(p.runAs().uid()).isEqualTo(RuntimeProfiles.DEFAULT_ID);
    assertThat(p.notes()).singleElement().asString().contains("runs as root");
  }

  @Test
  void noUserMeansRootUnlessTheBaseIsANonrootImage() {
    assertThat(profile("FROM python:3.12\nCMD [\"python\"]\n").notes()).singleElement().asString().contains("sets no USER");
    RuntimeProfile distroless = profile("FROM golang:1.23 AS build\nRUN go build -o /app .\n"
        + "FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n");
    assertThat(distroless.runAs()).extracting(RunAs::uid, RunAs::gid).containsExactly(65532, 65532);
    assertThat(distroless.notes()).isEmpty();
    assertThat(profile("FROM cgr.dev/chainguard/static\nCOPY app /app\n").runAs().uid()).isEqualTo(65532);
    assertThat(profile("FROM cgr.dev/chainguard/python:latest-dev\n").runAs().uid()).isEqualTo(RuntimeProfiles.DEFAULT_ID);
  }

  @Test
  void theUserOfAParentStageCarriesOver() {
    RuntimeProfile p = profile("FROM alpine:3.20 AS base\nUSER 4000\nFROM base\nCMD [\"x\"]\n");
    assertThat(p.runAs().uid()).isEqualTo(4000);
  }

  @Test
  void portsRangesAndProtocolsAreReadAndAPrivilegedPortIsSaid() {
    RuntimeProfile p = profile("FROM alpine:3.20\nUSER 1000\nEXPOSE 80 8000-8002/tcp 53/udp 80\n");
    assertThat(p.ports()).containsExactly(new Port(80, "tcp"), new Port(8000, "tcp"), new Port(8001, "tcp"), new Port(8002, "tcp"),
        new Port(53, "udp"));
    assertThat(p.notes()).singleElement().asString().contains("below 1024");
    assertThat(profile("FROM alpine:3.20\nUSER 1000\nEXPOSE 8080\n").notes()).isEmpty();
  }

  @Test
  void volumesAreDataPathsBesideTmp() {
    RuntimeProfile p = profile("FROM alpine:3.20\nUSER 1000\nVOLUME /data\nVOLUME [\"/var/lib/app\"]\nVOLUME /tmp relative\n");
    assertThat(p.writablePaths()).containsExactly(new WritablePath("/tmp", false), new WritablePath("/data", true),
        new WritablePath("/var/lib/app", true));
  }

  @Test
  void theHealthcheckIsReadInBothFormsAndNoneIsNone() {
    RuntimeProfile exec = profile("FROM alpine:3.20\nHEALTHCHECK --interval=15s --retries=5 CMD [\"/app\", \"health\"]\n");
    assertThat(exec.healthcheck().exec()).containsExactly("/app", "health");
    assertThat(exec.healthcheck().interval()).isEqualTo("15s");
    assertThat(exec.healthcheck().retries()).isEqualTo(5);
    assertThat(profile("FROM alpine:3.20\nHEALTHCHECK CMD wget -qO- localhost:8080/health || exit 1\n").healthcheck().shell())
        .isEqualTo("wget -qO- localhost:8080/health || exit 1");
    assertThat(profile("FROM alpine:3.20\nHEALTHCHECK CMD [\"x\"]\nHEALTHCHECK NONE\n").healthcheck()).isNull();
  }

  @Test
  void anEmptyFileStillGivesSettingsAndSaysWhy() {
    RuntimeProfile p = profile("");
    assertThat(p.ports()).isEmpty();
    assertThat(p.notes()).singleElement().asString().contains("no FROM");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"My App|my-app", "python_web|python-web", "9lives|app-9lives", "--x--|x", "Ünïcode|n-code", "''|app"})
  void namesBecomeDnsLabels(String name, String label) {
    assertThat(RuntimeProfiles.serviceName(name == null ? "" : name)).isEqualTo(label);
  }

  @Test
  void goDurationsBecomeWholeSeconds() {
    assertThat(List.of(KubernetesWriter.seconds("30s", 0), KubernetesWriter.seconds("1m30s", 0), KubernetesWriter.seconds("500ms", 0),
        KubernetesWriter.seconds("2h", 0), KubernetesWriter.seconds("bogus", 7), KubernetesWriter.seconds(null, 9)))
        .containsExactly(30, 90, 1, 7200, 7, 9);
  }

  private static final String PASSWD = "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n"
      + "app:x:10001:10002::/home/app:/sbin/nologin\n";
  private static final String GROUP = "root:x:0:\napp:x:10002:\nweb:x:2000:\n";

  private static RuntimeProfile built(String user, List<String> ports, List<String> volumes, List<String> health) {
    return RuntimeProfiles.ofImage(new BuiltImage(user, ports, volumes, health, 30_000_000_000L, 1_500_000_000L, 0, 3, PASSWD, GROUP),
        "My App", "my-app:1.0");
  }

  @Test
  void aBuiltImagesUserIsReadFromItsPasswdAndGroupFiles() {
    RuntimeProfile named = built("app", List.of(), List.of(), null);
    assertThat(named.runAs()).isEqualTo(new RunAs(10001, 10002, "USER app (uid 10001 from the image's /etc/passwd)"));
    assertThat(built("app:web", List.of(), List.of(), null).runAs()).extracting(RunAs::uid, RunAs::gid).containsExactly(10001, 2000);
    // a numeric user in passwd gets its primary group, as runc gives it
    assertThat(built("10001", List.of(), List.of(), null).runAs()).extracting(RunAs::uid, RunAs::gid).containsExactly(10001, 10002);
    RuntimeProfile missing = built("ghost", List.of(), List.of(), null);
    assertThat(missing.runAs().uid()).isEqualTo(RuntimeProfiles.DEFAULT_ID);
    assertThat(missing.notes()).singleElement().asString().startsWith("User ghost is not in the image's /etc/passwd");
  }

  @Test
  void aBuiltImageWithoutUserOrAsRootGetsTheDefaultIdAndANote() {
    RuntimeProfile none = built("", List.of(), List.of(), null);
    assertThat(none.runAs().uid()).isEqualTo(RuntimeProfiles.DEFAULT_ID);
    assertThat(none.notes()).singleElement().asString().startsWith("The image's config sets no User");
    assertThat(built("0:0", List.of(), List.of(), null).runAs().origin()).contains("is root");
    assertThat(built("root", List.of(), List.of(), null).runAs().uid()).isEqualTo(RuntimeProfiles.DEFAULT_ID);
  }

  @Test
  void aBuiltImagesPortsVolumesAndHealthcheckComeFromItsConfig() {
    RuntimeProfile p = built("app", List.of("8080/tcp", "53/udp", "8080/tcp", "junk/tcp"), List.of("/data", "/tmp"),
        List.of("CMD", "/app", "health"));
    assertThat(p.ports()).containsExactly(new Port(8080, "tcp"), new Port(53, "udp"));
    assertThat(p.notes()).anyMatch(n -> n.contains("below 1024"));
    assertThat(p.writablePaths()).containsExactly(new WritablePath("/tmp", false), new WritablePath("/data", true));
    assertThat(p.healthcheck()).isEqualTo(new RuntimeProfile.Healthcheck(List.of("/app", "health"), null, "30s", "1500ms", null, 3));
    assertThat(built("app", List.of(), List.of(), List.of("CMD-SHELL", "wget -q -O- localhost:8080")).healthcheck().shell())
        .isEqualTo("wget -q -O- localhost:8080");
    assertThat(built("app", List.of(), List.of(), List.of("NONE")).healthcheck()).isNull();
  }
}
