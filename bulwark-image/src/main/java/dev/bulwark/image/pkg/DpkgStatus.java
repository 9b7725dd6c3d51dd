package dev.bulwark.image.pkg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Debian's {@code var/lib/dpkg/status} (and distroless {@code status.d/*}) stanzas. */
public final class DpkgStatus {
  private DpkgStatus() {}

  /** One installed package stanza. */
  public record Entry(String name, String version, String arch, String source, String sourceVersion) {}

  /** The installed packages of a {@code status} file: stanzas whose Status state is not "installed" are skipped. */
  public static List<Entry> parse(String text) {
    return parse(text, true);
  }

  /**
   * With {@code statusRequired} false (distroless {@code status.d} files, which have no Status
   * field) a stanza without Status counts as installed.
   */
  public static List<Entry> parse(String text, boolean statusRequired) {
    List<Entry> out = new ArrayList<>();
    for (Map<String, String> s : stanzas(text)) {
      String name = s.get("Package");
      String version = s.get("Version");
      String status = s.get("Status");
      if (name == null || version == null) {
        continue;
      }
      if (status == null ? statusRequired : !status.endsWith(" installed")) {
        continue; // the third word of Status is the state; only "installed" means files are there
      }
      String source = s.get("Source");
      String sourceVersion = version;
      if (source != null) {
        int paren = source.indexOf('(');
        if (paren > 0 && source.endsWith(")")) {
          sourceVersion = source.substring(paren + 1, source.length() - 1).strip();
          source = source.substring(0, paren).strip();
        }
      }
      out.add(new Entry(name, version, s.get("Architecture"), source == null ? name : source, sourceVersion));
    }
    return out;
  }

  /** RFC-822 style paragraphs; continuation lines (leading blank) are folded into their field. */
  static List<Map<String, String>> stanzas(String text) {
    List<Map<String, String>> out = new ArrayList<>();
    Map<String, String> cur = new LinkedHashMap<>();
    String last = null;
    for (String line : text.split("\n", -1)) {
      if (line.isBlank()) {
        if (!cur.isEmpty()) {
          out.add(cur);
          cur = new LinkedHashMap<>();
        }
        last = null;
        continue;
      }
      if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
        cur.put(last, cur.get(last) + "\n" + line.strip());
        continue;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        last = line.substring(0, colon).strip();
        cur.put(last, line.substring(colon + 1).strip());
      }
    }
    if (!cur.isEmpty()) {
      out.add(cur);
    }
    return out;
  }
}
