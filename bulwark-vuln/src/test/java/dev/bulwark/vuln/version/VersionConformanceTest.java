package dev.bulwark.vuln.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every row of every vector file in ../shared/data/versions: {@code scheme a op b} (the order, both ways round),
 * {@code scheme version valid} and {@code scheme version range expected} (npm ranges; a {@code :loose} or
 * {@code :includePrerelease} suffix is node-semver's option). Prints rows passed per file and scheme and requires all;
 * skipped, with a message, when the directory is absent (a user's clone has no ../shared).
 */
class VersionConformanceTest {

  private static Path data() {
    String repo = System.getProperty("bulwark.repo", "..");
    return Path.of(repo).resolve("../shared/data/versions").normalize();
  }

  @Test
  void everyVectorRowPasses() throws IOException {
    Path dir = data();
    assumeTrue(Files.isDirectory(dir), "no version vectors at " + dir + ": conformance not checked");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".tsv")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    Map<String, int[]> counts = new TreeMap<>(); // file/scheme -> {passed, total}
    List<String> failures = new ArrayList<>();
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      String header = lines.get(0);
      for (int i = 1; i < lines.size(); i++) {
        if (lines.get(i).isBlank()) continue;
        String[] f = lines.get(i).split("\t", -1);
        String where = file.getFileName() + ":" + (i + 1);
        String outcome = switch (header) {
          case "scheme\ta\top\tb" -> order(f[0], f[1], f[2], f[3]);
          case "scheme\tversion\tvalid" -> validity(f[0], f[1], Boolean.parseBoolean(f[2]));
          case "scheme\tversion\trange\texpected" -> range(f[0], f[1], unescape(f[2]), Boolean.parseBoolean(f[3]));
          default -> throw new AssertionError(where + ": unknown header " + header);
        };
        int[] c = counts.computeIfAbsent(file.getFileName() + " " + f[0], k -> new int[2]);
        c[1]++;
        if (outcome == null) {
          c[0]++;
        } else {
          failures.add(where + ": " + lines.get(i).replace('\t', '|') + " -> " + outcome);
        }
      }
    }
    counts.forEach((k, c) -> System.out.printf("version conformance %-45s %5d/%d%n", k, c[0], c[1]));
    assertThat(failures).as("rows that disagree with the reference tools").isEmpty();
  }

  private static VersionScheme scheme(String name) {
    return VersionSchemes.byName(name).orElseThrow(() -> new AssertionError("no scheme " + name));
  }

  /** Null when the scheme orders the pair as the row says (and the reverse pair the other way). */
  private static String order(String schemeName, String a, String op, String b) {
    VersionScheme s = scheme(schemeName);
    int want = switch (op) {
      case "<" -> -1;
      case "=" -> 0;
      case ">" -> 1;
      default -> throw new AssertionError("op " + op);
    };
    try {
      int got = Integer.signum(s.compare(a, b));
      int back = Integer.signum(s.compare(b, a));
      if (got != want) return "compare gave " + got;
      if (back != -want) return "reverse compare gave " + back;
      return null;
    } catch (InvalidVersionException e) {
      return e.getMessage();
    }
  }

  private static String validity(String schemeName, String version, boolean valid) {
    boolean got = scheme(schemeName).isValid(version);
    return got == valid ? null : "isValid gave " + got;
  }

  private static String range(String schemeName, String version, String range, boolean expected) {
    boolean loose = schemeName.endsWith(":loose");
    boolean incPre = schemeName.endsWith(":includePrerelease");
    NpmSemver s = loose ? NpmSemver.LOOSE : NpmSemver.STRICT;
    boolean got = s.satisfies(version, range, incPre);
    return got == expected ? null : "satisfies gave " + got;
  }

  /** The vectors write a tab inside a field as {@code \t}. */
  private static String unescape(String field) {
    return field.replace("\\t", "\t");
  }
}
