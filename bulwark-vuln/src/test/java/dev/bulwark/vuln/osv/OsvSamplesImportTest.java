package dev.bulwark.vuln.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Imports every OSV sample file in ../shared/data/osv and prints, per file, the records kept, withdrawn and rejected
 * (with each rejection), and the affected entries per ecosystem. Skipped, with a message, when the directory is
 * absent. {@code native/} holds the Node.js security WG's own format, not OSV, and is not read.
 */
class OsvSamplesImportTest {

  static Path data() {
    String repo = System.getProperty("bulwark.repo", "..");
    return Path.of(repo).resolve("../shared/data/osv").normalize();
  }

  static List<Path> sampleFiles() throws IOException {
    Path dir = data();
    assumeTrue(Files.isDirectory(dir), "no OSV samples at " + dir + "; skipped");
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
    }
  }

  @Test
  void importsEverySampleFile() throws IOException {
    List<Path> files = sampleFiles();
    assertThat(files).isNotEmpty();
    int kept = 0;
    int errors = 0;
    for (Path f : files) {
      long lines;
      try (Stream<String> s = Files.lines(f)) {
        lines = s.filter(l -> !l.isBlank()).count();
      }
      OsvImport.Result r = OsvImport.read(f);
      Map<String, Integer> perEcosystem = new TreeMap<>();
      for (Advisory a : r.advisories()) {
        for (Affected af : a.affected()) perEcosystem.merge(af.ecosystem(), 1, Integer::sum);
      }
      System.out.printf("OSV %s: %d lines, %d kept, %d withdrawn, %d rejected; affected entries %s%n",
          f.getFileName(), lines, r.advisories().size(), r.withdrawn(), r.errors().size(), perEcosystem);
      r.errors().forEach(e -> System.out.println("  rejected " + e));
      assertThat(r.advisories().size() + r.withdrawn() + r.errors().size()).as(f.toString()).isEqualTo((int) lines);
      kept += r.advisories().size();
      errors += r.errors().size();
    }
    System.out.printf("OSV samples: %d records kept, %d rejected over %d files%n", kept, errors, files.size());
    assertThat(errors).as("rejected records").isLessThan(kept / 100 + 1);
  }
}
