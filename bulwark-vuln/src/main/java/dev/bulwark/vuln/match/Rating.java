package dev.bulwark.vuln.match;

/** A vulnerability's qualitative severity (CVSS's scale; vendor ratings mapped onto it). */
public enum Rating {
  CRITICAL, HIGH, MEDIUM, LOW, NONE, UNKNOWN
}
