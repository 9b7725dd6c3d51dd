package dev.bulwark.report;

import dev.bulwark.core.Finding;
import dev.bulwark.core.VulnerablePackage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vulnerability findings grouped by the package they are in, as Trivy's and Scout's tables show them: one group per package
 * version, the groups with the most severe vulnerability first (then by name), and in a group the most severe first (then
 * by id). Findings that are not about a package (an image's user, a Dockerfile line) are left to the caller.
 */
record VulnTable(List<Group> groups) {

  /** One package version and its vulnerabilities, in table order. */
  record Group(VulnerablePackage pkg, Finding first, List<Finding> findings) {}

  VulnTable {
    groups = List.copyOf(groups);
  }

  /** The vulnerability findings among {@code findings}, grouped; an empty table when there are none. */
  static VulnTable of(List<Finding> findings) {
    Map<String, List<Finding>> byPackage = new LinkedHashMap<>();
    for (Finding f : findings) {
      if (f.vulnerable().isPresent()) {
        VulnerablePackage p = f.vulnerable().get();
        // the version in the key: two versions of one library (two jars) are two rows to upgrade
        byPackage.computeIfAbsent(p.name() + '\u0000' + p.installed() + '\u0000' + p.layer(), k -> new ArrayList<>()).add(f);
      }
    }
    if (byPackage.isEmpty()) {
      return new VulnTable(List.of()); // before the lambdas below: a Dockerfile scan does not pay for linking them
    }
    List<Group> groups = new ArrayList<>();
    for (List<Finding> in : byPackage.values()) {
      List<Finding> sorted = new ArrayList<>(in);
      sorted.sort(VulnTable::bySeverityThenId);
      groups.add(new Group(sorted.get(0).vulnerable().get(), sorted.get(0), sorted));
    }
    groups.sort((a, b) -> {
      int c = a.first().severity().compareTo(b.first().severity());
      c = c != 0 ? c : a.pkg().name().compareTo(b.pkg().name());
      return c != 0 ? c : a.pkg().installed().compareTo(b.pkg().installed());
    });
    return new VulnTable(groups);
  }

  boolean isEmpty() {
    return groups.isEmpty();
  }

  int vulnerabilities() {
    int n = 0;
    for (Group g : groups) {
      n += g.findings().size();
    }
    return n;
  }

  private static int bySeverityThenId(Finding a, Finding b) {
    int c = a.severity().compareTo(b.severity());
    return c != 0 ? c : a.ruleId().compareTo(b.ruleId());
  }

  /** The "fixed in" cell: the version, or that there is none and the vendor's word on it ("no fix yet (no-dsa)"). */
  static String fixedIn(VulnerablePackage p) {
    if (p.fixedIn() != null) {
      return p.fixedIn();
    }
    return p.note() == null ? "no fix yet" : "no fix yet (" + p.note() + ")";
  }

  /**
   * The "title" cell: the advisory's summary, or nothing when the database gives none (the finding's title then only
   * repeats the id and the package, which the row already shows).
   */
  static String title(Finding f) {
    String t = f.rule().title();
    return t.equals(f.ruleId() + " in " + f.vulnerable().map(VulnerablePackage::name).orElse("")) ? "" : t;
  }

  /** The severity cell: info is what no record rates, which the vulnerability sentence calls "unrated" too. */
  static String severity(Finding f) {
    return f.severity() == dev.bulwark.core.Severity.INFO ? "unrated" : f.severity().label();
  }

  /** The package cell: its name, marked when it came with the base image (what {@code --ignore-base} would leave out). */
  static String packageCell(VulnerablePackage p) {
    return p.origin() == VulnerablePackage.Origin.BASE ? p.name() + " (base)" : p.name();
  }

  /** Where the package is: its purl and file, and the layer it came in. */
  static String where(Group g) {
    String at = Where.detail(g.first().location());
    VulnerablePackage p = g.pkg();
    if (p.layer() < 0) {
      return at;
    }
    return at + ", layer " + p.layer() + switch (p.origin()) {
      case BASE -> " (base image)";
      case ADDED -> " (added on top of the base)";
      case UNKNOWN -> "";
    };
  }
}
