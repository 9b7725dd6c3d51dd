package dev.bulwark.scan;

import dev.bulwark.image.pkg.GoSymbolTable;
import dev.bulwark.sbom.Ecosystem;
import dev.bulwark.sbom.Package;
import dev.bulwark.vuln.db.Match;
import dev.bulwark.vuln.match.VulnFinding;
import dev.bulwark.vuln.osv.Affected;
import dev.bulwark.vuln.reach.GoReachability;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Go reachability for image findings: a vulnerability of a Go module is not in an image when every binary that
 * lists the module was linked without its vulnerable code ({@link GoReachability}, on each binary's symbol table).
 * A binary whose table was not read (Go before 1.16, a bound passed) keeps the finding: nothing is judged without
 * evidence. Pure: the tables come in by path.
 */
public final class GoReachabilityCheck {
  private GoReachabilityCheck() {}

  /** The symbol table as the pure verdict reads it. */
  public static GoReachability.Binary binary(GoSymbolTable t) {
    return new GoReachability.Binary() {
      @Override
      public boolean containsPackage(String importPath) {
        return t.containsPackage(importPath);
      }

      @Override
      public boolean contains(String importPath, String symbol) {
        return t.contains(importPath, symbol);
      }

      @Override
      public String goos() {
        return t.goos();
      }

      @Override
      public String goarch() {
        return t.goarch();
      }
    };
  }

  /**
   * Why {@code v} of the Go module {@code pkg} is not in the binary that lists it ({@code "none of net/http.Server.Serve is
   * in usr/local/bin/app"}), or empty when it may be: the binary has no table, or no merged record names the vulnerable
   * symbols. One package, one binary: {@link Vulnerabilities} applies the every-binary rule across a module's listings.
   */
  public static Optional<String> notPresent(VulnFinding v, Package pkg, Function<String, Optional<GoSymbolTable>> tables) {
    String path = pkg.location().path();
    if (pkg.ecosystem() != Ecosystem.GOLANG || path == null) {
      return Optional.empty();
    }
    List<Affected.Import> imports = imports(v);
    Optional<GoSymbolTable> table = imports.isEmpty() ? Optional.empty() : tables.apply(path);
    if (table.isEmpty() || !(GoReachability.judge(imports, binary(table.get())) instanceof GoReachability.Verdict.NotPresent np)) {
      return Optional.empty();
    }
    return Optional.of(np.detail().replace("in the binary", "in " + path));
  }

  /** What the summary sentence says the suppressed ones are not affected per. */
  static final String BASIS = "the Go binaries' symbol tables";

  /**
   * The triage step: a Go module's vulnerability whose code is not in the binary is {@code not_affected} with OpenVEX's
   * {@code vulnerable_code_not_present}, the detail naming what was looked for and where.
   */
  public static dev.bulwark.scan.triage.Triage triage(Function<String, Optional<GoSymbolTable>> tables) {
    return new dev.bulwark.scan.triage.Triage() {
      @Override
      public Optional<dev.bulwark.scan.triage.Suppression> judge(VulnFinding v, Package reported) {
        return notPresent(v, reported, tables).map(detail -> new dev.bulwark.scan.triage.Suppression(
            dev.bulwark.scan.triage.Suppression.NOT_AFFECTED, "vulnerable_code_not_present", detail, "bulwark: Go symbol table (pclntab)"));
      }

      @Override
      public String basis() {
        return BASIS;
      }
    };
  }

  /** {@code steps} and then Go reachability on {@code image}'s binaries: what a person or a VEX document says comes first. */
  static List<dev.bulwark.scan.triage.Triage> withReachability(List<dev.bulwark.scan.triage.Triage> steps, dev.bulwark.image.Image image) {
    List<dev.bulwark.scan.triage.Triage> out = new ArrayList<>(steps);
    out.add(triage(image::goSymbols));
    return out;
  }

  /** The import lists of the merged records (the Go database's record has one; a GHSA alias has none). */
  static List<Affected.Import> imports(VulnFinding v) {
    List<Affected.Import> out = new ArrayList<>();
    for (Match m : v.matches()) {
      for (Affected.Import i : m.affected().imports()) {
        if (!out.contains(i)) out.add(i);
      }
    }
    return out;
  }
}
