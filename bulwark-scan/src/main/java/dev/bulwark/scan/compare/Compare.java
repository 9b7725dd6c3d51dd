package dev.bulwark.scan.compare;

import dev.bulwark.core.Severity;
import dev.bulwark.sbom.Ecosystem;
import dev.bulwark.sbom.Package;
import dev.bulwark.scan.compare.Comparison.Change;
import dev.bulwark.scan.compare.Comparison.FieldChange;
import dev.bulwark.scan.compare.Comparison.LayerDelta;
import dev.bulwark.scan.compare.Comparison.PackageChange;
import dev.bulwark.scan.compare.Comparison.VulnDelta;
import dev.bulwark.vuln.version.InvalidVersionException;
import dev.bulwark.vuln.version.VersionScheme;
import dev.bulwark.vuln.version.VersionSchemes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Two image summaries in, their differences out; pure. */
public final class Compare {
  private Compare() {}

  /** How {@code to} (the image) differs from {@code from} (the baseline it is compared to). */
  public static Comparison of(ImageSummary from, ImageSummary to) {
    VulnDelta vulns = from.vulns() == null || to.vulns() == null ? null : vulns(from.vulns(), to.vulns());
    List<FieldChange> fields = List.of(
        new FieldChange("os", from.os(), to.os()),
        new FieldChange("platform", from.platform(), to.platform()),
        new FieldChange("user", user(from.user()), user(to.user())),
        new FieldChange("entrypoint", words(from.entrypoint()), words(to.entrypoint())),
        new FieldChange("cmd", words(from.cmd()), words(to.cmd())),
        new FieldChange("exposed ports", words(from.exposedPorts()), words(to.exposedPorts())),
        new FieldChange("base image", from.baseName(), to.baseName()),
        new FieldChange("base image digest", from.baseDigest(), to.baseDigest()));
    Comparison.Sizes size = new Comparison.Sizes(from.compressedBytes(), to.compressedBytes(), from.uncompressedBytes(), to.uncompressedBytes());
    return new Comparison(from, to, packages(from.packages(), to.packages()), vulns, fields, size, layers(from.layers(), to.layers()));
  }

  /** An image without a User runs as root: say so rather than show nothing. */
  private static String user(String u) {
    return u == null || u.isEmpty() ? "(root: not set)" : u;
  }

  private static String words(List<String> w) {
    return w.isEmpty() ? null : String.join(" ", w);
  }

  /** A package by what it is, not where: ecosystem and name. */
  private record Key(Ecosystem ecosystem, String name) {}

  private static final Comparator<Key> KEY_ORDER = Comparator.comparing(Key::ecosystem).thenComparing(Key::name);

  static List<PackageChange> packages(List<Package> from, List<Package> to) {
    Map<Key, Set<String>> before = versions(from);
    Map<Key, Set<String>> after = versions(to);
    Set<Key> keys = new TreeSet<>(KEY_ORDER);
    keys.addAll(before.keySet());
    keys.addAll(after.keySet());
    List<PackageChange> out = new ArrayList<>();
    for (Key k : keys) {
      Set<String> a = before.getOrDefault(k, Set.of());
      Set<String> b = after.getOrDefault(k, Set.of());
      if (a.equals(b)) continue;
      Change change = a.isEmpty() ? Change.ADDED : b.isEmpty() ? Change.REMOVED : direction(k.ecosystem(), a, b);
      out.add(new PackageChange(change, k.ecosystem(), k.name(), List.copyOf(a), List.copyOf(b)));
    }
    return out;
  }

  private static Map<Key, Set<String>> versions(List<Package> packages) {
    Map<Key, Set<String>> m = new TreeMap<>(KEY_ORDER);
    for (Package p : packages) {
      m.computeIfAbsent(new Key(p.ecosystem(), p.name()), k -> new java.util.TreeSet<>()).add(p.version() == null ? "" : p.version());
    }
    return m;
  }

  /** Upgraded or downgraded when one version became another and the ecosystem's own order says which; else changed. */
  private static Change direction(Ecosystem e, Set<String> a, Set<String> b) {
    VersionScheme scheme = scheme(e);
    if (scheme == null || a.size() != 1 || b.size() != 1) return Change.CHANGED;
    try {
      int c = scheme.compare(a.iterator().next(), b.iterator().next());
      return c < 0 ? Change.UPGRADED : c > 0 ? Change.DOWNGRADED : Change.CHANGED;
    } catch (InvalidVersionException ex) {
      return Change.CHANGED;
    }
  }

  private static VersionScheme scheme(Ecosystem e) {
    switch (e) {
      case DEB: return VersionSchemes.DPKG;
      case APK: return VersionSchemes.APK;
      case RPM: return VersionSchemes.RPM;
      case PYPI: return VersionSchemes.PEP440;
      case NPM: return VersionSchemes.NPM;
      case MAVEN: return VersionSchemes.MAVEN;
      case GOLANG: return VersionSchemes.forEcosystem("Go").orElse(null);
      case CARGO: return VersionSchemes.SEMVER;
      case GEM: return VersionSchemes.RUBYGEMS;
      case NUGET: return VersionSchemes.NUGET;
      default: return null;
    }
  }

  /** A vulnerability is the same one in both images when its id and package are: a version change that keeps it is no change. */
  private record VulnKey(String id, String pkg) {}

  static VulnDelta vulns(List<ImageSummary.Vuln> from, List<ImageSummary.Vuln> to) {
    Set<VulnKey> before = new LinkedHashSet<>();
    from.forEach(v -> before.add(new VulnKey(v.id(), v.pkg())));
    Set<VulnKey> after = new LinkedHashSet<>();
    to.forEach(v -> after.add(new VulnKey(v.id(), v.pkg())));
    Comparator<ImageSummary.Vuln> order = Comparator.comparing(ImageSummary.Vuln::severity).thenComparing(ImageSummary.Vuln::pkg)
        .thenComparing(ImageSummary.Vuln::id);
    List<ImageSummary.Vuln> fixed = from.stream().filter(v -> !after.contains(new VulnKey(v.id(), v.pkg()))).sorted(order).toList();
    List<ImageSummary.Vuln> introduced = to.stream().filter(v -> !before.contains(new VulnKey(v.id(), v.pkg()))).sorted(order).toList();
    return new VulnDelta(fixed, introduced, counts(from), counts(to));
  }

  private static Map<Severity, Integer> counts(List<ImageSummary.Vuln> list) {
    Map<Severity, Integer> m = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) m.put(s, VulnDelta.count(list, s));
    return m;
  }

  /** The shared bottom layers (same diff_id at the same place), then what is above them on each side. */
  static LayerDelta layers(List<ImageSummary.Layer> from, List<ImageSummary.Layer> to) {
    int shared = 0;
    while (shared < from.size() && shared < to.size() && Objects.equals(from.get(shared).diffId(), to.get(shared).diffId())) shared++;
    return new LayerDelta(shared, from.subList(shared, from.size()), to.subList(shared, to.size()));
  }
}
