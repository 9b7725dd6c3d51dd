package dev.bulwark.image.pkg;

import java.util.ArrayList;
import java.util.List;

/** Debian's {@code var/lib/dpkg/status} (and distroless {@code status.d/*}) stanzas. */
public final class DpkgStatus {
  private DpkgStatus() {}

  /** One installed package stanza. */
  public record Entry(String name, String version, String arch, String source, String sourceVersion) {}

  /** The installed packages of a {@code status} file: stanzas whose Status state is not "installed" are skipped. */
  public static List<Entry> parse(String text) {
    return parse(text, true);
  }

  /** A database listing more packages than this is made up; parse returns one more, so a caller can tell it was cut. */
  public static final int MAX_PACKAGES = 100_000;

  /**
   * With {@code statusRequired} false (distroless {@code status.d} files, which have no Status
   * field) a stanza without Status counts as installed. One pass over the lines, keeping only the
   * fields a package needs: a 60 MiB file costs its packages, not a map of every field of every stanza.
   */
  public static List<Entry> parse(String text, boolean statusRequired) {
    List<Entry> out = new ArrayList<>();
    Stanza cur = new Stanza();
    int at = 0;
    int n = text.length();
    while (at <= n && out.size() <= MAX_PACKAGES) {
      int nl = text.indexOf('\n', at);
      int end = nl < 0 ? n : nl;
      if (isBlank(text, at, end)) {
        cur.finish(statusRequired, out);
        cur = new Stanza();
      } else if ((text.charAt(at) == ' ' || text.charAt(at) == '\t') && cur.last != null) {
        cur.fold(text.substring(at, end).strip());
      } else {
        int colon = text.indexOf(':', at);
        if (colon > at && colon < end) {
          cur.field(text.substring(at, colon).strip(), text, colon + 1, end);
        }
      }
      if (nl < 0) {
        break;
      }
      at = nl + 1;
    }
    if (out.size() <= MAX_PACKAGES) {
      cur.finish(statusRequired, out);
    }
    return out;
  }

  private static boolean isBlank(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The fields of one stanza that make a package; a field given twice keeps its last value, as before. */
  private static final class Stanza {
    String name;
    String version;
    String status;
    String source;
    String arch;
    /** The field a continuation line belongs to: one of ours, or another (its lines are skipped). */
    String last;

    void field(String key, String text, int from, int to) {
      last = key;
      switch (key) {
        case "Package" -> name = text.substring(from, to).strip();
        case "Version" -> version = text.substring(from, to).strip();
        case "Status" -> status = text.substring(from, to).strip();
        case "Source" -> source = text.substring(from, to).strip();
        case "Architecture" -> arch = text.substring(from, to).strip();
        default -> { }
      }
    }

    void fold(String line) {
      switch (last) {
        case "Package" -> name = name + "\n" + line;
        case "Version" -> version = version + "\n" + line;
        case "Status" -> status = status + "\n" + line;
        case "Source" -> source = source + "\n" + line;
        case "Architecture" -> arch = arch + "\n" + line;
        default -> { }
      }
    }

    void finish(boolean statusRequired, List<Entry> out) {
      if (name == null || version == null) {
        return;
      }
      if (status == null ? statusRequired : !status.endsWith(" installed")) {
        return; // the third word of Status is the state; only "installed" means files are there
      }
      String src = source;
      String sourceVersion = version;
      if (src != null) {
        int paren = src.indexOf('(');
        if (paren > 0 && src.endsWith(")")) {
          sourceVersion = src.substring(paren + 1, src.length() - 1).strip();
          src = src.substring(0, paren).strip();
        }
      }
      out.add(new Entry(name, version, arch, src == null ? name : src, sourceVersion));
    }
  }
}
