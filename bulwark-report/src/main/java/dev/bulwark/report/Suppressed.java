package dev.bulwark.report;

import dev.bulwark.core.Finding;
import java.util.Objects;

/**
 * A finding that a VEX statement, an ignore-file entry or an analysis took out of the findings, kept to be shown (not
 * hidden): {@code status} {@code not_affected}, {@code fixed} or {@code ignored}; {@code justification} the VEX
 * justification words or null; {@code detail} the impact statement or reason, or null; {@code source} where it was
 * said ({@code openvex vex.json statements[0]}, {@code .bulwarkignore.yaml:3}).
 */
public record Suppressed(Finding finding, String status, String justification, String detail, String source) {
  public Suppressed {
    Objects.requireNonNull(finding, "finding");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(source, "source");
  }

  public String ruleId() {
    return finding.ruleId();
  }

  /** The package and version the finding names ("openssl 3.0.11-1~deb12u2"): its message up to the ids. */
  public String packageText() {
    String m = finding.message();
    int colon = m.indexOf(": ");
    return colon < 0 ? m : m.substring(0, colon);
  }

  /** "not affected (vulnerable_code_not_present: the code is not built in)", "ignored (no reason given)". */
  public String why() {
    String words = status.replace('_', ' ');
    String more = justification == null ? detail : detail == null ? justification : justification + ": " + detail;
    return more == null ? words : words + " (" + more + ")";
  }
}
