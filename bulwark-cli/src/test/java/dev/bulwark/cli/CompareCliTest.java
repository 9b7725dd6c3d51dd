package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.image.testing.LocalRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark compare} on real images made in the test by {@code umoci} (and one converted to a docker-save tarball
 * by {@code skopeo}), from the real dpkg status files of ../shared/data/installed: a Debian 12 base layer shared by two
 * tags, v1 adding Django's dist-info, v2 adding a status in which util-linux got its point release (the fix of the own
 * tracker fixture's CVE-2099-0005), adduser is gone and hello came, with another user and entrypoint. The expected
 * package changes are computed here from the status texts (and dpkg for which way a version moved), not by Bulwark.
 */
class CompareCliTest {
  @TempDir static Path dir;
  static Path layout;
  static Path v1Archive;
  static Path db;
  static String baseStatus;
  static String v2Status;

  static void run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("tools.log").toFile()).start();
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + Files.readString(dir.resolve("tools.log")));
    }
  }

  /**
   * A root filesystem for {@code umoci insert}. Debian's umoci 0.4.7 ends a layer right after the last file's data: no
   * padding to the block, no end-of-archive blocks. Go's archive/tar (Docker's) reads that as the end; Bulwark's reader
   * refuses an archive ending inside padding. A last entry with no data (an empty directory, last in umoci's
   * lexical walk) makes umoci's layers end on a block boundary, which both accept.
   */
  static Path tree(String name, java.util.Map<String, String> files) throws IOException {
    Path root = dir.resolve(name);
    Files.createDirectories(root.resolve("zz-end"));
    for (var f : files.entrySet()) {
      Path p = root.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
    return root;
  }

  @BeforeAll
  static void build() throws Exception {
    assumeTrue(Stream.of("umoci", "skopeo").allMatch(LocalRegistry::onPath), "skipped: needs umoci and skopeo (Debian packages; .ci/run installs them)");
    Path a = VulnImageCliTest.shared("installed/dpkg/osv-scalibr_status_valid");
    Path b = VulnImageCliTest.shared("installed/dpkg/syft_image-dpkg_status");
    assumeTrue(Files.isRegularFile(a) && Files.isRegularFile(b), "no installed-package samples under " + VulnImageCliTest.shared("installed") + "; skipped");
    baseStatus = Files.readString(a).stripTrailing() + "\n\n" + Files.readString(b);
    // v2: util-linux's point release, adduser removed, hello added
    v2Status = baseStatus.replace("Source: util-linux (2.38.1-5)\nVersion: 2.38.1-5+b1", "Source: util-linux (2.38.1-5+deb12u1)\nVersion: 2.38.1-5+deb12u1")
        .replaceFirst("(?s)Package: adduser\n.*?\n\n", "")
        .stripTrailing() + "\n\nPackage: hello\nStatus: install ok installed\nArchitecture: amd64\nVersion: 2.10-3\nDescription: example\n";
    assertThat(v2Status).contains("2.38.1-5+deb12u1").doesNotContain("Package: adduser\n");
    String osRelease = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n";
    Path base = tree("base", java.util.Map.of("etc/os-release", osRelease, "var/lib/dpkg/status", baseStatus));
    Path app1 = tree("app1", java.util.Map.of("usr/lib/python3/dist-packages/Django-4.2.dist-info/METADATA", "Metadata-Version: 2.1\nName: Django\nVersion: 4.2\n"));
    Path app2 = tree("app2", java.util.Map.of("var/lib/dpkg/status", v2Status, "srv/app/run", "#!/bin/sh\n"));
    layout = dir.resolve("oci");
    run("umoci", "init", "--layout", layout.toString());
    run("umoci", "new", "--image", layout + ":base");
    run("umoci", "insert", "--image", layout + ":base", base.toString(), "/");
    run("umoci", "config", "--image", layout + ":base", "--config.user", "app", "--config.entrypoint", "/usr/bin/python3");
    run("umoci", "insert", "--image", layout + ":base", "--tag", "v1", app1.toString(), "/");
    run("umoci", "insert", "--image", layout + ":base", "--tag", "v2", app2.toString(), "/");
    run("umoci", "config", "--image", layout + ":v2", "--config.user", "10001", "--config.entrypoint", "/srv/app/run");
    v1Archive = dir.resolve("v1.tar");
    run("skopeo", "copy", "--quiet", "oci:" + layout + ":v1", "docker-archive:" + v1Archive + ":demo:1");
    db = dir.resolve("db");
    Path tracker = dir.resolve("debian.json");
    try (var in = CompareCliTest.class.getResourceAsStream("/vulns/debian-tracker.json")) {
      Files.copy(in, tracker);
    }
    assertThat(CliTest.run("db", "import", "--db", db.toString(), tracker.toString()).exit()).isZero();
  }

  /** name=version of every installed stanza, read here without Bulwark's parser. */
  static java.util.Map<String, String> packages(String status) {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    for (String stanza : status.split("\n\\s*\n")) {
      String name = null;
      String version = null;
      for (String line : stanza.split("\n")) {
        if (line.startsWith("Package: ")) name = line.substring(9).strip();
        if (line.startsWith("Version: ")) version = line.substring(9).strip();
      }
      if (name != null && !name.isEmpty() && version != null) out.put(name, version);
    }
    return out;
  }

  static JsonNode json(CliTest.Run r) throws IOException {
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void packageChangesAreWhatTheStatusFilesSay() throws Exception {
    CliTest.Run r = CliTest.run("compare", layout + ":v2", "--to", v1Archive.toString(), "--format", "json", "--offline");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = json(r);
    // the expected changes, from the two status texts and dpkg (when there) for the direction
    var before = packages(baseStatus);
    var after = packages(v2Status);
    TreeSet<String> expected = new TreeSet<>();
    for (String n : before.keySet()) if (!after.containsKey(n)) expected.add("removed deb " + n + " " + before.get(n) + " ->");
    for (String n : after.keySet()) if (!before.containsKey(n)) expected.add("added deb " + n + " -> " + after.get(n));
    for (String n : before.keySet()) {
      if (after.containsKey(n) && !after.get(n).equals(before.get(n))) {
        boolean up = !LocalRegistry.onPath("dpkg") || VulnImageCliTest.dpkgLessThan(before.get(n), after.get(n));
        expected.add((up ? "upgraded" : "downgraded") + " deb " + n + " " + before.get(n) + " -> " + after.get(n));
      }
    }
    expected.add("removed pypi django 4.2 ->"); // the name as PEP 503 normalises it
    TreeSet<String> found = new TreeSet<>();
    for (JsonNode c : j.at("/packages/changes")) {
      String from = String.join(", ", new ObjectMapper().convertValue(c.get("from"), String[].class));
      String to = String.join(", ", new ObjectMapper().convertValue(c.get("to"), String[].class));
      found.add((c.get("change").asText() + " " + c.get("type").asText() + " " + c.get("name").asText() + " " + from + " -> " + to).replaceAll("\\s+", " ").strip());
    }
    assertThat(found).isEqualTo(new TreeSet<>(expected.stream().map(s -> s.replaceAll("\\s+", " ").strip()).toList()));
    assertThat(found).contains("upgraded deb util-linux-extra 2.38.1-5+b1 -> 2.38.1-5+deb12u1", "removed deb adduser 3.131 ->", "added deb hello -> 2.10-3");
    // the rest of the image: user and entrypoint as umoci set them, one shared base layer, one own layer each
    assertThat(j.at("/fields/user/from").asText()).isEqualTo("app");
    assertThat(j.at("/fields/user/to").asText()).isEqualTo("10001");
    assertThat(j.at("/fields/user/changed").asBoolean()).isTrue();
    assertThat(j.at("/fields/entrypoint/to").asText()).isEqualTo("/srv/app/run");
    assertThat(j.at("/fields/os/changed").asBoolean()).isFalse();
    assertThat(j.at("/layers/shared").asInt()).isEqualTo(1);
    assertThat(j.at("/layers/removed")).hasSize(1);
    assertThat(j.at("/layers/added")).hasSize(1);
    assertThat(j.at("/size/deltaBytes").asLong()).isEqualTo(j.at("/size/toBytes").asLong() - j.at("/size/fromBytes").asLong()).isNotZero();
    assertThat(j.get("vulnerabilities").isNull()).as("no database given or found: not compared").isTrue();
  }

  @Test
  void vulnerabilitiesFixedAndIntroduced_gateTheExit() throws Exception {
    // v2 against v1: util-linux's fix removes CVE-2099-0005, nothing new: exit 0 even with the gate
    CliTest.Run better = CliTest.run("compare", layout + ":v2", "--to", layout + ":v1", "--db", db.toString(), "--format", "json", "--exit-on", "vulns-increased");
    assertThat(better.exit()).as(better.err()).isZero();
    JsonNode j = json(better);
    assertThat(ids(j.at("/vulnerabilities/fixed"))).containsExactly("CVE-2099-0005");
    assertThat(j.at("/vulnerabilities/introduced")).isEmpty();
    assertThat(j.at("/vulnerabilities/fixedBySeverity/high").asInt()).isEqualTo(1);
    assertThat(j.at("/vulnerabilities/from/high").asInt()).isEqualTo(1);
    assertThat(j.at("/vulnerabilities/to/high").asInt()).isZero();
    assertThat(j.at("/vulnsIncreased").asBoolean()).isFalse();
    assertThat(better.err()).contains("no new vulnerabilities; 1 fixed (1 high)");

    // the other way round: v1 brings CVE-2099-0005 back: exit 1 with the gate, 0 without it
    CliTest.Run worse = CliTest.run("compare", layout + ":v1", "--to", layout + ":v2", "--db", db.toString(), "--exit-on", "vulns-increased");
    assertThat(worse.exit()).as(worse.err()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(worse.out()).contains("Vulnerabilities: 1 introduced, 0 fixed", "+ introduced  high", "CVE-2099-0005", "util-linux 2.38.1-5",
        "fixed in 2.38.1-5+deb12u1", "~ downgraded", "util-linux-extra", "2.38.1-5+deb12u1 -> 2.38.1-5+b1", "user", "10001", "app");
    assertThat(worse.out().strip().lines().reduce((x, y) -> y).orElseThrow()).startsWith("v1 against v2: 1 new vulnerability (1 high)");
    assertThat(CliTest.run("compare", layout + ":v1", "--to", layout + ":v2", "--db", db.toString()).exit()).isZero();

    // Markdown for a pull-request comment: a heading, the overview table and the vulnerability table
    CliTest.Run md = CliTest.run("compare", layout + ":v1", "--to", layout + ":v2", "--db", db.toString(), "--format", "md");
    assertThat(md.exit()).isZero();
    assertThat(md.out()).startsWith("## Bulwark compare: `v1` against `v2`").contains("| user | 10001 | **app** |",
        "### Vulnerabilities: 1 introduced, 0 fixed", "| introduced | high | CVE-2099-0005 | util-linux 2.38.1-5 | 2.38.1-5+deb12u1 |",
        "<details><summary>Packages: 2 added, 1 removed, 1 downgraded</summary>");
  }

  static List<String> ids(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(v -> out.add(v.get("id").asText()));
    return out;
  }

  @Test
  void badArgumentsAreOneLineErrors() throws Exception {
    CliTest.assertOneLineError(CliTest.run("compare", layout + ":v1", "--to", dir.resolve("missing.tar").toString(), "--db", db.toString()), "missing.tar");
    CliTest.Run noTo = CliTest.run("compare", layout + ":v1");
    assertThat(noTo.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(noTo.err()).contains("--to");
    CliTest.Run format = CliTest.run("compare", layout + ":v1", "--to", layout + ":v2", "--format", "sarif");
    assertThat(format.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(format.err()).contains("unknown format 'sarif'");
    CliTest.Run cond = CliTest.run("compare", layout + ":v1", "--to", layout + ":v2", "--exit-on", "policy");
    assertThat(cond.err()).contains("unknown condition 'policy'");
    CliTest.Run noDb = CliTest.run("compare", layout + ":v1", "--to", layout + ":v2", "--exit-on", "vulns-increased", "--db", dir.resolve("nodb").toString());
    assertThat(noDb.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    CliTest.Run offline = CliTest.run("compare", layout + ":v1", "--to", "registry.example/app:1", "--offline");
    assertThat(offline.err()).contains("--offline: registry.example/app:1 is not a local image");
  }
}
