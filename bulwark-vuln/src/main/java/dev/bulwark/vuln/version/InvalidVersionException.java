package dev.bulwark.vuln.version;

/** A version string the scheme's tool rejects; the message names the scheme, the reason and (a prefix of) the input. */
public final class InvalidVersionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  InvalidVersionException(String scheme, String version, String reason) {
    super(scheme + ": invalid version '" + shown(version) + "': " + reason);
  }

  private static String shown(String v) {
    return v.length() <= 64 ? v : v.substring(0, 64) + "…(" + v.length() + " chars)";
  }
}
