package dev.bulwark.image.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.image.Image;
import dev.bulwark.image.ImageConfig;
import dev.bulwark.image.ImageManifest;
import dev.bulwark.image.fs.FileEntry;
import dev.bulwark.image.fs.FileTree;
import dev.bulwark.image.fs.LayerReader;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Linter;
import dev.bulwark.core.Location;
import dev.bulwark.core.LintConfig;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Three failing and three passing images for each BW-M rule, described by value. */
class ImageChecksTest {

  /** A small image description: config fields, files (path:mode[:content]) and labels. */
  record Spec(String user, List<String> env, List<String> history, List<String> ports, boolean healthcheck, List<String> files,
      Map<String, String> labels) {
    static Spec clean() {
      return new Spec("10001", List.of("PATH=/usr/bin"), List.of("COPY app /app"), List.of("8080/tcp"), true, List.of("app:0755"),
          Map.of("org.opencontainers.image.source", "https://x", "org.opencontainers.image.revision", "abc"));
    }

    Spec user(String u) {
      return new Spec(u, env, history, ports, healthcheck, files, labels);
    }

    Spec env(String... e) {
      return new Spec(user, List.of(e), history, ports, healthcheck, files, labels);
    }

    Spec history(String... h) {
      return new Spec(user, env, List.of(h), ports, healthcheck, files, labels);
    }

    Spec ports(String... p) {
      return new Spec(user, env, history, List.of(p), healthcheck, files, labels);
    }

    Spec healthcheck(boolean hc) {
      return new Spec(user, env, history, ports, hc, files, labels);
    }

    Spec files(String... f) {
      List<String> all = new ArrayList<>(files);
      all.addAll(List.of(f));
      return new Spec(user, env, history, ports, healthcheck, all, labels);
    }

    Spec labels(Map<String, String> l) {
      return new Spec(user, env, history, ports, healthcheck, files, l);
    }

    ImageTarget target() {
      return target(LintConfig.DEFAULT);
    }

    ImageTarget target(LintConfig settings) {
      List<FileEntry> entries = new ArrayList<>();
      Map<String, byte[]> contents = new HashMap<>();
      for (String f : files) {
        String[] p = f.split(":", 3);
        int mode = Integer.parseInt(p[1], 8);
        entries.add(new FileEntry(p[0], p[0].endsWith("/") ? FileEntry.Type.DIRECTORY : FileEntry.Type.FILE, mode, 0, 0,
            p.length > 2 ? p[2].length() : 100_000, null, 0));
        if (p.length > 2) {
          contents.put(p[0], p[2].replace("\\n", "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
      ImageConfig config = new ImageConfig("linux", "amd64", null, user, env, List.of(), List.of("/app"), "/", ports, labels, healthcheck,
          history, List.of());
      Image img = new Image(new ImageManifest("oci", List.of(), List.of(), config), FileTree.of(entries, contents), Map.of(),
          List.of(new LayerReader.LayerStats(0, 1, 2 << 20, entries.size())), Map.of());
      return new ImageTarget("img", img, dev.bulwark.image.pkg.OsInfo.detect(img.files()), LocalDate.parse("2026-11-23"), settings);
    }
  }

  static Stream<Arguments> cases() {
    Spec c = Spec.clean();
    return Stream.of(
        Arguments.of("BW-M001", List.of(c.user(""), c.user("root"), c.user("0:0"), c.user("00"), c.user("+0"), c.user("000:1"), c.user("-0")),
            List.of(c, c.user("app"), c.user("65532:65532"), c.user("0x0"), c.user("+"), c.user("root2"))),
        Arguments.of("BW-M002", List.of(c.env("DB_PASSWORD=s3cr3t"), c.env("AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE"), c.env("API_TOKEN=x")),
            List.of(c, c.env("DB_PASSWORD="), c.env("TOKEN_VERSION=2"))),
        Arguments.of("BW-M003", List.of(c.history("|1 NPM_TOKEN=abc /bin/sh -c npm ci"), c.history("RUN git clone https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@x"),
            c.history("ARG DEPLOY_KEY=xyz")), List.of(c, c.history("|1 VERSION=1.2 /bin/sh -c make"), c.history("ARG TOKEN_FILE=/run/secrets/t"))),
        Arguments.of("BW-M004", List.of(c.ports("22/tcp"), c.ports("80/tcp"), c.ports("8080/tcp", "22/tcp")), List.of(c, c.ports("8443/tcp"), c.ports(new String[0]))),
        Arguments.of("BW-M005", List.of(c.healthcheck(false), c.healthcheck(false).user("root"), c.healthcheck(false).ports(new String[0])),
            List.of(c, c.user("root"), c.ports(new String[0]))),
        Arguments.of("BW-M006", List.of(c.files("usr/bin/su:4755"), c.files("usr/bin/wall:2755"), c.files("a:4755", "b:6755")),
            List.of(c, c.files("usr/bin/x:0755"), c.files("tmp/:1777"))),
        Arguments.of("BW-M007", List.of(c.files("app/data:0666"), c.files("srv/:0777"), c.files("etc/app.conf:0646")),
            List.of(c, c.files("tmp/:1777"), c.files("app/data:0664"))),
        Arguments.of("BW-M008", List.of(c.files("root/.ssh/id_rsa:0600"), c.files("app/.env:0644"), c.files("etc/ssl/private/server.key:0600")),
            List.of(c, c.files("app/.env.example:0644"), c.files("usr/share/doc/x.key:0644"))),
        Arguments.of("BW-M009", List.of(c.files("bin/sh:0755"), c.files("usr/bin/apt-get:0755"), c.files("bin/busybox:0755", "sbin/apk:0755"), c.files("usr/bin/zypper:0755")),
            List.of(c, c.files("usr/bin/app:0755"), c.files("bin/shx:0755"))),
        Arguments.of("BW-M010", List.of(c.files("var/lib/apt/lists/deb_main:0644"), c.files("var/cache/apk/APKINDEX.tar.gz:0644"),
            c.files("root/.cache/pip/wheels/x.whl:0644"), c.files("var/cache/zypp/packages/repo/x.rpm:0644")), List.of(c, c.files("var/lib/apt/lists/lock:0640"), c.files("var/cache/other/x:0644"))),
        Arguments.of("BW-M011", List.of(c.files("etc/os-release:0644:ID=debian\\nVERSION_ID=\"10\"\\n"),
            c.files("etc/alpine-release:0644:3.18.4\\n"), c.files("etc/os-release:0644:ID=ubuntu\\nVERSION_ID=\"18.04\"\\n"),
            c.files("etc/os-release:0644:ID=\"centos\"\\nVERSION_ID=\"7\"\\n"), c.files("etc/os-release:0644:ID=\"amzn\"\\nVERSION_ID=\"2018.03\"\\n")),
            List.of(c, c.files("etc/os-release:0644:ID=debian\\nVERSION_ID=\"13\"\\n"), c.files("etc/alpine-release:0644:3.24.1\\n"),
                c.files("etc/os-release:0644:ID=\"rhel\"\\nVERSION_ID=\"9.4\"\\n"), c.files("etc/os-release:0644:ID=\"rocky\"\\nVERSION_ID=\"9.3\"\\n"))),
        Arguments.of("BW-M012", List.of(c.labels(Map.of()), c.labels(Map.of("org.opencontainers.image.source", "x")),
            c.labels(Map.of("maintainer", "me"))), List.of(c, c.labels(Map.of("org.opencontainers.image.source", "x",
            "org.opencontainers.image.revision", "y", "extra", "z")), c.user("root"))));
  }

  /** Where each rule reports: the config field it read, or the (first) file it names, in the layer that wrote it. */
  static Stream<Arguments> locations() {
    Spec c = Spec.clean();
    return Stream.of(
        Arguments.of("BW-M001", c.user("root"), new Location.ImageConfig("User")),
        Arguments.of("BW-M002", c.env("API_TOKEN=x"), new Location.ImageConfig("Env")),
        Arguments.of("BW-M003", c.history("ARG DEPLOY_KEY=xyz"), new Location.ImageConfig("history")),
        Arguments.of("BW-M004", c.ports("22/tcp"), new Location.ImageConfig("ExposedPorts")),
        Arguments.of("BW-M005", c.healthcheck(false), new Location.ImageConfig("Healthcheck")),
        Arguments.of("BW-M006", c.files("b:6755", "a:4755"), new Location.LayerFile(0, null, "a")),
        Arguments.of("BW-M007", c.files("srv/:0777"), new Location.LayerFile(0, null, "srv/")),
        Arguments.of("BW-M008", c.files("root/.ssh/id_rsa:0600"), new Location.LayerFile(0, null, "root/.ssh/id_rsa")),
        Arguments.of("BW-M009", c.files("sbin/apk:0755", "bin/busybox:0755"), new Location.LayerFile(0, null, "bin/busybox")),
        Arguments.of("BW-M010", c.files("var/cache/apk/APKINDEX.tar.gz:0644"), new Location.LayerFile(0, null, "var/cache/apk")),
        Arguments.of("BW-M011", c.files("etc/alpine-release:0644:3.18.4\\n"), new Location.LayerFile(0, null, "etc/alpine-release")),
        Arguments.of("BW-M012", c.labels(Map.of()), new Location.ImageConfig("Labels")));
  }

  @org.junit.jupiter.api.Test
  void debianInItsLtsYears_isLowWithTheLtsDate() {
    List<Finding> f = ImageChecks.linter().lint(Spec.clean().files("etc/os-release:0644:ID=debian\\nVERSION_ID=\"12\"\\n").target())
        .stream().filter(x -> x.ruleId().equals("BW-M011")).toList();
    assertThat(f).singleElement().satisfies(x -> {
      assertThat(x.severity()).isEqualTo(dev.bulwark.core.Severity.LOW);
      assertThat(x.message()).contains("Debian LTS updates continue until 2028-06-30");
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("locations")
  void reportsWhereTheProblemIs(String rule, Spec failing, Location expected) {
    List<Finding> f = ImageChecks.linter().lint(failing.target()).stream().filter(x -> x.ruleId().equals(rule)).toList();
    assertThat(f).singleElement().satisfies(x -> assertThat(x.location()).isEqualTo(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void failsAndPasses(String rule, List<Spec> failing, List<Spec> passing) {
    Linter<ImageTarget> linter = ImageChecks.linter();
    for (Spec s : failing) {
      List<Finding> f = linter.lint(s.target()).stream().filter(x -> x.ruleId().equals(rule)).toList();
      assertThat(f).as(rule + " should report on " + s).isNotEmpty();
    }
    for (Spec s : passing) {
      List<Finding> f = linter.lint(s.target()).stream().filter(x -> x.ruleId().equals(rule)).toList();
      assertThat(f).as(rule + " should not report on " + s).isEmpty();
    }
  }

  @org.junit.jupiter.api.Test
  void configIgnoresApply() throws Exception {
    LintConfig cfg = LintConfig.parse("ignore: [BW-M001]\n", "x");
    assertThat(ImageChecks.linter().lint(Spec.clean().user("root").target(cfg))).extracting(Finding::ruleId).doesNotContain("BW-M001");
    assertThat(Optional.of(1)).isPresent();
  }
}
