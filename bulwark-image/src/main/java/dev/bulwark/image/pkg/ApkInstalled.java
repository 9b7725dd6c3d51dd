package dev.bulwark.image.pkg;

import java.util.ArrayList;
import java.util.List;

/** Alpine's {@code lib/apk/db/installed}: records of single-letter fields separated by blank lines. */
public final class ApkInstalled {
  private ApkInstalled() {}

  /** One installed package: {@code origin} is its source (aport) name. */
  public record Entry(String name, String version, String arch, String origin, String license) {}

  /** A database listing more packages than this is made up; parse returns one more, so a caller can tell it was cut. */
  public static final int MAX_PACKAGES = 100_000;

  /** One pass over the lines (no copy of the text, no array of every line). */
  public static List<Entry> parse(String text) {
    List<Entry> out = new ArrayList<>();
    String p = null;
    String v = null;
    String a = null;
    String o = null;
    String l = null;
    int at = 0;
    int n = text.length();
    while (out.size() <= MAX_PACKAGES) {
      int nl = at > n ? -1 : text.indexOf('\n', at);
      int end = nl < 0 ? Math.min(at, n) : nl;
      if (at > n || text.substring(at, end).isBlank()) {
        if (p != null && v != null) {
          out.add(new Entry(p, v, a, o == null ? p : o, l));
        }
        p = v = a = o = l = null;
      } else if (end - at >= 2 && text.charAt(at + 1) == ':') {
        String value = text.substring(at + 2, end);
        switch (text.charAt(at)) {
          case 'P' -> p = value;
          case 'V' -> v = value;
          case 'A' -> a = value;
          case 'o' -> o = value;
          case 'L' -> l = value;
          default -> {}
        }
      }
      if (at > n) {
        break;
      }
      at = nl < 0 ? n + 1 : nl + 1;
    }
    return out;
  }
}
