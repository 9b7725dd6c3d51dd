package dev.bulwark.vuln.db;

/**
 * Advisories by package. One implementation for now ({@link MemoryVulnDatabase}, loaded from one file); the interface
 * is what a SQLite- or PostgreSQL-backed store would also implement, so matching code depends only on this.
 */
public interface VulnDatabase {

  /**
   * The advisories affecting {@code version} of package {@code name} in {@code ecosystem} (OSV's names, with the
   * release for distributions: {@code Debian:12}, {@code Alpine:v3.20}); names are normalised as
   * {@link PackageKeys} says. One match per advisory.
   */
  MatchResult match(String ecosystem, String name, String version);

  /** Build time, sources and counts. */
  DbInfo info();
}
