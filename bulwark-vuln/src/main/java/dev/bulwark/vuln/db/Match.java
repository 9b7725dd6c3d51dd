package dev.bulwark.vuln.db;

import dev.bulwark.vuln.osv.Advisory;
import dev.bulwark.vuln.osv.Affected;

/**
 * One advisory that affects a queried version.
 *
 * @param affected the record's entry that matched
 * @param fixed the lowest {@code fixed} event above the version in the range that matched, or null (unfixed, matched
 *     by {@code last_affected} or by the explicit versions list)
 */
public record Match(Advisory advisory, Affected affected, String fixed) {}
