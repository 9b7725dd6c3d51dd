package dev.bulwark.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.eol.EolCatalog;
import dev.bulwark.core.ref.ImageReference;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BaseImageCatalogTest {
  /**
   * The day the catalog's own choices are judged on: {@code -Dbulwark.catalog.as-of=YYYY-MM-DD}
   * checks them for a later day (how long the shipped advice stays good), default 2026-12-01.
   */
  static final LocalDate AS_OF = LocalDate.parse(System.getProperty("bulwark.catalog.as-of", "2026-12-01"));
  final BaseImageCatalog catalog = BaseImageCatalog.get();

  static ImageReference ref(String s) {
    return ImageReference.tryParse(s).orElseThrow();
  }

  BaseImage facts(String image) {
    return catalog.lookup(ref(image)).orElseThrow(() -> new AssertionError(image + " is not in the catalog"));
  }

  @Test
  void noChoiceOfTheCatalogIsPastItsEndOfLife() {
    assertThat(catalog.expiredChoices(AS_OF)).as("latest/newest cycles and recommended images past their EOL on " + AS_OF).isEmpty();
  }

  @Test
  void aLaterDayFlagsTheChoicesThatExpireByThen() {
    // Node.js 24 ends 2028-04-30 and Alpine 3.24 on 2028-06-01: the check must catch both once they pass
    assertThat(catalog.expiredChoices(LocalDate.parse("2028-04-29"))).isEmpty();
    assertThat(catalog.expiredChoices(LocalDate.parse("2028-04-30"))).containsExactly(
        "gcr.io/distroless/nodejs24-debian13:nonroot (Node.js 24 ended 2028-04-30)");
    List<String> later = catalog.expiredChoices(LocalDate.parse("2028-09-01"));
    assertThat(later).contains("alpine:3.24 (Alpine 3.24 ended 2028-06-01)", "debian:13 (Debian 13 ended 2028-08-09)",
        "gcr.io/distroless/static-debian13:nonroot (Debian 13 ended 2028-08-09)");
  }

  @Test
  void everyLineIsWellFormed() {
    for (ImageFamily f : catalog.families()) {
      assertThat(f.kind()).as(f.name()).isIn("official", "os", "distroless", "chainguard");
      assertThat(f.runtime()).as(f.name()).isIn("go", "python", "node", "java", "rust", "dotnet", "php", "ruby", "static", "cc", "server", "os");
      assertThat(f.pin()).as(f.name()).isIn("full", "cycle", "codename", "-");
      if (f.isVersioned() && !f.eol().equals("-") && !f.eol().equals("past")) {
        assertThat(EolCatalog.get().cyclesOf(f.eol())).as(f.name() + ": EOL product " + f.eol()).isNotEmpty();
        for (String cycle : new String[] {f.latest(), f.newest()}) {
          if (!cycle.equals("-")) {
            assertThat(EolCatalog.get().cycleOfRelease(f.eol(), cycle)).as(f.name() + " cycle " + cycle).isPresent();
          }
        }
      }
    }
    assertThat(catalog.families()).extracting(ImageFamily::name).contains("alpine", "debian", "ubuntu", "golang", "python", "node",
        "eclipse-temurin", "openjdk", "amazoncorretto", "rust", "mcr.microsoft.com/dotnet/sdk", "mcr.microsoft.com/dotnet/aspnet",
        "mcr.microsoft.com/dotnet/runtime", "nginx", "redis", "postgres", "busybox", "gcr.io/distroless/static-debian12",
        "gcr.io/distroless/base-nossl-debian13", "gcr.io/distroless/java25-debian13", "gcr.io/distroless/nodejs20-debian12",
        "cgr.dev/chainguard/glibc-dynamic", "cgr.dev/chainguard/dotnet-runtime", "cgr.dev/chainguard/nginx");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      python:3.12-slim-bookworm          | python | 3.12  | slim-bookworm  | Debian 12        | 2026-07-11 | bash  | apt  | root  | null
      docker.io/library/python:3.13      | python | 3.13  | ''             | Debian 13        | 2028-08-09 | bash  | apt  | root  | null
      python                             | python | 3.14  | ''             | Debian 13        | 2028-08-09 | bash  | apt  | root  | null
      node:20-alpine                     | node   | 20    | alpine         | Alpine 3.24      | 2026-04-30 | sh    | apk  | root  | node:1000
      golang:1.24-alpine3.20             | go     | 1.24  | alpine3.20     | Alpine 3.20      | 2026-02-10 | sh    | apk  | root  | null
      eclipse-temurin:21.0.5_11-jre-jammy| java   | 21.0.5| jre-jammy      | Ubuntu 22.04     | 2027-04-01 | bash  | apt  | root  | ubuntu:1000
      amazoncorretto:17-al2023           | java   | 17    | al2023         | Amazon Linux 2023| 2029-06-30 | bash  | dnf  | root  | null
      openjdk:17-jdk-slim                | java   | 17    | jdk-slim       | null             | past       | bash  | apt  | root  | null
      debian:bookworm-20240110-slim      | os     | 12    | slim           | Debian 12        | 2026-07-11 | bash  | apt  | root  | null
      ubuntu:jammy                       | os     | 22.04 | ''             | Ubuntu 22.04     | 2027-04-01 | bash  | apt  | root  | ubuntu:1000
      alpine:3.18                        | os     | 3.18  | ''             | Alpine 3.18      | 2025-05-09 | sh    | apk  | root  | null
      busybox:1.36-musl                  | os     | 1.36  | musl           | null             | -          | sh    | null | root  | nobody:65534
      mcr.microsoft.com/dotnet/aspnet:8.0| dotnet | 8.0   | ''             | Debian 12        | 2026-07-11 | bash  | apt  | root  | app:1654
      mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled | dotnet | 10.0 | noble-chiseled | Ubuntu 24.04 | 2028-11-14 | null | null | 1654 | null
      arm64v8/alpine:3.22                | os     | 3.22  | ''             | Alpine 3.22      | 2027-05-01 | sh    | apk  | root  | null
      amd64/buildpack-deps:noble-curl    | os     | 24.04 | curl           | Ubuntu 24.04     | 2029-05-31 | bash  | apt  | root  | null
      buildpack-deps:resolute-scm        | os     | 26.04 | scm            | Ubuntu 26.04     | 2031-04-30 | bash  | apt  | root  | null
      buildpack-deps:bookworm            | os     | 12    | ''             | Debian 12        | 2026-07-11 | bash  | apt  | root  | null
      php:8.2-fpm-alpine                 | php    | 8.2   | fpm-alpine     | Alpine 3.24      | 2026-12-31 | sh    | apk  | root  | www-data:33
      ruby:3.2-slim                      | ruby   | 3.2   | slim           | Debian 13        | 2026-03-31 | bash  | apt  | root  | null
      gcr.io/distroless/static           | static | null  | latest         | Debian 12        | 2026-07-11 | null  | null | root  | nonroot:65532
      nginx:1.29-alpine                  | server | 1.29  | alpine         | Alpine 3.24      | 2026-05-13 | sh    | apk  | root  | nginx:101
      gcr.io/distroless/static-debian12  | static | null  | latest         | Debian 12        | 2026-07-11 | null  | null | root  | nonroot:65532
      gcr.io/distroless/static-debian13:nonroot | static | null | nonroot | Debian 13        | 2028-08-09 | null  | null | 65532 | null
      gcr.io/distroless/base-debian13:debug-nonroot-arm64 | cc | null | debug-nonroot | Debian 13 | 2028-08-09 | sh (busybox, /busybox/sh) | null | 65532 | null
      gcr.io/distroless/python3-debian12:nonroot | python | null | nonroot   | Debian 12        | past       | null  | null | 65532 | null
      gcr.io/distroless/java17-debian13  | java   | 17    | latest         | Debian 13        | 2027-10-31 | null  | null | root  | nonroot:65532
      cgr.dev/chainguard/python:latest   | python | null  | latest         | Wolfi (rolling)  | -          | null  | null | 65532 | null
      cgr.dev/chainguard/node:latest-dev | node   | null  | latest-dev     | Wolfi (rolling)  | -          | sh    | apk  | 65532 | null
      """)
  void factsOfATag(String image, String runtime, String version, String variant, String distro, String eol, String shell, String pkg,
      String user, String nonRoot) {
    BaseImage b = facts(image);
    assertThat(b.family().runtime()).isEqualTo(runtime);
    assertThat(b.version()).isEqualTo(version);
    assertThat(b.variant()).isEqualTo(variant);
    assertThat(b.distro()).isEqualTo(distro);
    assertThat(b.eol()).isEqualTo(eol);
    assertThat(b.shell()).isEqualTo(shell);
    assertThat(b.packageManager()).isEqualTo(pkg);
    assertThat(b.user()).isEqualTo(user);
    assertThat(b.nonRootUser()).isEqualTo(nonRoot);
  }

  @Test
  void imagesItDoesNotKnowAreUnknown() {
    assertThat(catalog.lookup(ref("myorg/base:1.2"))).isEmpty();
    assertThat(catalog.lookup(ref("ghcr.io/org/python:3.12"))).isEmpty();
    assertThat(catalog.lookup(ref("quay.io/distroless/static-debian13"))).isEmpty();
  }

  @Test
  void statusSaysLtsOnlyForDebian12() {
    assertThat(facts("debian:12").status(AS_OF)).isEqualTo("LTS only");
    assertThat(facts("debian:11").status(AS_OF)).isEqualTo("EOL");
    assertThat(facts("debian:trixie").status(AS_OF)).isEqualTo("supported");
    assertThat(facts("python:3.12").status(AS_OF)).isEqualTo("supported");
    assertThat(facts("node:lts").status(AS_OF)).as("a channel names no release").isEqualTo("unknown");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      python                       | 3.14.7
      python:latest                | 3.14.7
      python:3                     | 3.14.7
      python:3-slim-bookworm       | 3.14.7-slim-bookworm
      python:slim                  | 3.14.7-slim
      node:latest                  | 26.7.0
      node:22                      | 22.23.2
      node:20-alpine               | 20.20.2-alpine
      node:alpine                  | 26.7.0-alpine
      golang:1                     | 1.27.0
      alpine                       | 3.24.1
      alpine:3                     | 3.24.1
      debian:12                    | 12.15
      debian:12-slim               | 12.15-slim
      ubuntu                       | 24.04
      nginx:1-alpine               | 1.31.4-alpine
      redis:7                      | 7.4.11
      postgres:16-bookworm         | 16.15-bookworm
      rust:1                       | 1.98.0
      mcr.microsoft.com/dotnet/aspnet:8 | 8.0.30
      buildpack-deps               | trixie
      redhat/ubi10-minimal         | 10.2
      registry.access.redhat.com/ubi9/ubi | 9.8
      registry.access.redhat.com/ubi8/ubi-minimal:8 | 8.10
      buildpack-deps:curl          | trixie-curl
      node:lts                     | null
      debian:stable                | null
      eclipse-temurin:21           | null
      openjdk:17                   | null
      gcr.io/distroless/static-debian13 | null
      cgr.dev/chainguard/go        | null
      myorg/base                   | null
      python:3@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | null
      """)
  void pinnedTagKeepsTheMajorAndTheVariant(String image, String pinned) {
    assertThat(catalog.pinnedTag(ref(image)).orElse(null)).isEqualTo(pinned);
  }

  Recommender.Recommendation advice(String image, boolean finalStage) {
    return new Recommender(catalog, LocalDate.parse("2026-12-01")).recommend(facts(image), finalStage);
  }

  static List<String> images(Recommender.Recommendation r) {
    return r.alternatives().stream().map(a -> a.kind() + " " + a.image().image()).toList();
  }

  @Test
  void finalStageOfARuntimeImageGoesDistroless() {
    Recommender.Recommendation r = advice("python:3.12-slim-bookworm", true);
    assertThat(images(r)).containsExactly("current python:3.12-slim-bookworm", "newer python:3.14-slim-trixie",
        "distroless gcr.io/distroless/python3-debian13:nonroot", "chainguard cgr.dev/chainguard/python:latest");
    assertThat(r.recommended().image().image()).isEqualTo("gcr.io/distroless/python3-debian13:nonroot");
    assertThat(r.why()).contains("no shell or package manager", "65532", "2028-08-09");
  }

  @Test
  void buildStageGetsTheNewerSupportedToolchain() {
    Recommender.Recommendation r = advice("golang:1.22-alpine", false);
    assertThat(images(r)).contains("newer golang:1.27-alpine", "chainguard cgr.dev/chainguard/go:latest-dev");
    assertThat(r.recommended().image().image()).isEqualTo("golang:1.27-alpine");
    assertThat(r.why()).contains("Go 1.22 is past its end of life (2025-02-11)");
    Recommender.Recommendation ok = advice("golang:1.27", false);
    assertThat(ok.recommended().kind()).isEqualTo("current");
    assertThat(ok.why()).startsWith("a build stage");
  }

  @Test
  void nodeAndJavaPickTheDistrolessOfTheSameMajorWhileSupported() {
    assertThat(advice("node:22-slim", true).recommended().image().image()).isEqualTo("gcr.io/distroless/nodejs22-debian13:nonroot");
    assertThat(advice("node:20", true).recommended().image().image()).isEqualTo("gcr.io/distroless/nodejs26-debian13:nonroot");
    assertThat(advice("eclipse-temurin:17-jdk", true).recommended().image().image()).isEqualTo("gcr.io/distroless/java17-debian13:nonroot");
    assertThat(images(advice("eclipse-temurin:17-jdk", true))).contains("slim eclipse-temurin:25-jre");
  }

  @Test
  void deprecatedOpenjdkMovesToTemurin() {
    Recommender.Recommendation r = advice("openjdk:17-jdk-slim", false);
    assertThat(r.recommended().image().image()).isEqualTo("eclipse-temurin:17-jdk");
    assertThat(r.why()).contains("deprecated");
  }

  @Test
  void distrolessOnDebian12MovesToDebian13AndNonroot() {
    Recommender.Recommendation r = advice("gcr.io/distroless/static-debian12", true);
    assertThat(r.recommended().image().image()).isEqualTo("gcr.io/distroless/static-debian13:nonroot");
    assertThat(r.why()).contains("65532 instead of root");
    Recommender.Recommendation keep = advice("gcr.io/distroless/static-debian13:nonroot", true);
    assertThat(keep.recommended().kind()).isEqualTo("current");
    assertThat(keep.why()).startsWith("already a minimal image running as 65532");
  }

  @Test
  void anOsImageUnderACopiedGoBinaryGoesDistrolessStatic() {
    BaseImage builder = facts("golang:1.27");
    Recommender.Recommendation r = new Recommender(catalog, LocalDate.parse("2026-12-01")).recommend(facts("alpine:3.22"), true, builder);
    assertThat(r.recommended().image().image()).isEqualTo("gcr.io/distroless/static-debian13:nonroot");
    Recommender.Recommendation alone = advice("alpine:3.23", true);
    assertThat(alone.recommended().kind()).as("an OS image alone says nothing of the app").isEqualTo("current");
  }

  @Test
  void serversGetANewerReleaseOfTheSameVariant() {
    Recommender.Recommendation r = advice("nginx:1.25-alpine", true);
    assertThat(r.recommended().image().image()).isEqualTo("nginx:1.31-alpine");
    assertThat(images(r)).contains("chainguard cgr.dev/chainguard/nginx:latest");
    assertThat(advice("postgres:16-bookworm", true).recommended().image().image()).isEqualTo("postgres:18.6-trixie");
  }

  @Test
  void dotnetFinalStageGoesChiseled() {
    assertThat(advice("mcr.microsoft.com/dotnet/aspnet:8.0", true).recommended().image().image())
        .isEqualTo("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled");
  }

  // found by judging the advice over real Dockerfiles
  @Test
  void ubuntuBasedBuildpackDepsStaysOnUbuntu() {
    assertThat(advice("buildpack-deps:jammy-curl", false).alternatives()).extracting(a -> a.image().image())
        .contains("buildpack-deps:resolute-curl").doesNotContain("buildpack-deps:trixie-curl");
    assertThat(advice("buildpack-deps:resolute-curl", false).alternatives()).hasSize(2); // current and Chainguard's wolfi-base
  }

  @Test
  void aTagOfNoKnownReleaseOrVariantGetsNoInventedNewerTag() {
    assertThat(images(advice("buildpack-deps:sid-scm", true))).noneMatch(s -> s.startsWith("newer"));
  }

  @Test
  void aChannelTagKeepsItsVariant() {
    BaseImage lts = facts("node:lts-buster-slim");
    assertThat(lts.variant()).isEqualTo("buster-slim");
    assertThat(lts.status(LocalDate.parse("2026-12-01"))).isEqualTo("EOL");
    assertThat(advice("node:lts-buster-slim", false).recommended().image().image()).isEqualTo("node:26.7.0-trixie-slim");
  }

  @Test
  void anAlreadyMinimalDotnetTagKeepsItsVariantAndDistro() {
    BaseImage azl = facts("mcr.microsoft.com/dotnet/runtime:9.0.19-azurelinux3.0-distroless-arm64v8");
    assertThat(azl.distro()).isEqualTo("Azure Linux 3.0");
    assertThat(azl.eolOf()).isEqualTo(".NET 9");
    Recommender.Recommendation r = advice("mcr.microsoft.com/dotnet/runtime:9.0.19-azurelinux3.0-distroless-arm64v8", true);
    assertThat(r.recommended().image().image()).isEqualTo("mcr.microsoft.com/dotnet/runtime:10.0-azurelinux3.0-distroless-arm64v8");
  }

  @Test
  void anEndWithinSixMonthsMovesOn() {
    Recommender.Recommendation r = advice("php:8.2-apache", true);
    assertThat(r.recommended().image().image()).isEqualTo("php:8.5-apache");
    assertThat(r.why()).contains("PHP 8.2 reaches its end of life on 2026-12-31, within six months");
  }
}
