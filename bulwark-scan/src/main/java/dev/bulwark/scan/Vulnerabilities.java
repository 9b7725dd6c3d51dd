package dev.bulwark.scan;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.LintConfig;
import dev.bulwark.core.Location;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.Severity;
import dev.bulwark.core.VulnerablePackage;
import dev.bulwark.sbom.Package;
import dev.bulwark.sbom.Sbom;
import dev.bulwark.scan.triage.Suppression;
import dev.bulwark.scan.triage.Triage;
import dev.bulwark.vuln.db.VulnDatabase;
import dev.bulwark.vuln.match.Distros;
import dev.bulwark.vuln.match.Findings;
import dev.bulwark.vuln.match.Rating;
import dev.bulwark.vuln.match.VulnFinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An SBOM's packages against the vulnerability database, as findings every report format writes.
 *
 * <p>What is queried: OS packages by their <em>source</em> package and its version in the distribution release's
 * ecosystem ({@link Distros}: Debian by major, Ubuntu by release, Alpine by branch), so binaries built from one
 * source share its advisories and the distribution's comparator decides; language packages by their ecosystem's OSV
 * name and the name as recorded (PEP 503 and the like applied by the database). One finding per vulnerability of a
 * source package (its binaries listed), its rule id the vulnerability's id, its other ids the aliases (so a config's
 * {@code ignore} takes a CVE or a GHSA id), at the first binary's package URL.
 *
 * <p>Base or app: a package whose layer is below {@code baseLayers} came with the base image. When the base is not
 * known ({@code baseLayers} &lt; 0) nothing is attributed: an image's history does not tell its base image's layers
 * apart reliably (BuildKit marks the base's steps the same way as the Dockerfile's own).
 */
public final class Vulnerabilities {
  private Vulnerabilities() {}

  /**
   * The findings and the counts the summary sentence is made of, and what each finding is about ({@code matched}, in the
   * same order); {@code suppressed}: what a triage step (VEX, the ignore file) said is not a finding, in finding order.
   */
  public record Outcome(List<Finding> findings, Summary summary, List<Matched> matched, List<Suppressed> suppressed) {
    public Outcome {
      findings = List.copyOf(findings);
      matched = List.copyOf(matched);
      suppressed = List.copyOf(suppressed);
    }

    public Outcome(List<Finding> findings, Summary summary, List<Matched> matched) {
      this(findings, summary, matched, List.of());
    }

    /** The suppressed ones as the report module carries them. */
    public List<dev.bulwark.report.Suppressed> reported() {
      return suppressed.stream().map(Suppressed::reported).toList();
    }
  }

  /**
   * A finding's vulnerability as values: the package it is reported on (the source package), its version and the fix
   * (null: none); the vulnerability as matched and the packages it is about (the first is the one reported), or null and
   * empty when built without them.
   */
  public record Matched(Finding finding, String pkg, String version, String fixed, VulnFinding vuln, List<Package> packages) {
    public Matched {
      packages = List.copyOf(packages);
    }

    public Matched(Finding finding, String pkg, String version, String fixed) {
      this(finding, pkg, version, fixed, null, List.of());
    }
  }

  /** A matched vulnerability a triage step took out of the findings, and why. */
  public record Suppressed(Matched matched, Suppression suppression) {
    dev.bulwark.report.Suppressed reported() {
      return new dev.bulwark.report.Suppressed(matched.finding(), suppression.status(), suppression.justification(), suppression.detail(),
          suppression.source());
    }
  }

  /**
   * Vulnerabilities per severity, those from base-image layers apart ({@code base} null when the base is not known);
   * {@code suppressed}: how many were taken out, by what the sentence calls them ("not affected per VEX", "ignored");
   * the sentence names not affected first, then fixed, then ignored.
   */
  public record Summary(Map<Severity, Integer> all, Map<Severity, Integer> base, int packagesChecked, int packagesSkipped,
      Map<String, Integer> suppressed) {
    public Summary {
      suppressed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(suppressed));
    }

    public Summary(Map<Severity, Integer> all, Map<Severity, Integer> base, int packagesChecked, int packagesSkipped) {
      this(all, base, packagesChecked, packagesSkipped, Map.of());
    }

    /** "1 critical and 5 high vulnerabilities (2 high in the base image)", or "no vulnerabilities". */
    public String sentence() {
      return sentence(true);
    }

    /**
     * The sentence; without {@code layered} (an SBOM file, which has no layers to tell a base image by) it says nothing
     * of a base image.
     */
    public String sentence(boolean layered) {
      if (suppressed.isEmpty()) return counted(layered);
      List<String> parts = new ArrayList<>();
      // not affected, then fixed, then ignored: the strongest statement first, whatever order the packages came in
      suppressed.entrySet().stream().sorted(java.util.Comparator.comparingInt((Map.Entry<String, Integer> e) -> rank(e.getKey()))
          .thenComparing(Map.Entry::getKey)).forEach(e -> parts.add(e.getValue() + " " + e.getKey()));
      return counted(layered) + "; " + String.join(", ", parts);
    }

    private static int rank(String what) {
      return what.startsWith("not affected") ? 0 : what.startsWith("fixed") ? 1 : 2;
    }

    private String counted(boolean layered) {
      String all = counts(this.all);
      if (all.isEmpty()) return "no known vulnerabilities in " + packagesChecked + " packages";
      int total = this.all.values().stream().mapToInt(Integer::intValue).sum();
      String s = all + (total == 1 ? " vulnerability" : " vulnerabilities");
      if (!layered) {
        s += " in " + packagesChecked + " packages";
      } else if (base != null) {
        String b = counts(base);
        s += b.isEmpty() ? " (none in the base image)" : " (" + b + " in the base image)";
      } else {
        s += " (base image not known: --base IMAGE splits them)";
      }
      return s;
    }

    private static String counts(Map<Severity, Integer> m) {
      List<String> parts = new ArrayList<>();
      for (Severity sev : Severity.values()) {
        Integer n = m.get(sev);
        if (n != null && n > 0) parts.add(n + " " + (sev == Severity.INFO ? "unrated" : sev.label()));
      }
      if (parts.size() <= 1) return String.join("", parts);
      return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
  }

  /** The OSV ecosystem of a language package, or null. */
  static String languageEcosystem(dev.bulwark.sbom.Ecosystem e) {
    switch (e) {
      case PYPI: return "PyPI";
      case NPM: return "npm";
      case MAVEN: return "Maven";
      case GOLANG: return "Go";
      case CARGO: return "crates.io";
      case GEM: return "RubyGems";
      case NUGET: return "NuGet";
      case COMPOSER: return "Packagist";
      default: return null;
    }
  }

  /** What one package is looked up as. */
  record Query(String ecosystem, String name, String version) {}

  static Query query(Package p, String osEcosystem) {
    switch (p.ecosystem()) {
      case DEB:
      case APK: {
        if (osEcosystem == null || p.version() == null) return null;
        String source = p.source() == null ? p.name() : p.source();
        String version = p.sourceVersion() == null ? p.version() : p.sourceVersion();
        return new Query(osEcosystem, source, version);
      }
      default: {
        String eco = languageEcosystem(p.ecosystem());
        return eco == null || p.version() == null || p.version().isBlank() ? null : new Query(eco, p.name(), p.version());
      }
    }
  }

  /**
   * Which vulnerabilities to keep: those rated one of {@code severities} (empty: every rating), with
   * {@code ignoreUnfixed} only those a fixed version is known for, and by where they came from ({@code layers}: as
   * Scout's {@code --only-base}/{@code --ignore-base}; it needs the base image's layers known). What is dropped is
   * neither a finding nor counted.
   */
  public record Filter(java.util.Set<Severity> severities, boolean ignoreUnfixed, Layers layers) {
    public static final Filter ALL = new Filter(java.util.Set.of(), false);

    /** Which layers' vulnerabilities a filter keeps. */
    public enum Layers {
      ALL, ONLY_BASE, IGNORE_BASE
    }

    public Filter {
      severities = java.util.Set.copyOf(severities);
      java.util.Objects.requireNonNull(layers, "layers");
    }

    /** Every layer's. */
    public Filter(java.util.Set<Severity> severities, boolean ignoreUnfixed) {
      this(severities, ignoreUnfixed, Layers.ALL);
    }

    boolean keeps(Severity rated, VulnFinding v) {
      return (severities.isEmpty() || severities.contains(rated)) && !(ignoreUnfixed && v.fixed() == null);
    }

    /** By origin: {@code fromBase} whether the reported package came with the base image. */
    boolean keepsFrom(boolean fromBase) {
      return layers == Layers.ALL || (layers == Layers.ONLY_BASE) == fromBase;
    }
  }

  /**
   * Matches every package of {@code sbom}; {@code codename} is os-release's VERSION_CODENAME (a Debian release without
   * a number is known by it), {@code baseLayers} the number of bottom layers that are the base image's (-1: unknown).
   */
  public static Outcome check(Sbom sbom, String codename, VulnDatabase db, int baseLayers, LintConfig settings, String target) {
    return check(sbom, codename, db, baseLayers, settings, target, Filter.ALL);
  }

  /** {@link #check(Sbom, String, VulnDatabase, int, LintConfig, String)}, keeping what {@code filter} keeps. */
  public static Outcome check(Sbom sbom, String codename, VulnDatabase db, int baseLayers, LintConfig settings, String target, Filter filter) {
    return check(sbom, codename, db, baseLayers, settings, target, filter, List.of());
  }

  /** {@link #check(Sbom, String, VulnDatabase, int, LintConfig, String, Filter)}, with the triage steps asked in order. */
  public static Outcome check(Sbom sbom, String codename, VulnDatabase db, int baseLayers, LintConfig settings, String target, Filter filter,
      List<Triage> triage) {
    String osEcosystem = sbom.os() == null ? null : Distros.ecosystem(sbom.os().id(), sbom.os().version(), codename);
    return check(sbom.packages(), p -> osEcosystem, db, baseLayers, settings, target, filter, triage);
  }

  /**
   * Matches {@code packages}, each OS package in the advisory ecosystem {@code osEcosystem} gives it (null: its release
   * is not known, and it is skipped), keeping what {@code filter} keeps.
   */
  public static Outcome check(List<Package> packages, java.util.function.Function<Package, String> osEcosystem, VulnDatabase db, int baseLayers,
      LintConfig settings, String target, Filter filter) {
    return check(packages, osEcosystem, db, baseLayers, settings, target, filter, List.of());
  }

  /**
   * {@link #check(List, java.util.function.Function, VulnDatabase, int, LintConfig, String, Filter)}, each kept
   * vulnerability then put to the {@code triage} steps (see {@link Triage}): a suppressed one is in the outcome's
   * {@code suppressed} and counted apart, not a finding. The config's {@code ignore} and the filter come first: what
   * they drop is not shown at all.
   */
  public static Outcome check(List<Package> packages, java.util.function.Function<Package, String> osEcosystem, VulnDatabase db, int baseLayers,
      LintConfig settings, String target, Filter filter, List<Triage> triage) {
    Map<Query, List<Package>> byQuery = new LinkedHashMap<>();
    int skipped = 0;
    for (Package p : packages) {
      boolean os = p.ecosystem() == dev.bulwark.sbom.Ecosystem.DEB || p.ecosystem() == dev.bulwark.sbom.Ecosystem.APK;
      Query q = query(p, os ? osEcosystem.apply(p) : null);
      if (q == null) {
        skipped++;
      } else {
        byQuery.computeIfAbsent(q, k -> new ArrayList<>()).add(p);
      }
    }
    List<Matched> out = new ArrayList<>();
    List<Suppressed> suppressed = new ArrayList<>();
    Map<String, Integer> suppressedCounts = new LinkedHashMap<>();
    Map<Severity, Integer> all = new LinkedHashMap<>();
    Map<Severity, Integer> base = baseLayers < 0 ? null : new LinkedHashMap<>();
    for (Map.Entry<Query, List<Package>> e : byQuery.entrySet()) {
      Query q = e.getKey();
      List<Package> binaries = e.getValue();
      for (VulnFinding v : Findings.of(db, q.ecosystem(), q.name(), q.version())) {
        Finding f = finding(q, binaries, v, baseLayers);
        if (settings.ignores(f, target)) continue;
        f = f.withSeverity(settings.severityOf(f));
        if (!filter.keeps(f.severity(), v)) continue;
        if (filter.layers() != Filter.Layers.ALL) {
          if (baseLayers < 0) throw new IllegalArgumentException("--only-base and --ignore-base need the base image's layers (--base IMAGE)");
          if (!filter.keepsFrom(inBase(binaries, baseLayers))) continue;
        }
        Matched matched = new Matched(f, q.name(), q.version(), v.fixed(), v, binaries);
        Judged judged = judge(triage, v, binaries);
        if (judged != null) {
          suppressed.add(new Suppressed(matched, judged.suppression()));
          suppressedCounts.merge(judged.suppression().words() + (judged.basis().isEmpty() ? "" : " per " + judged.basis()), 1, Integer::sum);
          continue;
        }
        out.add(matched);
        all.merge(f.severity(), 1, Integer::sum);
        if (base != null && inBase(binaries, baseLayers)) base.merge(f.severity(), 1, Integer::sum);
      }
    }
    out.sort((a, b) -> Finding.ORDER.compare(a.finding(), b.finding()));
    suppressed.sort((a, b) -> Finding.ORDER.compare(a.matched().finding(), b.matched().finding()));
    return new Outcome(out.stream().map(Matched::finding).toList(), new Summary(all, base, byQuery.size(), skipped, suppressedCounts), out,
        suppressed);
  }

  private record Judged(Suppression suppression, String basis) {}

  /**
   * Suppressed when every package the vulnerability is reported on is (the first answer per package counts); shown with
   * the first package's reason. One binary of a source package left unsuppressed keeps the finding: it is still there.
   */
  private static Judged judge(List<Triage> triage, VulnFinding v, List<Package> binaries) {
    if (triage.isEmpty()) return null;
    Judged first = null;
    Triage firstStep = null;
    boolean oneStep = true;
    java.util.Set<String> files = new java.util.LinkedHashSet<>();
    for (Package p : binaries) {
      Judged here = null;
      for (Triage t : triage) {
        var s = t.judge(v, p);
        if (s.isPresent()) {
          here = new Judged(s.get(), t.basis());
          if (firstStep == null) firstStep = t;
          oneStep &= t == firstStep;
          break;
        }
      }
      if (here == null) return null;
      if (first == null) first = here;
      if (p.location().path() != null) files.add(p.location().path());
    }
    // one module version in several binaries, each judged by the same step: the first one's reason holds for the rest
    if (first != null && oneStep && files.size() > 1 && first.suppression().detail() != null) {
      Suppression s = first.suppression();
      int more = files.size() - 1;
      first = new Judged(new Suppression(s.status(), s.justification(), s.detail() + "; the same in " + more + " more file" + (more == 1 ? "" : "s"),
          s.source()), first.basis());
    }
    return first;
  }

  /** From the base image: the first binary (the one reported) came in a base layer. */
  private static boolean inBase(List<Package> binaries, int baseLayers) {
    int layer = binaries.get(0).location().layer();
    return layer >= 0 && layer < baseLayers;
  }

  static Severity severity(Rating r) {
    switch (r) {
      case CRITICAL: return Severity.CRITICAL;
      case HIGH: return Severity.HIGH;
      case MEDIUM: return Severity.MEDIUM;
      case LOW: return Severity.LOW;
      default: return Severity.INFO; // none, or no record rates it
    }
  }

  private static Finding finding(Query q, List<Package> binaries, VulnFinding v, int baseLayers) {
    Severity sev = severity(v.rating());
    String title = v.summary() == null ? v.id() + " in " + q.name() : v.summary();
    String fix = v.fixed() == null ? "No fixed version is known yet" + (v.note() == null ? "" : " (" + noteText(v.note()) + ")")
        : "Upgrade " + q.name() + " to " + v.fixed() + " or later";
    RuleInfo rule = new RuleInfo(v.id(), title.length() > 200 ? title.substring(0, 197) + "…" : title, sev, Category.VULNERABILITIES,
        "A known vulnerability in an installed package (" + q.ecosystem() + ").", fix, v.ids().subList(1, v.ids().size()), List.of());
    StringBuilder m = new StringBuilder();
    m.append(q.name()).append(' ').append(q.version());
    List<String> names = new ArrayList<>();
    for (Package p : binaries) {
      if (!names.contains(p.name())) names.add(p.name());
    }
    if (names.size() != 1 || !names.get(0).equals(q.name())) m.append(" (").append(String.join(", ", names)).append(')');
    m.append(": ").append(String.join(", ", v.ids()));
    m.append(", ").append(v.rating() == Rating.UNKNOWN ? "not rated" : sev.label() + " by " + v.ratingSource());
    m.append(v.fixed() == null ? ", no fix yet" : ", fixed in " + v.fixed());
    if (v.note() != null) m.append(" (").append(noteText(v.note())).append(')');
    int layer = binaries.get(0).location().layer();
    if (layer >= 0) {
      m.append("; layer ").append(layer);
      if (baseLayers >= 0) m.append(layer < baseLayers ? " (base image)" : " (added on top of the base)");
    }
    if (v.summary() != null) m.append(": ").append(v.summary().length() > 160 ? v.summary().substring(0, 157) + "…" : v.summary());
    Package first = binaries.get(0);
    Location loc = new Location.Package(first.purlString() == null ? first.name() + "@" + first.version() : first.purlString(), first.location().path());
    VulnerablePackage.Origin origin = layer < 0 || baseLayers < 0 ? VulnerablePackage.Origin.UNKNOWN
        : layer < baseLayers ? VulnerablePackage.Origin.BASE : VulnerablePackage.Origin.ADDED;
    VulnerablePackage vulnerable = new VulnerablePackage(q.name(), q.version(), v.fixed(), v.note(), names, layer, origin);
    return new Finding(rule, sev, m.toString(), loc, null, rule.aliases(), java.util.Optional.empty(), java.util.Optional.of(vulnerable));
  }

  private static String noteText(String note) {
    switch (note) {
      case "no-dsa": return "Debian: minor issue, no security advisory planned";
      case "postponed": return "Debian: fix postponed to a point release";
      case "ignored": return "Debian: will not be fixed in this release";
      case "end-of-life": return "Debian: no longer supported in this release";
      case "undetermined": return "Debian: impact not determined yet";
      default: return note;
    }
  }
}
