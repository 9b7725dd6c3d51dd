package dev.bulwark.image.pkg;

import java.util.ArrayList;
import java.util.List;

/** Alpine's {@code lib/apk/db/installed}: records of single-letter fields separated by blank lines. */
public final class ApkInstalled {
  private ApkInstalled() {}

  /** One installed package: {@code origin} is its source (aport) name. */
  public record Entry(String name, String version, String arch, String origin, String license) {}

  public static List<Entry> parse(String text) {
    List<Entry> out = new ArrayList<>();
    String p = null;
    String v = null;
    String a = null;
    String o = null;
    String l = null;
    for (String line : (text + "\n\n").split("\n", -1)) {
      if (line.isBlank()) {
        if (p != null && v != null) {
          out.add(new Entry(p, v, a, o == null ? p : o, l));
        }
        p = v = a = o = l = null;
        continue;
      }
      if (line.length() < 2 || line.charAt(1) != ':') {
        continue;
      }
      String value = line.substring(2);
      switch (line.charAt(0)) {
        case 'P' -> p = value;
        case 'V' -> v = value;
        case 'A' -> a = value;
        case 'o' -> o = value;
        case 'L' -> l = value;
        default -> {}
      }
    }
    return out;
  }
}
