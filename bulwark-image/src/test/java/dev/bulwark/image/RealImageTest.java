package dev.bulwark.image;

import dev.bulwark.image.source.ImageLimits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.sbom.Package;
import dev.bulwark.sbom.Sbom;
import dev.bulwark.image.testing.LocalRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real Debian image made in the test run from real parts: a bookworm root filesystem from
 * {@code debootstrap --variant=minbase}, packed into an OCI layout with {@code umoci}, plus a
 * second layer with a static Go binary built by Debian's golang-go and a small Python
 * site-packages and node_modules; converted to a docker-archive with {@code skopeo}. The OS
 * packages Bulwark finds must be exactly what {@code dpkg-query} reports for that root
 * filesystem. .ci/run installs the tools; without them (or without root, which debootstrap
 * needs) the test is skipped with a message.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class RealImageTest {
  /** Kept in target/ so a local re-run does not debootstrap again; `clean` removes it. */
  private static final Path WORK = Path.of("target/real-image");
  private static Path oci;
  private static Path dockerArchive;
  private static Path rootfs;

  static void run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(WORK.resolve("tools.log").toFile()).start();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed; see " + WORK.resolve("tools.log").toAbsolutePath());
    }
  }

  @BeforeAll
  static void buildImages() throws Exception {
    boolean tools = Stream.of("debootstrap", "umoci", "skopeo", "dpkg-query", "go").allMatch(LocalRegistry::onPath);
    assumeTrue(tools, "skipped: needs debootstrap, umoci, skopeo, dpkg-query and go (Debian packages; .ci/run installs them)");
    assumeTrue("root".equals(System.getProperty("user.name")), "skipped: debootstrap needs root");
    Files.createDirectories(WORK);
    rootfs = WORK.resolve("rootfs");
    if (!Files.exists(rootfs.resolve("var/lib/dpkg/status"))) {
      String mirror = System.getenv().getOrDefault("BULWARK_DEBIAN_MIRROR", "http://deb.debian.org/debian");
      run("debootstrap", "--variant=minbase", "bookworm", rootfs.toString(), mirror);
    }
    oci = WORK.resolve("oci");
    dockerArchive = WORK.resolve("debian-app.tar");
    if (!Files.exists(dockerArchive)) {
      Path extra = WORK.resolve("extra");
      Path src = WORK.resolve("hello-src");
      Files.createDirectories(src);
      Files.writeString(src.resolve("go.mod"), "module example.com/hello\n\ngo 1.19\n");
      Files.writeString(src.resolve("main.go"), "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n");
      Files.createDirectories(extra.resolve("usr/local/bin"));
      ProcessBuilder build = new ProcessBuilder("go", "build", "-trimpath", "-ldflags=-s -w", "-o",
          extra.resolve("usr/local/bin/hello").toAbsolutePath().toString(), ".").directory(src.toFile()).redirectErrorStream(true)
          .redirectOutput(WORK.resolve("go.log").toFile());
      build.environment().putAll(java.util.Map.of("CGO_ENABLED", "0", "GOPROXY", "off", "GOFLAGS", "-mod=mod",
          "GOCACHE", WORK.resolve("gocache").toAbsolutePath().toString(), "HOME", WORK.toAbsolutePath().toString()));
      Process go = build.start();
      assertThat(go.waitFor()).as("go build (see go.log)").isZero();
      Path py = extra.resolve("usr/lib/python3/dist-packages/demo_pkg-1.2.0.dist-info");
      Files.createDirectories(py);
      Files.writeString(py.resolve("METADATA"), "Metadata-Version: 2.1\nName: demo_pkg\nVersion: 1.2.0\nLicense: MIT\n");
      Path nm = extra.resolve("srv/app/node_modules/left-pad");
      Files.createDirectories(nm);
      Files.writeString(nm.resolve("package.json"), "{\"name\": \"left-pad\", \"version\": \"1.3.0\", \"license\": \"WTFPL\"}\n");
      run("umoci", "init", "--layout", oci.toString());
      run("umoci", "new", "--image", oci + ":bookworm");
      run("umoci", "insert", "--image", oci + ":bookworm", rootfs.toString(), "/");
      run("umoci", "insert", "--image", oci + ":bookworm", "--tag", "app", extra.toString(), "/");
      run("skopeo", "copy", "--quiet", "oci:" + oci + ":app", "docker-archive:" + dockerArchive + ":debian:app");
    }
  }

  static Set<String> dpkgQuery() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("dpkg-query", "--admindir=" + rootfs.resolve("var/lib/dpkg"), "-W", "-f", "${Package}=${Version}\\n").start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return new TreeSet<>(out.lines().filter(l -> !l.isBlank()).toList());
  }

  static Set<String> found(Sbom sbom) {
    return sbom.packages().stream().map(pk -> pk.name() + "=" + pk.version()).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void ociLayout_packagesEqualDpkgQuery() throws Exception {
    Sbom sbom = Image.open(oci, "bookworm", null, ImageLimits.DEFAULT).sbom("debian:bookworm");
    assertThat(found(sbom)).isEqualTo(dpkgQuery());
    assertThat(sbom.os().id()).isEqualTo("debian");
    assertThat(sbom.os().version()).isEqualTo("12");
  }

  @Test
  void dockerArchive_packagesEqualDpkgQuery_withPurls() throws Exception {
    Image image = Image.open(dockerArchive, null, ImageLimits.DEFAULT);
    Sbom sbom = image.sbom("debian:app");
    Set<String> os = new TreeSet<>(sbom.packages().stream().filter(pk -> pk.ecosystem().displayName().equals("deb")).map(pk -> pk.name() + "=" + pk.version()).toList());
    assertThat(os).isEqualTo(dpkgQuery());
    String goVersion = new String(new ProcessBuilder("go", "env", "GOVERSION").start().getInputStream().readAllBytes(), StandardCharsets.UTF_8)
        .strip().substring(2);
    assertThat(sbom.packages()).anySatisfy(pk -> {
      assertThat(pk.purlString()).isEqualTo("pkg:golang/stdlib@" + goVersion);
      assertThat(pk.location().path()).isEqualTo("usr/local/bin/hello");
      assertThat(pk.location().layer()).isEqualTo(1);
    });
    assertThat(sbom.packages()).extracting(Package::purlString).contains("pkg:pypi/demo-pkg@1.2.0", "pkg:npm/left-pad@1.3.0");
    List<Package> withSource = sbom.packages().stream().filter(pk -> !pk.source().equals(pk.name())).toList();
    assertThat(withSource).isNotEmpty().allSatisfy(pk -> assertThat(pk.purlString()).contains("upstream="));
    assertThat(image.files().get("usr/bin/passwd")).hasValueSatisfying(e -> assertThat(e.isSetuid()).isTrue());
    assertThat(image.layers()).hasSize(2).first().satisfies(l -> assertThat(l.uncompressedBytes()).isGreaterThan(100L << 20));
  }
}
