package dev.bulwark.vuln.version;

/**
 * One ecosystem's version ordering, exactly as that ecosystem's own tool orders versions. Pure and thread-safe.
 *
 * <p>{@link #compare} returns a negative number, zero or a positive number as {@code a} sorts before, equal to or
 * after {@code b}; versions that differ only in spelling ({@code 1.0-alpha1} and {@code 1.0a1} in PEP 440) are equal.
 * A scheme whose tool orders every string (apk, rpm, Maven, Go) never throws; the others throw
 * {@link InvalidVersionException} for a string their tool rejects, and only that. Every scheme takes time linear in
 * the length of its input and compares digit runs of any length numerically.
 */
public sealed interface VersionScheme
    permits Dpkg, Apk, Rpm, Pep440, NpmSemver, MavenVersion, GoSemver, RubyGems, NuGet, SemVer2 {

  /** The scheme's short name, as in the conformance vectors ({@code dpkg}, {@code apk}, {@code pep440}, …). */
  String name();

  /** Orders two versions; see the class comment for which inputs throw. */
  int compare(String a, String b);

  /** Whether the ecosystem's tool accepts {@code version} as a well-formed version. */
  boolean isValid(String version);
}
