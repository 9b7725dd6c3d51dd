package dev.bulwark.lint;

import dev.bulwark.core.Finding;
import dev.bulwark.core.fix.Edits;
import dev.bulwark.core.fix.Fix;
import dev.bulwark.core.fix.FixResult;
import dev.bulwark.dockerfile.syntax.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Applies the fixes of a Dockerfile's findings, as {@code bulwark fix} does: the wanted fixes that
 * do not overlap in one pass, then the text is linted again and the fixes it now offers are
 * applied, until nothing changes (at most {@link #MAX_PASSES} passes: a fix that another undoes
 * must not loop). A pass whose result no longer parses is dropped with everything after it.
 */
public final class DockerfileFixer {
  public static final int MAX_PASSES = 5;

  /** The fixed text and every fix applied, in the order applied. */
  public record Outcome(String text, List<Applied> applied) {
    public Outcome {
      applied = List.copyOf(applied);
    }

    public boolean changed() {
      return !applied.isEmpty();
    }
  }

  /** A fix applied, with the finding it fixed (its position in the text of its pass). */
  public record Applied(Finding finding, Fix fix) {}

  private final Predicate<Finding> wanted;
  private final Function<String, List<Finding>> relint;

  /**
   * {@code wanted} picks the findings to fix (rule, safety); {@code relint} lints a text of
   * the same file again, for passes after the first.
   */
  public DockerfileFixer(Predicate<Finding> wanted, Function<String, List<Finding>> relint) {
    this.wanted = wanted;
    this.relint = relint;
  }

  /** Fixes {@code text}, whose findings (from the real scan, with its config) are {@code findings}. */
  public Outcome fix(String text, List<Finding> findings) {
    List<Applied> applied = new ArrayList<>();
    String current = text;
    List<Finding> found = findings;
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      List<Fix> fixes = new ArrayList<>();
      List<Finding> owners = new ArrayList<>();
      for (Finding f : found) {
        if (f.fix().isPresent() && wanted.test(f)) {
          fixes.add(f.fix().get());
          owners.add(f);
        }
      }
      if (fixes.isEmpty()) {
        break;
      }
      FixResult result = Edits.applyFixes(current, fixes);
      if (result.text().equals(current) || refused(result.text())) {
        break;
      }
      for (Fix fix : result.applied()) {
        applied.add(new Applied(owners.get(indexOf(fixes, fix)), fix));
      }
      current = result.text();
      found = relint.apply(current);
    }
    return new Outcome(current, applied);
  }

  /** True when BuildKit would refuse {@code text} (a syntax error, or one the build model finds). */
  public static boolean refused(String text) {
    for (Diagnostic d : DockerfileTarget.parse("fixed", text).model().diagnostics()) {
      if (d.isError()) {
        return true;
      }
    }
    return false;
  }

  /** By identity: two findings may carry equal fixes. */
  private static int indexOf(List<Fix> fixes, Fix fix) {
    for (int i = 0; i < fixes.size(); i++) {
      if (fixes.get(i) == fix) {
        return i;
      }
    }
    return -1;
  }
}
