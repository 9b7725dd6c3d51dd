package dev.bulwark.core.fix;

import java.util.List;

/**
 * The text after applying what could be applied of a set of fixes, the fixes applied, and those
 * skipped because they conflicted with one applied before them (both in the order given).
 * A caller re-lints {@code text} to pick up the skipped ones in another pass.
 */
public record FixResult(String text, List<Fix> applied, List<Fix> skipped) {

  public FixResult {
    applied = List.copyOf(applied);
    skipped = List.copyOf(skipped);
  }
}
