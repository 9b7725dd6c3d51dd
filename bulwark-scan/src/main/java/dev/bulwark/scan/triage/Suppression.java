package dev.bulwark.scan.triage;

import java.util.Objects;

/**
 * Why a matched vulnerability is not a finding: a VEX statement, an ignore-file entry or an analysis said so.
 *
 * @param status {@link #NOT_AFFECTED}, {@link #FIXED} or {@link #IGNORED}
 * @param justification OpenVEX/CycloneDX justification words ({@code vulnerable_code_not_present}, {@code code_not_reachable},
 *     …), or null when the source gives none
 * @param detail the impact statement, analysis detail or reason, or null
 * @param source where it was said, for a person to find it: {@code "openvex vex.json"}, {@code ".bulwarkignore.yaml:12"}
 */
public record Suppression(String status, String justification, String detail, String source) {
  public static final String NOT_AFFECTED = "not_affected";
  public static final String FIXED = "fixed";
  public static final String IGNORED = "ignored";

  public Suppression {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(source, "source");
    if (!status.equals(NOT_AFFECTED) && !status.equals(FIXED) && !status.equals(IGNORED)) {
      throw new IllegalArgumentException("status: " + status);
    }
  }

  /** The status in words: "not affected", "fixed", "ignored". */
  public String words() {
    return status.replace('_', ' ');
  }
}
