package dev.bulwark.vuln.match;

import dev.bulwark.vuln.db.Match;
import dev.bulwark.vuln.db.MatchResult;
import dev.bulwark.vuln.db.VulnDatabase;
import dev.bulwark.vuln.osv.Advisory;
import dev.bulwark.vuln.version.InvalidVersionException;
import dev.bulwark.vuln.version.VersionScheme;
import dev.bulwark.vuln.version.VersionSchemes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * From a package's matches to its vulnerabilities: records that share an id (an alias, transitively) are one
 * vulnerability, rated once and with one version to upgrade to. Pure.
 *
 * <p>Rating, best source first: the distribution's own rating for its release (Debian's urgency, Ubuntu's priority:
 * the vendor knows how it built the package), then the highest CVSS version a record gives (4.0 over 3.1 over 3.0),
 * its base score computed from the vector, then the record's {@code database_specific.severity} (GHSA's word).
 * The source is kept so a report can say where the rating came from.
 */
public final class Findings {
  private Findings() {}

  /** The vulnerabilities of {@code version} of {@code name} in {@code ecosystem}, most severe first. */
  public static List<VulnFinding> of(VulnDatabase db, String ecosystem, String name, String version) {
    return of(db.match(ecosystem, name, version), ecosystem);
  }

  /** The vulnerabilities of one match result. */
  public static List<VulnFinding> of(MatchResult result, String ecosystem) {
    List<List<Match>> groups = group(result.matches());
    List<VulnFinding> out = new ArrayList<>(groups.size());
    Optional<VersionScheme> scheme = VersionSchemes.forEcosystem(ecosystem);
    for (List<Match> g : groups) out.add(finding(g, scheme.orElse(null)));
    out.sort((a, b) -> a.rating() != b.rating() ? a.rating().compareTo(b.rating()) : a.id().compareTo(b.id()));
    return out;
  }

  /** Union of matches over shared ids, in first-seen order. */
  static List<List<Match>> group(List<Match> matches) {
    int n = matches.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) parent[i] = i;
    Map<String, Integer> firstWithId = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      for (String id : matches.get(i).advisory().ids()) {
        Integer j = firstWithId.putIfAbsent(id, i);
        if (j != null) union(parent, i, j);
      }
    }
    Map<Integer, List<Match>> byRoot = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) byRoot.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(matches.get(i));
    return new ArrayList<>(byRoot.values());
  }

  private static int find(int[] p, int i) {
    while (p[i] != i) i = p[i] = p[p[i]];
    return i;
  }

  private static void union(int[] p, int a, int b) {
    int ra = find(p, a);
    int rb = find(p, b);
    if (ra != rb) p[Math.max(ra, rb)] = Math.min(ra, rb);
  }

  private static VulnFinding finding(List<Match> g, VersionScheme scheme) {
    List<String> ids = new ArrayList<>();
    String summary = null;
    String fixed = null;
    String note = null;
    for (Match m : g) {
      for (String id : m.advisory().ids()) {
        if (!ids.contains(id)) ids.add(id);
      }
      if (summary == null && m.advisory().summary() != null) summary = m.advisory().summary();
      if (m.affected().note() != null && note == null) note = m.affected().note();
      if (m.fixed() != null && (fixed == null || higher(m.fixed(), fixed, scheme))) fixed = m.fixed();
    }
    if (ids.isEmpty()) ids.add(g.get(0).advisory().id());
    // a CVE first: the id every other tool and advisory names
    for (int i = 0; i < ids.size(); i++) {
      if (ids.get(i).startsWith("CVE-")) {
        ids.add(0, ids.remove(i));
        break;
      }
    }
    Rated r = rate(g);
    return new VulnFinding(ids, summary, r.rating, r.source, fixed, note, g);
  }

  private static boolean higher(String a, String b, VersionScheme s) {
    if (s == null) return a.compareTo(b) > 0;
    try {
      return s.compare(a, b) > 0;
    } catch (InvalidVersionException e) {
      return a.compareTo(b) > 0;
    }
  }

  private record Rated(Rating rating, String source, int rank) {}

  /** The best-sourced rating of the group; among equally good sources the highest. */
  static Rated rate(List<Match> g) {
    Rated best = new Rated(Rating.UNKNOWN, "none", Integer.MAX_VALUE);
    for (Match m : g) {
      String vendor = m.affected().vendorSeverity();
      if (vendor != null) {
        Rating r = vendorRating(vendor);
        if (r != null) best = better(best, new Rated(r, vendorName(m.affected().ecosystem()) + " " + vendor, 0));
      }
      Advisory a = m.advisory();
      int bestVersion = -1;
      Rated cvss = null;
      for (Advisory.Severity s : a.severity()) {
        if (s.score() == null) continue;
        if ("Ubuntu".equalsIgnoreCase(s.type())) {
          Rating r = vendorRating(s.score());
          if (r != null) best = better(best, new Rated(r, "ubuntu " + s.score().toLowerCase(Locale.ROOT), 0));
          continue;
        }
        int version = s.score().startsWith("CVSS:4.0/") ? 40 : s.score().startsWith("CVSS:3.1/") ? 31 : s.score().startsWith("CVSS:3.0/") ? 30 : -1;
        if (version <= bestVersion) continue;
        try {
          double score = Cvss.baseScore(s.score());
          bestVersion = version;
          cvss = new Rated(Cvss.rating(score), s.score().substring(0, 8) + " " + score, 1);
        } catch (Cvss.BadVectorException e) {
          // a vector we cannot score rates nothing; the next source may
        }
      }
      if (cvss != null) best = better(best, cvss);
      if (a.databaseSeverity() != null) {
        Rating r = vendorRating(a.databaseSeverity());
        if (r != null) best = better(best, new Rated(r, "database_specific " + a.databaseSeverity(), 2));
      }
    }
    return best;
  }

  private static Rated better(Rated a, Rated b) {
    if (b.rank != a.rank) return b.rank < a.rank ? b : a;
    return b.rating.compareTo(a.rating) < 0 ? b : a;
  }

  private static String vendorName(String ecosystem) {
    int colon = ecosystem.indexOf(':');
    return (colon < 0 ? ecosystem : ecosystem.substring(0, colon)).toLowerCase(Locale.ROOT);
  }

  /** Debian urgencies, Ubuntu priorities and GHSA's words on CVSS's scale; null for "not yet assigned" and the like. */
  static Rating vendorRating(String word) {
    switch (word.strip().toLowerCase(Locale.ROOT)) {
      case "critical":
        return Rating.CRITICAL;
      case "high":
      case "important":
        return Rating.HIGH;
      case "medium":
      case "moderate":
        return Rating.MEDIUM;
      case "low":
      case "unimportant":
      case "negligible":
        return Rating.LOW;
      default:
        return null;
    }
  }
}
