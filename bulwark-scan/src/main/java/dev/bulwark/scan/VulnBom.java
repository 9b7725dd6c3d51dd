package dev.bulwark.scan;

import dev.bulwark.core.Severity;
import dev.bulwark.sbom.BomVulnerability;
import dev.bulwark.scan.triage.Suppression;
import java.util.ArrayList;
import java.util.List;

/**
 * A vulnerability check's outcome as CycloneDX {@code vulnerabilities[]} entries: every finding, and every suppressed
 * one with its analysis (not_affected with the justification in CycloneDX's words, fixed as {@code resolved}, an
 * ignore-file entry as {@code exploitable} with the response {@code will_not_fix}: accepted, not disproved). Pure.
 */
public final class VulnBom {
  private VulnBom() {}

  public static List<BomVulnerability> of(Vulnerabilities.Outcome outcome) {
    List<BomVulnerability> out = new ArrayList<>();
    for (Vulnerabilities.Matched m : outcome.matched()) out.add(entry(m, null));
    for (Vulnerabilities.Suppressed s : outcome.suppressed()) out.add(entry(s.matched(), analysis(s.suppression())));
    return out;
  }

  private static BomVulnerability entry(Vulnerabilities.Matched m, BomVulnerability.Analysis analysis) {
    var f = m.finding();
    var v = m.vuln();
    String id = f.ruleId();
    String description = v != null && v.summary() != null ? v.summary() : null;
    String recommendation = m.fixed() == null ? null : "Upgrade " + m.pkg() + " to " + m.fixed() + " or later";
    return new BomVulnerability(id, f.aliases(), BomVulnerability.publisher(id), sourceUrl(id), List.of(rating(f.severity(), v == null ? null : v.ratingSource())),
        description, recommendation, m.packages(), analysis);
  }

  /** The rating as Bulwark chose it; a CVSS score ({@code "CVSS:3.1 9.8"}) with its method, another source ("debian urgency") as other. */
  static BomVulnerability.Rating rating(Severity severity, String source) {
    String words = switch (severity) {
      case CRITICAL -> "critical";
      case HIGH -> "high";
      case MEDIUM -> "medium";
      case LOW -> "low";
      case INFO -> "unknown";
    };
    if (source == null || source.equals("none")) return new BomVulnerability.Rating("bulwark", null, words, "other");
    String method = source.startsWith("CVSS:4.0") ? "CVSSv4" : source.startsWith("CVSS:3.1") ? "CVSSv31" : source.startsWith("CVSS:3.0") ? "CVSSv3" : "other";
    Double score = null;
    if (!method.equals("other")) {
      try {
        score = Double.parseDouble(source.substring(source.indexOf(' ') + 1).strip());
      } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
        score = null;
      }
    }
    return new BomVulnerability.Rating(source, score, words, method);
  }

  static BomVulnerability.Analysis analysis(Suppression s) {
    return switch (s.status()) {
      case Suppression.NOT_AFFECTED -> new BomVulnerability.Analysis("not_affected", justification(s.justification()), List.of(), s.detail());
      case Suppression.FIXED -> new BomVulnerability.Analysis("resolved", null, List.of(), s.detail());
      default -> new BomVulnerability.Analysis("exploitable", null, List.of("will_not_fix"), "ignored (" + s.source() + "): " + s.detail());
    };
  }

  /** OpenVEX's justification words in CycloneDX's (CycloneDX's own pass through); null when there is no counterpart. */
  static String justification(String j) {
    if (j == null) return null;
    return switch (j) {
      case "component_not_present", "vulnerable_code_not_present" -> "code_not_present";
      case "vulnerable_code_not_in_execute_path" -> "code_not_reachable";
      case "vulnerable_code_cannot_be_controlled_by_adversary", "inline_mitigations_already_exist" -> "protected_by_mitigating_control";
      case "code_not_present", "code_not_reachable", "requires_configuration", "requires_dependency", "requires_environment", "protected_by_compiler",
          "protected_at_runtime", "protected_at_perimeter", "protected_by_mitigating_control" -> j;
      default -> null;
    };
  }

  static String sourceUrl(String id) {
    if (id.startsWith("CVE-")) return "https://nvd.nist.gov/vuln/detail/" + id;
    if (id.startsWith("GHSA-")) return "https://github.com/advisories/" + id;
    if (id.startsWith("GO-")) return "https://pkg.go.dev/vuln/" + id;
    return "https://osv.dev/vulnerability/" + id;
  }
}
