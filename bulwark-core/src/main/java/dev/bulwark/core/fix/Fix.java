package dev.bulwark.core.fix;

import java.util.List;
import java.util.Objects;

/**
 * How to repair one finding: a one-line description for the report ("Add USER nonroot"), whether
 * it keeps the build's meaning, and its edits, sorted by offset and not overlapping each other.
 * It does not name its finding, so that a finding can carry it without a package cycle.
 */
public record Fix(String description, Applicability applicability, List<Edit> edits) {

  public Fix {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(applicability, "applicability");
    if (description.isBlank() || description.indexOf('\n') >= 0 || description.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("a fix's description is one non-blank line: " + description);
    }
    if (edits.isEmpty()) {
      throw new IllegalArgumentException("fix '" + description + "' has no edits");
    }
    edits = Edits.sorted(edits);
  }

  public static Fix safe(String description, List<Edit> edits) {
    return new Fix(description, Applicability.SAFE, edits);
  }

  public static Fix safe(String description, Edit... edits) {
    return safe(description, List.of(edits));
  }

  public static Fix unsafe(String description, List<Edit> edits) {
    return new Fix(description, Applicability.UNSAFE, edits);
  }

  public static Fix unsafe(String description, Edit... edits) {
    return unsafe(description, List.of(edits));
  }

  public boolean isSafe() {
    return applicability == Applicability.SAFE;
  }
}
