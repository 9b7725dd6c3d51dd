package dev.bulwark.vuln.osv;

import java.util.List;

/**
 * An OSV range. The importer keeps the events sorted by the ecosystem's version order (OSV leaves their order to the
 * reader), {@code introduced "0"} first; for a GIT range, and for an ecosystem without a scheme, in record order.
 */
public record Range(Type type, List<Event> events) {
  public Range {
    events = List.copyOf(events);
  }

  /** GIT ranges name commits, so package matching skips them. */
  public enum Type { SEMVER, ECOSYSTEM, GIT }

  /** One event: exactly one of OSV's four keys with its version. */
  public record Event(Kind kind, String version) {}

  /** {@code last_affected} is inclusive, {@code fixed} and {@code limit} exclusive. */
  public enum Kind {
    INTRODUCED("introduced"), FIXED("fixed"), LAST_AFFECTED("last_affected"), LIMIT("limit");

    private final String key;

    Kind(String key) {
      this.key = key;
    }

    /** The OSV key, {@code last_affected} and so on. */
    public String key() {
      return key;
    }

    static Kind ofKey(String key) {
      for (Kind k : values()) {
        if (k.key.equals(key)) return k;
      }
      return null;
    }
  }
}
