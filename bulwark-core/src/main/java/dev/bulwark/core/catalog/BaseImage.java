package dev.bulwark.core.catalog;

import java.time.LocalDate;

/**
 * What the catalog knows of one image reference: its family, the release and variant its tag
 * names, the distribution under it, when its support ends, and what it ships.
 *
 * @param image the reference as shown ({@code python:3.12-slim})
 * @param family the catalog line it belongs to
 * @param version the release cycle the tag names ({@code 3.12}), or null when the tag does not say
 * @param variant the tag's variant ({@code slim-bookworm}), empty for the default one
 * @param distro the distribution, for a reader ({@code Debian 12}), or null when unknown
 * @param eol when support ends: an ISO date, {@code -} (no end announced) or {@code past}
 * @param eolOf what that date is the end of ({@code Python 3.12}, {@code Debian 12}), or null
 * @param ltsUntil for a distribution past regular support, the end of its free LTS updates (ISO date), or null
 * @param shell the shell in the image, or null for none
 * @param packageManager the package manager in the image, or null for none
 * @param user the user the image runs as by default ({@code root}, {@code 65532})
 * @param nonRootUser a non-root user it ships but does not default to ({@code node:1000}), or null
 */
public record BaseImage(String image, ImageFamily family, String version, String variant, String distro, String eol, String eolOf,
    String ltsUntil, String shell, String packageManager, String user, String nonRootUser) {

  /** Past its end of life on {@code asOf} (LTS updates do not count: they are not the image's own support). */
  public boolean isEndOfLife(LocalDate asOf) {
    return eol.equals("past") || (!eol.equals("-") && !LocalDate.parse(eol).isAfter(asOf));
  }

  public boolean runsAsNonRoot() {
    return !user.equals("root") && !user.equals("0");
  }

  /** One word for a table: supported, LTS only, EOL, or unknown when the tag names no release. */
  public String status(LocalDate asOf) {
    if (isEndOfLife(asOf)) {
      return ltsUntil != null && LocalDate.parse(ltsUntil).isAfter(asOf) ? "LTS only" : "EOL";
    }
    if (version == null && family.isVersioned()) {
      return "unknown";
    }
    return "supported";
  }
}
