package dev.bulwark.core;

import dev.bulwark.core.text.Span;
import java.util.Comparator;

/**
 * Where a finding is, in the terms of its target. The target itself (a Dockerfile's path, an
 * image reference) is named by the report the finding belongs to; a location says where inside it.
 */
public sealed interface Location {

  /**
   * A range of a text target: a Dockerfile, a .dockerignore, a YAML file. {@code file} is null when
   * the range is in the target itself, else the path of the other file it is in (a Compose project's
   * override file or {@code extends} target, whose nodes the merged model of one file holds).
   */
  record Text(Span span, String file) implements Location {
    public Text(Span span) {
      this(span, null);
    }
  }

  /** A field of an image's config ({@code User}, {@code Env}, {@code ExposedPorts}, {@code history}…), or the whole config. */
  record ImageConfig(String field) implements Location {}

  /**
   * A file of an image's filesystem: the index of the layer that last wrote it (0 = bottom), that
   * layer's uncompressed digest when the manifest gives one (null otherwise), and its path without a
   * leading slash.
   */
  record LayerFile(int layer, String diffId, String path) implements Location {}

  /** A package of a software bill of materials, by purl, with the file that records it (may be null). */
  record Package(String purl, String path) implements Location {}

  /**
   * The order reports list findings in: text findings by position; image and package findings
   * compare equal (a config field or a file path is no position to read in order), so the finding
   * order ({@link Finding#ORDER}) falls through to severity for them.
   */
  Comparator<Location> ORDER = new Order();

  /** {@link #ORDER}, written out: comparator chains are lambdas spun at run time, which start-up pays for. */
  final class Order implements Comparator<Location> {
    private Order() {}

    @Override
    public int compare(Location a, Location b) {
      int c = Integer.compare(kindOrder(a), kindOrder(b));
      if (c != 0 || !(a instanceof Text ta) || !(b instanceof Text tb)) {
        return c;
      }
      c = Integer.compare(ta.span().startLine(), tb.span().startLine());
      return c != 0 ? c : Integer.compare(ta.span().startColumn(), tb.span().startColumn());
    }
  }

  private static int kindOrder(Location l) {
    // instanceof, not a pattern switch: the switch's bootstrap generates classes at run time, which
    // is measurable in a 100 ms one-file scan
    return l instanceof Text ? 0 : l instanceof Package ? 2 : 1;
  }

}
