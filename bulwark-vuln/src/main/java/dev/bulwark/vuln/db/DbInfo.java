package dev.bulwark.vuln.db;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a database holds.
 *
 * @param sources what it was imported from, as given at import
 * @param perEcosystem advisories per ecosystem as the records write it ({@code Debian:12} apart from {@code Debian:11});
 *     an advisory naming two ecosystems counts in both
 */
public record DbInfo(Instant built, List<String> sources, int advisories, Map<String, Integer> perEcosystem) {
  public DbInfo {
    sources = List.copyOf(sources);
    perEcosystem = Collections.unmodifiableMap(new TreeMap<>(perEcosystem)); // sorted, for display
  }
}
