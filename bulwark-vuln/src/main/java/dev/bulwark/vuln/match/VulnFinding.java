package dev.bulwark.vuln.match;

import dev.bulwark.vuln.db.Match;
import java.util.List;

/**
 * One vulnerability of one package: every record that describes it merged (a GHSA and its CVE, a distribution's
 * advisory and OSV's record of the same CVE).
 *
 * @param ids the vulnerability's ids, the one to show first (a CVE when there is one)
 * @param rating the severity, from {@code ratingSource}
 * @param ratingSource where the rating comes from: {@code "debian urgency"}, {@code "CVSS:3.1 9.8"},
 *     {@code "GHSA"}, or {@code "none"} when no record rates it
 * @param fixed the version to upgrade to (the highest fix any merged record names), or null when none is known
 * @param note a distribution's state that softens the match ({@code no-dsa}, {@code postponed}, …), or null
 */
public record VulnFinding(List<String> ids, String summary, Rating rating, String ratingSource, String fixed, String note, List<Match> matches) {
  public VulnFinding {
    ids = List.copyOf(ids);
    matches = List.copyOf(matches);
  }

  /** The id to show. */
  public String id() {
    return ids.get(0);
  }
}
