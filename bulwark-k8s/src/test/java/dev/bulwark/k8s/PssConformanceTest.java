package dev.bulwark.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.k8s.rules.KubernetesRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Every fixture of pod-security-admission's test data (../shared/data/k8s-pss/pss-testdata.zip,
 * listed in index.tsv) gets the verdict its folder says at its level and version: a fixture for
 * level L at 1.V passes iff no check of L in force at 1.V (baseline's too at restricted, minus the
 * overridden ones) finds a violation. Skipped, with a message, when the data is absent.
 */
class PssConformanceTest {

  private static Path data() {
    String repo = System.getProperty("bulwark.repo", "..");
    return Path.of(repo).resolve("../shared/data/k8s-pss").normalize();
  }

  @Test
  void everyFixtureGetsItsVerdict() throws Exception {
    Path dir = data();
    Path zip = dir.resolve("pss-testdata.zip");
    Path index = dir.resolve("index.tsv");
    assumeTrue(Files.isRegularFile(zip) && Files.isRegularFile(index), "no PSS test data at " + dir + ": conformance not checked");
    PodSecurity psa = KubernetesRules.podSecurity();
    Map<String, int[]> agreement = new TreeMap<>(); // level -> {agree, total}
    List<String> disagreements = new ArrayList<>();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (String line : Files.readAllLines(index, StandardCharsets.UTF_8).subList(1, Files.readAllLines(index).size())) {
        String[] f = line.split("\t");
        PssLevel level = PssLevel.valueOf(f[0].toUpperCase(java.util.Locale.ROOT));
        int minor = Integer.parseInt(f[1].substring(f[1].indexOf('.') + 1));
        boolean expectPass = f[2].equals("pass");
        ZipEntry e = z.getEntry(f[3]);
        String text = new String(z.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
        KubernetesTarget t = KubernetesTarget.parse(f[3], text);
        List<String> forbidden = new ArrayList<>();
        for (PodSpec p : t.podSpecs()) {
          forbidden.addAll(psa.forbiddenBy(level, minor, p));
        }
        boolean pass = forbidden.isEmpty() && !t.podSpecs().isEmpty();
        int[] a = agreement.computeIfAbsent(f[0], k -> new int[2]);
        a[1]++;
        if (pass == expectPass) {
          a[0]++;
        } else {
          disagreements.add(f[3] + ": expected " + f[2] + ", got " + (pass ? "pass" : "fail " + forbidden));
        }
      }
    }
    agreement.forEach((level, a) -> System.out.printf("PSS conformance %s: %d/%d fixtures agree (%.1f%%)%n", level, a[0], a[1],
        100.0 * a[0] / a[1]));
    disagreements.stream().limit(40).forEach(d -> System.out.println("  disagrees: " + d));
    assertThat(disagreements).isEmpty();
  }

  @Test
  void checksAreRegisteredOncePerControl() throws IOException {
    assertThat(KubernetesRules.pss().stream().map(PssRule::control).distinct().count()).isEqualTo(KubernetesRules.pss().size());
  }
}
