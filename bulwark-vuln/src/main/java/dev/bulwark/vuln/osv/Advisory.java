package dev.bulwark.vuln.osv;

import java.util.List;

/**
 * One OSV record, reduced to what matching and reporting need (no details, references or credits).
 *
 * @param withdrawn the record's {@code withdrawn} timestamp, or null; importers skip withdrawn records
 * @param databaseSeverity the record's {@code database_specific.severity} (GHSA's "HIGH", …), or null
 * @param published RFC 3339 as the record gives it, or null; {@code modified} likewise
 */
public record Advisory(
    String id,
    List<String> aliases,
    String summary,
    List<Severity> severity,
    String databaseSeverity,
    String published,
    String modified,
    String withdrawn,
    List<Affected> affected) {

  public Advisory {
    aliases = List.copyOf(aliases);
    severity = List.copyOf(severity);
    affected = List.copyOf(affected);
  }

  /**
   * The ids to show and merge on: the record's own id, unless it is the local id of an advisory made from a
   * distribution feed (those hold a {@code ':'}, which no published id does), then its aliases.
   */
  public List<String> ids() {
    List<String> out = new java.util.ArrayList<>(aliases.size() + 1);
    if (id.indexOf(':') < 0) out.add(id);
    for (String a : aliases) {
      if (!out.contains(a)) out.add(a);
    }
    return out;
  }

  /** An OSV {@code severity[]} entry: {@code type} CVSS_V2/CVSS_V3/CVSS_V4/Ubuntu/…, {@code score} its vector or value. */
  public record Severity(String type, String score) {}
}
