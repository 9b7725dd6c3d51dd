package dev.bulwark.dockerfile.syntax;

import dev.bulwark.core.text.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The map of a text glued from pieces that each have their own map (a RUN line followed by its
 * heredoc bodies, an exec form's elements joined into one command line).
 */
public final class JoinedMap implements SourceMap {
  private final int[] starts;
  private final SourceMap[] maps;

  private JoinedMap(int[] starts, SourceMap[] maps) {
    this.starts = starts;
    this.maps = maps;
  }

  @Override
  public Span span(int start, int end) {
    int first = piece(start);
    int last = end > start ? piece(end - 1) : first;
    if (first == last) {
      return maps[first].span(start - starts[first], end - starts[first]);
    }
    Span head = maps[first].span(start - starts[first], start - starts[first] + 1);
    return head.to(maps[last].span(0, end - starts[last]));
  }

  private int piece(int offset) {
    int i = Arrays.binarySearch(starts, offset);
    return Math.max(0, i >= 0 ? i : -i - 2);
  }

  /** Appends pieces in text order. */
  public static final class Builder {
    private final List<SourceMap> maps = new ArrayList<>();
    private final List<Integer> starts = new ArrayList<>();
    private int length;

    /** The next {@code pieceLength} chars of the text are described by {@code map}. */
    public Builder add(int pieceLength, SourceMap map) {
      starts.add(length);
      maps.add(map);
      length += pieceLength;
      return this;
    }

    public SourceMap build() {
      if (maps.isEmpty()) {
        return SourceMap.NONE;
      }
      return new JoinedMap(starts.stream().mapToInt(Integer::intValue).toArray(), maps.toArray(SourceMap[]::new));
    }
  }
}
