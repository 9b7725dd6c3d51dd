package dev.bulwark.scan.triage;

import dev.bulwark.sbom.Package;
import dev.bulwark.vuln.match.VulnFinding;
import java.util.Optional;

/**
 * One step that may decide a matched vulnerability is not a finding: a VEX document, an ignore file, and (later) an
 * analysis such as Go reachability, which would answer {@code not_affected} with {@code vulnerable_code_not_present}.
 *
 * <p>{@code Vulnerabilities.check} asks each step in order, for every package a vulnerability is reported on (an OS
 * package's binaries share their source package's advisory); the first answer for a package counts, and the
 * vulnerability is suppressed only when every one of its packages is. A suppressed vulnerability is not a finding (no
 * gate, no severity count) but is kept in the outcome and shown with its status, justification and source. A step is
 * pure: it is given everything it needs (files already read, today's date) when it is made.
 */
public interface Triage {
  /** Empty: this step says nothing about {@code v} in {@code reported}. */
  Optional<Suppression> judge(VulnFinding v, Package reported);

  /**
   * What the summary sentence says after the status ({@code "VEX"}: "3 not affected per VEX"); empty for a step whose
   * status says it all ({@code ignored}).
   */
  default String basis() {
    return "";
  }
}
