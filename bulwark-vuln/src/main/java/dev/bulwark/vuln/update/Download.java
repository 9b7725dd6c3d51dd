package dev.bulwark.vuln.update;

import java.net.URI;

/**
 * One file {@code bulwark db update} fetches: where from, what it must be, and which of the database's ecosystems its
 * advisories replace.
 *
 * @param label how progress and errors name it ({@code osv PyPI}, {@code alpine v3.22/main}, {@code debian tracker})
 * @param fileName the name it is saved under in the update's work directory; its suffix tells the importer the format
 */
public record Download(String label, URI uri, Kind kind, Scope scope, String fileName) {

  /** The feed formats, with the most bytes a download of each may have. */
  public enum Kind {
    /** osv.dev's per-ecosystem {@code all.zip}: npm's, the largest, is about 210 MB today. */
    OSV_ZIP(".zip", 4L << 30),
    /** An Alpine secdb branch file: a few hundred KB today. */
    ALPINE_SECDB(".json", 256L << 20),
    /** The Debian tracker's one JSON file: about 80 MB today; the importer's own JSON bound. */
    DEBIAN_TRACKER(".json", 1L << 30);

    private final String suffix;
    private final long maxBytes;

    Kind(String suffix, long maxBytes) {
      this.suffix = suffix;
      this.maxBytes = maxBytes;
    }

    public String suffix() {
      return suffix;
    }

    public long maxBytes() {
      return maxBytes;
    }
  }

  /**
   * The ecosystems a download covers: {@code name} itself and, when {@code withReleases}, {@code name:anything}
   * ({@code Ubuntu} covers {@code Ubuntu:22.04:LTS}, {@code Debian} covers {@code Debian:12}).
   */
  public record Scope(String name, boolean withReleases) {
    public boolean covers(String ecosystem) {
      return ecosystem.equals(name) || (withReleases && ecosystem.startsWith(name + ":"));
    }
  }
}
