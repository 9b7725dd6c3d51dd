package dev.bulwark.report;

import dev.bulwark.core.Location;

/** How each format names a finding's location when it is not a line of a text file. */
public final class Where {
  private Where() {}

  // instanceof chains, not pattern switches: a switch's bootstrap generates classes at run time,
  // which costs start-up time in every one-file scan

  /** A short label for a column of positions: {@code 3:5}, {@code config}, {@code layer 2}. */
  public static String column(Location l) {
    if (l instanceof Location.Text t) {
      return t.span().startLine() + ":" + t.span().startColumn();
    }
    if (l instanceof Location.LayerFile f) {
      return "layer " + f.layer();
    }
    return l instanceof Location.ImageConfig ? "config" : "package";
  }

  /** The whole location in words, for non-text locations: {@code image config: User}, {@code /bin/su in layer 2 (sha256:…)}. */
  public static String detail(Location l) {
    if (l instanceof Location.Text t) {
      return "line " + t.span().startLine() + ", column " + t.span().startColumn();
    }
    if (l instanceof Location.ImageConfig c) {
      return "image config: " + c.field();
    }
    if (l instanceof Location.LayerFile f) {
      return "/" + f.path() + " in layer " + f.layer() + (f.diffId() == null ? "" : " (" + shortDigest(f.diffId()) + ")");
    }
    Location.Package p = (Location.Package) l;
    return p.purl() + (p.path() == null ? "" : " in /" + p.path());
  }

  /** Nothing for text findings (formats give their line), else {@code " (image config: User)"}, for messages. */
  static String suffix(Location l) {
    return l instanceof Location.Text ? "" : " (" + detail(l) + ")";
  }

  /** {@code sha256:} and the first 12 hex digits, as docker prints image ids. */
  static String shortDigest(String digest) {
    int colon = digest.indexOf(':');
    return digest.length() > colon + 13 ? digest.substring(0, colon + 13) : digest;
  }
}
