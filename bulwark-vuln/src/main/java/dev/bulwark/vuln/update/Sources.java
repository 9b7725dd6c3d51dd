package dev.bulwark.vuln.update;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What {@code bulwark db update} downloads, from where: the official locations by default, each base replaceable by a
 * mirror that keeps the same layout.
 *
 * <ul>
 *   <li>OSV: {@code BASE/<Ecosystem>/all.zip} (osv.dev's bucket);
 *   <li>Alpine secdb: {@code BASE/v3.x/main.json} and {@code BASE/v3.x/community.json} per branch;
 *   <li>Debian security tracker: {@code BASE/data/json}, every release in one file.
 * </ul>
 */
public final class Sources {
  public static final String OSV = "osv";
  public static final String ALPINE = "alpine";
  public static final String DEBIAN = "debian";
  public static final List<String> ALL = List.of(OSV, ALPINE, DEBIAN);

  public static final URI OSV_BASE = URI.create("https://osv-vulnerabilities.storage.googleapis.com");
  public static final URI ALPINE_BASE = URI.create("https://secdb.alpinelinux.org");
  public static final URI DEBIAN_BASE = URI.create("https://security-tracker.debian.org/tracker");

  /**
   * The OSV ecosystems fetched by default: those of the packages Bulwark reads from images and SBOMs, and Ubuntu
   * (Canonical publishes its advisories as OSV; Debian and Alpine come from their own feeds).
   */
  public static final List<String> DEFAULT_ECOSYSTEMS =
      List.of("PyPI", "npm", "Go", "Maven", "crates.io", "RubyGems", "NuGet", "Packagist", "Ubuntu");

  /** The two secdb repositories of a branch. */
  static final List<String> ALPINE_REPOSITORIES = List.of("main", "community");

  private static final Pattern BRANCH = Pattern.compile("v\\d+\\.\\d+|edge");
  /** OSV ecosystem names: letters, digits and the few separators osv.dev uses ({@code crates.io}, {@code Debian:12}, {@code GitHub Actions}). */
  private static final Pattern ECOSYSTEM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._:+-]*");

  private Sources() {}

  /** The choice of sources and their bases. */
  public record Selection(List<String> sources, List<String> ecosystems, List<String> alpineBranches, URI osvBase, URI alpineBase,
      URI debianBase) {
    public Selection {
      sources = List.copyOf(sources);
      ecosystems = List.copyOf(ecosystems);
      alpineBranches = List.copyOf(alpineBranches);
    }
  }

  /** The downloads of {@code s}, in a fixed order; a bad source name, ecosystem or branch is an {@link IllegalArgumentException} in words. */
  public static List<Download> plan(Selection s) {
    for (String source : s.sources()) {
      if (!ALL.contains(source)) throw new IllegalArgumentException("unknown source '" + source + "' (expected " + String.join(", ", ALL) + ")");
    }
    List<Download> out = new ArrayList<>();
    if (s.sources().contains(OSV)) {
      for (String e : s.ecosystems()) {
        if (!ECOSYSTEM.matcher(e).matches()) throw new IllegalArgumentException("'" + e + "' is not an OSV ecosystem name");
        out.add(new Download("osv " + e, resolve(s.osvBase(), e + "/all.zip"), Download.Kind.OSV_ZIP, new Download.Scope(e, true),
            "osv-" + fileSafe(e) + ".zip"));
      }
    }
    if (s.sources().contains(ALPINE)) {
      for (String b : s.alpineBranches()) {
        if (!BRANCH.matcher(b).matches()) throw new IllegalArgumentException("'" + b + "' is not an Alpine branch (v3.22, edge)");
        for (String repo : ALPINE_REPOSITORIES) {
          out.add(new Download("alpine " + b + "/" + repo, resolve(s.alpineBase(), b + "/" + repo + ".json"), Download.Kind.ALPINE_SECDB,
              new Download.Scope("Alpine:" + b, false), "alpine-" + b + "-" + repo + ".json"));
        }
      }
    }
    if (s.sources().contains(DEBIAN)) {
      out.add(new Download("debian tracker", resolve(s.debianBase(), "data/json"), Download.Kind.DEBIAN_TRACKER,
          new Download.Scope("Debian", true), "debian-tracker.json"));
    }
    return out;
  }

  /** A base URL given by a user: http or https, with a host; any path is kept and the file's path appended to it. */
  public static URI base(String text, String what) {
    URI u;
    try {
      u = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(what + " '" + text + "' is not a URL (" + e.getReason() + ")");
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
      throw new IllegalArgumentException(what + " '" + text + "' is not an http or https URL with a host");
    }
    if (u.getQuery() != null || u.getFragment() != null) throw new IllegalArgumentException(what + " '" + text + "' has a query or fragment; give a base URL");
    return u;
  }

  /** {@code base} + "/" + {@code path}, the path's characters encoded as a URI path needs (spaces in {@code GitHub Actions}). */
  static URI resolve(URI base, String path) {
    String basePath = base.getRawPath() == null ? "" : base.getRawPath();
    if (basePath.endsWith("/")) basePath = basePath.substring(0, basePath.length() - 1);
    try {
      // absolute, so a colon in the first segment (Debian:12) is not read as a scheme
      URI rel = new URI(null, null, "/" + path, null);
      return URI.create(base.getScheme() + "://" + base.getRawAuthority() + basePath + rel.getRawPath());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot build a URL from '" + path + "'", e);
    }
  }

  private static String fileSafe(String s) {
    return s.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
