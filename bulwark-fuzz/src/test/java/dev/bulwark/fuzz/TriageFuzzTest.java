package dev.bulwark.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.scan.triage.IgnoreFile;
import dev.bulwark.scan.triage.TriageException;
import dev.bulwark.scan.triage.Vex;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * VEX documents (OpenVEX, CycloneDX) and ignore files in each of their three formats, parsed as {@code --vex} and
 * {@code --ignore-file} parse them. Only {@link TriageException} may escape: a bad file is one error line.
 */
class TriageFuzzTest {
  private static final LocalDate DAY = LocalDate.parse("2026-12-01");

  static {
    Bounds.warmUp(() -> Vex.parse("{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"statements\":[]}".getBytes(StandardCharsets.UTF_8), "vex.json"));
    Bounds.warmUp(() -> IgnoreFile.parse("vulnerabilities:\n  - id: CVE-1\n", "i.yaml", IgnoreFile.Format.BULWARK, DAY));
  }

  @FuzzTest
  void vex(byte[] input) {
    Bounds.check(() -> Vex.parse(input, "vex.json"), TriageException.class);
  }

  @FuzzTest
  void ignoreFile(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    Bounds.check(() -> {
      for (IgnoreFile.Format f : IgnoreFile.Format.values()) {
        try {
          IgnoreFile.parse(text, "ignore", f, DAY);
        } catch (TriageException e) {
          // each format on its own: one refusing the input must not hide another's crash
        }
      }
    }, TriageException.class);
  }
}
