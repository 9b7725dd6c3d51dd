package dev.bulwark.vuln.match;

import java.util.HashMap;
import java.util.Map;

/**
 * CVSS base scores computed from vector strings: v3.0 and v3.1 by the specification's formulas (section 7 of each,
 * with 3.1's floating-point-safe round-up and 3.0's plain one). Pure. v4.0 is {@link Cvss4}.
 */
public final class Cvss {
  private Cvss() {}

  /** A vector this class cannot score: the message says why. */
  public static final class BadVectorException extends Exception {
    private static final long serialVersionUID = 1L;

    BadVectorException(String m) {
      super(m);
    }
  }

  /** The base score of a {@code CVSS:3.0/…}, {@code CVSS:3.1/…} or {@code CVSS:4.0/…} vector. */
  public static double baseScore(String vector) throws BadVectorException {
    if (vector == null) throw new BadVectorException("no vector");
    if (vector.startsWith("CVSS:4.0/")) return Cvss4.baseScore(vector);
    boolean v31 = vector.startsWith("CVSS:3.1/");
    if (!v31 && !vector.startsWith("CVSS:3.0/")) throw new BadVectorException("not a CVSS 3.x or 4.0 vector: " + vector);
    Map<String, String> m = metrics(vector);
    boolean changed = "C".equals(need(m, "S", "UC"));
    double av = weight(need(m, "AV", "NALP"), "NALP", 0.85, 0.62, 0.55, 0.2);
    double ac = weight(need(m, "AC", "LH"), "LH", 0.77, 0.44);
    String prv = need(m, "PR", "NLH");
    double pr = prv.equals("N") ? 0.85 : prv.equals("L") ? (changed ? 0.68 : 0.62) : (changed ? 0.5 : 0.27);
    double ui = weight(need(m, "UI", "NR"), "NR", 0.85, 0.62);
    double c = cia(need(m, "C", "HLN"));
    double i = cia(need(m, "I", "HLN"));
    double a = cia(need(m, "A", "HLN"));
    double iss = 1 - (1 - c) * (1 - i) * (1 - a);
    double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
    double exploitability = 8.22 * av * ac * pr * ui;
    if (impact <= 0) return 0;
    double raw = changed ? Math.min(1.08 * (impact + exploitability), 10) : Math.min(impact + exploitability, 10);
    return v31 ? roundUp31(raw) : Math.ceil(raw * 10) / 10;
  }

  /** CVSS's qualitative rating of a score: critical 9.0–10, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9, none 0. */
  public static Rating rating(double score) {
    if (score >= 9.0) return Rating.CRITICAL;
    if (score >= 7.0) return Rating.HIGH;
    if (score >= 4.0) return Rating.MEDIUM;
    if (score > 0) return Rating.LOW;
    return Rating.NONE;
  }

  /** v3.1 Appendix A's Roundup: the smallest one-decimal number ≥ x, computed on integers so 4.0000001 is not 4.1. */
  static double roundUp31(double x) {
    long i = Math.round(x * 100000);
    if (i % 10000 == 0) return i / 100000.0;
    return (Math.floorDiv(i, 10000) + 1) / 10.0;
  }

  /** {@code CVSS:x/K:V/…} into K→V; a metric given twice or an empty part is an error. */
  static Map<String, String> metrics(String vector) throws BadVectorException {
    Map<String, String> m = new HashMap<>();
    String[] parts = vector.split("/", -1);
    if (parts.length > 64) throw new BadVectorException("too many metrics");
    for (int k = 1; k < parts.length; k++) {
      int colon = parts[k].indexOf(':');
      if (colon <= 0 || colon == parts[k].length() - 1) throw new BadVectorException("bad metric '" + parts[k] + "'");
      if (m.put(parts[k].substring(0, colon), parts[k].substring(colon + 1)) != null) {
        throw new BadVectorException("metric " + parts[k].substring(0, colon) + " given twice");
      }
    }
    return m;
  }

  static String need(Map<String, String> m, String key, String allowed) throws BadVectorException {
    String v = m.get(key);
    if (v == null || v.length() != 1 || allowed.indexOf(v.charAt(0)) < 0) {
      throw new BadVectorException("metric " + key + (v == null ? " missing" : " has bad value '" + v + "'"));
    }
    return v;
  }

  private static double weight(String v, String order, double... weights) {
    return weights[order.indexOf(v.charAt(0))];
  }

  private static double cia(String v) {
    return v.equals("H") ? 0.56 : v.equals("L") ? 0.22 : 0;
  }
}
