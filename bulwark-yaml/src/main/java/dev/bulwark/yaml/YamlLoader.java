package dev.bulwark.yaml;

import dev.bulwark.core.text.WholeCodePointsReader;
import dev.bulwark.core.text.SourceText;
import dev.bulwark.core.text.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Loads YAML safely into a {@link YamlStream}: no object is ever constructed from a tag (only the
 * tree), and hostile input ends in one {@link YamlException} in bounded time and memory: the text's
 * size, the number of nodes, the nodes aliases expand to (each use of {@code *a} counts its whole
 * subtree again) and the nesting depth are capped, and duplicate keys, tabs and non-YAML are errors.
 *
 * <p>The tree is built from snakeyaml-engine's event stream rather than its Composer: the Composer
 * recurses once per nesting level (a 100,000-deep {@code [[[…} overflows the stack), the event
 * parser keeps its own stack, and the depth cap stops it early. Every event carries its marks, so
 * every node keeps its span. Merge keys ({@code <<: *base}) are applied as Kubernetes' and Compose's
 * YAML libraries apply them.
 */
public final class YamlLoader {

  /** The bounds a load stays within. */
  public record Limits(int maxChars, int maxNodes, int maxAliasNodes, int maxDepth) {
    /** 16 MiB of text (the API server takes 3 MiB per object), 1,000,000 nodes, 100,000 through aliases, 256 deep. */
    public static final Limits DEFAULT = new Limits(16 << 20, 1_000_000, 100_000, 256);
  }

  private YamlLoader() {}

  public static YamlStream load(String path, String text) throws YamlException {
    return load(path, text, Limits.DEFAULT);
  }

  public static YamlStream load(String path, String text, Limits limits) throws YamlException {
    if (text.length() > limits.maxChars()) {
      throw new YamlException(path, 1, 1, "the file is larger than " + (limits.maxChars() >> 20) + " MiB of text");
    }
    SourceText source = new SourceText(text);
    Builder b = new Builder(path, text, source, limits);
    LoadSettings settings = LoadSettings.builder().setLabel(path).setCodePointLimit(Math.max(limits.maxChars(), 1))
        .setAllowDuplicateKeys(true) // we check them ourselves, with both positions
        .build();
    try {
      for (Event e : new Parse(settings).parseReader(new WholeCodePointsReader(text))) {
        b.accept(e);
      }
    } catch (MarkedYamlEngineException e) {
      Mark m = e.getProblemMark().orElse(e.getContextMark().orElse(null));
      throw b.error(m == null ? 0 : m.getIndex(), reason(e.getProblem() != null ? e.getProblem() : e.getMessage()));
    } catch (ReaderException e) {
      throw b.error(e.getPosition(), "character U+" + String.format("%04X", e.getCodePoint()) + " is not allowed in YAML (not a text file?)");
    } catch (YamlEngineException e) {
      throw new YamlException(path, 1, 1, reason(String.valueOf(e.getMessage())));
    } catch (IndexOutOfBoundsException e) {
      // snakeyaml-engine's own reader failing; WholeCodePointsReader avoids the case known to cause it
      throw new YamlException(path, 1, 1, "the YAML reader failed on this text (not YAML as Bulwark can read it)");
    }
    return new YamlStream(path, source, b.documents);
  }

  /** snakeyaml's problem, on one line, with the tab case said plainly. */
  private static String reason(String problem) {
    String p = problem.replaceAll("\\s+", " ").strip();
    if (p.contains("'\\t'") || p.contains("\\t(TAB)")) {
      return "a tab character where YAML needs spaces (indentation must use spaces): " + p;
    }
    return p;
  }

  /** A collection being built: its items (key, value, key, value… for a mapping), and what it was opened with. */
  private static final class Frame {
    final boolean mapping;
    final boolean flow;
    final int start;
    final String anchor;
    final String tag;
    final List<YamlNode> items = new ArrayList<>();
    Map<String, YamlScalar> keys; // mappings: the written keys, for duplicates
    List<YamlNode> merges; // mappings: the values of << keys
    int size = 1; // this node and every node under it, aliases expanded

    Frame(boolean mapping, boolean flow, int start, String anchor, String tag) {
      this.mapping = mapping;
      this.flow = flow;
      this.start = start;
      this.anchor = anchor;
      this.tag = tag;
      if (mapping) {
        keys = new HashMap<>();
      }
    }

    boolean expectsKey() {
      return mapping && items.size() % 2 == 0;
    }
  }

  private static final class Builder {
    final String path;
    final String text;
    final SourceText source;
    final Limits limits;
    final int[] charOfCodePoint; // null when every code point is one char
    final List<YamlDocument> documents = new ArrayList<>();
    final List<Frame> stack = new ArrayList<>();
    final Map<String, YamlNode> anchors = new HashMap<>();
    final Set<String> open = new HashSet<>(); // anchors whose collection is not finished: an alias to one recurses
    final IdentityHashMap<YamlNode, Integer> sizes = new IdentityHashMap<>(); // anchored nodes: their expanded size
    int documentStart;
    YamlNode root;
    long nodes;
    long aliasNodes;

    Builder(String path, String text, SourceText source, Limits limits) {
      this.path = path;
      this.text = text;
      this.source = source;
      this.limits = limits;
      this.charOfCodePoint = text.length() == text.codePointCount(0, text.length()) ? null : codePointOffsets(text);
    }

    private static int[] codePointOffsets(String text) {
      int[] out = new int[text.codePointCount(0, text.length()) + 1];
      int cp = 0;
      for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
        out[cp++] = i;
      }
      out[cp] = text.length();
      return out;
    }

    int offset(Optional<Mark> mark) {
      return mark.isPresent() ? offset(mark.get().getIndex()) : 0;
    }

    int offset(int codePointIndex) {
      int i = Math.max(0, codePointIndex);
      if (charOfCodePoint == null) {
        return Math.min(i, text.length());
      }
      return charOfCodePoint[Math.min(i, charOfCodePoint.length - 1)];
    }

    YamlException error(int codePointIndex, String reason) {
      Span s = source.span(offset(codePointIndex), offset(codePointIndex));
      return new YamlException(path, s.startLine(), s.startColumn(), reason);
    }

    YamlException errorAt(Span s, String reason) {
      return new YamlException(path, s.startLine(), s.startColumn(), reason);
    }

    void accept(Event e) throws YamlException {
      switch (e.getEventId()) {
        case DocumentStart -> {
          documentStart = offset(e.getStartMark());
          anchors.clear();
          sizes.clear();
          root = null;
        }
        case DocumentEnd -> {
          YamlNode r = root instanceof YamlScalar s && s.isNull() && s.tag() == null ? null : root;
          int end = Math.max(offset(e.getEndMark()), r == null ? documentStart : r.span().endOffset());
          documents.add(new YamlDocument(r, documents.size(), source.span(documentStart, Math.max(documentStart, end))));
        }
        case Scalar -> {
          ScalarEvent s = (ScalarEvent) e;
          count(1);
          Span span = source.span(offset(e.getStartMark()), offset(e.getEndMark()));
          String tag = s.getTag().orElse(null);
          if (tag != null && tag.equals("!") ) {
            tag = null; // the non-specific tag: "a string", which quoting says already
          }
          add(new YamlScalar(s.getValue(), s.isPlain() && tag == null, tag, span), anchorOf(s), 1);
        }
        case Alias -> alias((AliasEvent) e);
        case SequenceStart, MappingStart -> {
          CollectionStartEvent c = (CollectionStartEvent) e;
          if (stack.size() + 1 > limits.maxDepth()) {
            throw error(c.getStartMark().map(Mark::getIndex).orElse(0), "nested more than " + limits.maxDepth() + " levels deep");
          }
          count(1);
          String anchor = anchorOf(c);
          if (anchor != null) {
            open.add(anchor);
          }
          stack.add(new Frame(e.getEventId() == Event.ID.MappingStart, c.isFlow(), offset(e.getStartMark()), anchor, c.getTag().orElse(null)));
        }
        case SequenceEnd, MappingEnd -> close(offset(e.getEndMark()));
        default -> { } // stream start/end, comments
      }
    }

    private static String anchorOf(NodeEvent e) {
      return e.getAnchor().map(Anchor::getValue).orElse(null);
    }

    private void count(int n) throws YamlException {
      nodes += n;
      if (nodes > limits.maxNodes()) {
        throw new YamlException(path, 1, 1, "more than " + limits.maxNodes() + " YAML nodes");
      }
    }

    private void alias(AliasEvent a) throws YamlException {
      String name = a.getAlias().getValue();
      Span span = source.span(offset(a.getStartMark()), offset(a.getEndMark()));
      if (open.contains(name)) {
        throw errorAt(span, "alias *" + name + " refers to the collection it is in (a recursive structure)");
      }
      YamlNode target = anchors.get(name);
      if (target == null) {
        throw errorAt(span, "alias *" + name + " has no anchor &" + name + " before it");
      }
      int size = sizes.getOrDefault(target, 1);
      aliasNodes += size;
      if (aliasNodes > limits.maxAliasNodes()) {
        throw errorAt(span, "aliases expand to more than " + limits.maxAliasNodes() + " nodes (an alias bomb?)");
      }
      add(target, null, size);
    }

    private void close(int endOffset) throws YamlException {
      Frame f = stack.remove(stack.size() - 1);
      // a flow collection ends at its bracket; a block one where its last item ends (its end mark is the next token's start)
      int end = Math.max(f.start, f.flow || f.items.isEmpty() ? endOffset : f.items.get(f.items.size() - 1).span().endOffset());
      Span span = source.span(f.start, end);
      YamlNode node;
      if (f.mapping) {
        List<YamlMapping.Entry> entries = new ArrayList<>(f.items.size() / 2);
        for (int i = 0; i + 1 < f.items.size(); i += 2) {
          entries.add(new YamlMapping.Entry((YamlScalar) f.items.get(i), f.items.get(i + 1)));
        }
        if (f.merges != null) {
          merge(entries, f);
        }
        node = new YamlMapping(entries, f.tag, span);
      } else {
        node = new YamlSequence(f.items, f.tag, span);
      }
      if (f.anchor != null) {
        open.remove(f.anchor);
      }
      add(node, f.anchor, f.size);
    }

    /** {@code <<: *base} or {@code <<: [*a, *b]}: keys not written here come from the merged mappings, earlier ones first. */
    private void merge(List<YamlMapping.Entry> entries, Frame f) throws YamlException {
      Set<String> have = new HashSet<>(f.keys.keySet());
      for (YamlNode m : f.merges) {
        List<YamlNode> sources = m instanceof YamlSequence s ? s.items() : List.of(m);
        for (YamlNode src : sources) {
          if (!(src instanceof YamlMapping sm)) {
            throw errorAt(src.span(), "a merge key (<<) must name a mapping or a list of mappings");
          }
          for (YamlMapping.Entry e : sm.entries()) {
            if (have.add(e.key().value())) {
              entries.add(e);
            }
          }
        }
      }
    }

    private void add(YamlNode node, String anchor, int size) throws YamlException {
      if (anchor != null) {
        anchors.put(anchor, node);
        sizes.put(node, size);
      }
      if (stack.isEmpty()) {
        root = node;
        return;
      }
      Frame parent = stack.get(stack.size() - 1);
      parent.size += size;
      if (parent.expectsKey()) {
        if (!(node instanceof YamlScalar key)) {
          throw errorAt(node.span(), "a mapping key must be a plain value, not a " + (node instanceof YamlMapping ? "mapping" : "list"));
        }
        if (key.plain() && key.value().equals("<<")) {
          parent.items.add(key);
          return; // its value is recorded as a merge when it comes
        }
        YamlScalar first = parent.keys.putIfAbsent(key.value(), key);
        if (first != null) {
          throw errorAt(key.span(), "duplicate key '" + key.value() + "' (first at line " + first.span().startLine() + ")");
        }
        parent.items.add(key);
        return;
      }
      if (parent.mapping) {
        YamlScalar key = (YamlScalar) parent.items.get(parent.items.size() - 1);
        if (key.plain() && key.value().equals("<<") && !parent.keys.containsKey("<<")) {
          parent.items.remove(parent.items.size() - 1);
          if (parent.merges == null) {
            parent.merges = new ArrayList<>();
          }
          parent.merges.add(node);
          return;
        }
      }
      parent.items.add(node);
    }
  }
}
