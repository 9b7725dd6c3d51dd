package dev.bulwark.vuln.db;

import dev.bulwark.vuln.osv.Advisory;
import dev.bulwark.vuln.osv.Affected;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * All advisories in memory, indexed by normalised ecosystem and package name ({@link PackageKeys}). Built from
 * imported records; {@link DbFile} saves and loads it. Immutable once built, so safe to share between threads.
 */
public final class MemoryVulnDatabase implements VulnDatabase {
  private final Instant built;
  private final List<String> sources;
  private final List<Advisory> advisories;
  private final Map<String, List<Affected>> byPackage = new HashMap<>();
  private final Map<Affected, Advisory> owner = new IdentityHashMap<>();

  /** A database of {@code advisories}; a later record with an id already seen replaces the earlier one. */
  public MemoryVulnDatabase(Instant built, List<String> sources, List<Advisory> advisories) {
    this.built = built;
    this.sources = List.copyOf(sources);
    Map<String, Advisory> byId = new LinkedHashMap<>();
    for (Advisory a : advisories) byId.put(a.id(), a);
    this.advisories = List.copyOf(byId.values());
    for (Advisory a : this.advisories) {
      for (Affected af : a.affected()) {
        byPackage.computeIfAbsent(PackageKeys.key(af.ecosystem(), af.name()), k -> new ArrayList<>()).add(af);
        owner.put(af, a);
      }
    }
  }

  /** Every advisory, in import order. */
  public List<Advisory> advisories() {
    return advisories;
  }

  @Override
  public MatchResult match(String ecosystem, String name, String version) {
    List<Affected> candidates = byPackage.get(PackageKeys.key(ecosystem, name));
    if (candidates == null) return MatchResult.NONE;
    List<Match> matches = new ArrayList<>();
    // by identity: an Advisory's record hashCode walks every affected entry, range and event (it cost 1.6 s per
    // 1,000 packages in VulnDbBenchmark)
    Set<Advisory> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    boolean unknown = false;
    for (Affected af : candidates) {
      Advisory adv = owner.get(af);
      if (seen.contains(adv)) continue;
      Matcher.Verdict v = Matcher.evaluate(af, version);
      unknown |= v.unknown();
      if (v.affected()) {
        seen.add(adv);
        matches.add(new Match(adv, af, v.fixed()));
      }
    }
    return new MatchResult(matches, unknown);
  }

  @Override
  public DbInfo info() {
    Map<String, Integer> perEcosystem = new TreeMap<>();
    for (Advisory a : advisories) {
      Set<String> ecosystems = new LinkedHashSet<>();
      for (Affected af : a.affected()) ecosystems.add(af.ecosystem());
      for (String e : ecosystems) perEcosystem.merge(e, 1, Integer::sum);
    }
    return new DbInfo(built, sources, advisories.size(), perEcosystem);
  }
}
