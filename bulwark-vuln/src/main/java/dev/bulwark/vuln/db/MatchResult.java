package dev.bulwark.vuln.db;

import java.util.List;

/**
 * The advisories affecting one queried version, and whether the version could be judged at all.
 *
 * @param unknownVersion some range applied to the package but the version could not be placed in it (its scheme
 *     rejects the version, or the ecosystem has no scheme here): not matched, and worth counting apart; explicit
 *     {@code versions[]} lists still match such a version by exact text
 */
public record MatchResult(List<Match> matches, boolean unknownVersion) {
  public MatchResult {
    matches = List.copyOf(matches);
  }

  static final MatchResult NONE = new MatchResult(List.of(), false);
}
