package dev.bulwark.dockerfile.syntax;

import dev.bulwark.core.text.SourceText;
import dev.bulwark.core.text.Span;

import dev.bulwark.dockerfile.expand.ExpansionException;
import dev.bulwark.dockerfile.expand.WordProcessor;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Dockerfile text into a lossless {@link Dockerfile} tree, deciding everything the way
 * BuildKit's {@code frontend/dockerfile/parser} does: parser directives only at the top,
 * comments dropped inside continuations, the escape token's continuation rule, heredocs on
 * RUN/COPY/ADD, JSON vs shell form and instruction flags.
 *
 * <p>It never throws on input: anything BuildKit would reject becomes an error
 * {@link Diagnostic} and the tree is kept as far as it could be read.
 */
public final class DockerfileParser {
  private static final Pattern DIRECTIVE = Pattern.compile("^#[\\t\\n\\f\\r ]*([a-zA-Z][a-zA-Z0-9]*)[\\t\\n\\f\\r ]*=[\\t\\n\\f\\r ]*(.+?)[\\t\\n\\f\\r ]*$");
  private static final Pattern HEREDOC = Pattern.compile("^(\\d*)<<(-?)([^<]*)$");
  private static final Set<String> VALID_DIRECTIVES = Set.of("syntax", "escape", "check");
  private static final Set<String> HEREDOC_COMMANDS = Set.of("add", "copy", "run");
  /** ONBUILD wrapping ONBUILD is refused by BuildKit anyway; this bounds the recursion. */
  private static final int MAX_ONBUILD_NESTING = 8;

  private DockerfileParser() {}

  /** Decodes UTF-8 (a BOM is kept as text so printing reproduces it) and parses. */
  public static Dockerfile parse(byte[] bytes) {
    List<Diagnostic> pre = new ArrayList<>();
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      text = new String(bytes, StandardCharsets.UTF_8);
      pre.add(Diagnostic.warning("file is not valid UTF-8; invalid bytes were replaced with U+FFFD", Span.START));
    }
    return parse(text, pre);
  }

  public static Dockerfile parse(String text) {
    return parse(text, List.of());
  }

  private static Dockerfile parse(String text, List<Diagnostic> pre) {
    Run run = new Run(new SourceText(text));
    run.diagnostics.addAll(pre);
    if (text.indexOf('\0') >= 0) {
      run.diagnostics.add(Diagnostic.error("file contains NUL bytes; it does not look like a Dockerfile", Span.START));
    }
    run.parse();
    List<Instruction> instructions = new ArrayList<>();
    for (Element e : run.elements) {
      if (e instanceof Instruction i) {
        instructions.add(i);
      }
    }
    return new Dockerfile(run.src, List.copyOf(run.elements), List.copyOf(instructions), List.copyOf(run.directives), run.escape,
        List.copyOf(run.diagnostics));
  }

  /** The state of one parse. */
  private static final class Run {
    final SourceText src;
    final List<Element> elements = new ArrayList<>();
    final List<Directive> directives = new ArrayList<>();
    final List<Diagnostic> diagnostics = new ArrayList<>();
    final Set<String> seenDirectives = new HashSet<>();
    char escape = '\\';
    boolean directivesDone;
    boolean sawInstruction;

    Run(SourceText src) {
      this.src = src;
    }

    String line(int ln) {
      return src.text().substring(src.lineStart(ln), src.lineEnd(ln));
    }

    void parse() {
      int n = src.lineCount();
      List<String> comments = new ArrayList<>();
      int ln = 1;
      while (ln <= n) {
        String raw = line(ln);
        int skip = 0;
        if (ln == 1 && raw.startsWith("\uFEFF")) {
          skip = 1;
        }
        String noNl = trimNewline(raw.substring(skip));
        boolean comment = isComment(noNl);
        if (comment) {
          String c = LineParsers.trimSpace(LineParsers.trimLeftSpace(noNl).substring(1));
          comments.add(c);
        }
        String tok = LineParsers.trimLeftSpace(noNl);
        int tokOffset = src.lineStart(ln) + skip + (noNl.length() - tok.length());
        boolean isDirective = directiveLine(tok, ln);
        String content = trimComment(tok);
        int first = ln;
        Continuation c = trimContinuation(content);
        if (c.eol && c.line.isEmpty()) {
          Trivia.Kind kind = isDirective ? Trivia.Kind.DIRECTIVE : comment ? Trivia.Kind.COMMENT : Trivia.Kind.BLANK;
          elements.add(new Trivia(kind, raw, src.span(src.lineStart(ln), src.lineEnd(ln))));
          ln++;
          continue;
        }
        LogicalLine.Builder logical = new LogicalLine.Builder();
        logical.append(c.line, tokOffset);
        boolean eol = c.eol;
        boolean emptyContinuation = false;
        ln++;
        while (!eol && ln <= n) {
          String r = line(ln);
          String nn = trimNewline(r);
          directiveLine(nn, ln);
          int lineStart = src.lineStart(ln);
          ln++;
          if (isComment(nn)) {
            continue;
          }
          if (LineParsers.trimLeftSpace(nn).isEmpty()) {
            emptyContinuation = true;
            continue;
          }
          Continuation cc = trimContinuation(trimComment(nn));
          logical.append(cc.line, lineStart);
          eol = cc.eol;
        }
        int last = ln - 1;
        LogicalLine ll = logical.build();
        Span lineSpan = src.span(tokOffset, src.lines(first, last).endOffset());
        if (emptyContinuation) {
          diagnostics.add(Diagnostic.warning("Empty continuation line found in: " + abbreviate(ll.text()), lineSpan));
        }
        Node node;
        try {
          node = nodeFromLine(ll.text(), 0, 0);
        } catch (LineParsers.LineError e) {
          diagnostics.add(Diagnostic.error(e.getMessage(), lineSpan));
          LineParsers.Split split = LineParsers.splitCommand(ll.text());
          node = new Node(split.command(), split.flags(), split.flagRanges(), List.of(), List.of(), false, null, split.rest(),
              split.restOffset());
        }
        List<Heredoc> heredocs = new ArrayList<>();
        if (canContainHeredoc(node)) {
          ln = readHeredocs(ll.text(), ln, heredocs, lineSpan);
          last = ln - 1;
        }
        Span extent = src.span(src.lineStart(first), src.lineEnd(last));
        Span span = src.span(tokOffset, src.lines(first, last).endOffset());
        elements.add(toInstruction(node, heredocs, List.copyOf(comments), ll, span, extent));
        sawInstruction = true;
        comments.clear();
      }
      if (!sawInstruction) {
        diagnostics.add(Diagnostic.error("file with no instructions", src.lineCount() == 0 ? Span.START : src.lines(1, src.lineCount())));
      }
    }

    Instruction toInstruction(Node node, List<Heredoc> heredocs, List<String> comments, LogicalLine ll, Span span, Span extent) {
      SourceMap map = ll.map(src);
      // ONBUILD's trigger starts at its own keyword: findings about the trigger point inside it
      Span childSpan = node.child == null ? null : src.span(map.span(node.restOffset, node.restOffset + 1).startOffset(), span.endOffset());
      Instruction child = node.child == null ? null : toInstruction(node.child, List.of(), List.of(), ll, childSpan, childSpan);
      List<Flag> flags = new ArrayList<>(node.flags.size());
      for (int i = 0; i < node.flags.size(); i++) {
        flags.add(Flag.parse(node.flags.get(i), spanOf(map, node.flagRanges.get(i))));
      }
      List<Span> argSpans = new ArrayList<>(node.argRanges.size());
      for (LineParsers.Range r : node.argRanges) {
        argSpans.add(spanOf(map, r));
      }
      return new Instruction(node.keyword, node.keyword.toLowerCase(Locale.ROOT), List.copyOf(flags), node.args, List.copyOf(argSpans), node.json,
          child, node.rest, node.restOffset, List.copyOf(heredocs), comments, ll, span, extent, src);
    }

    private static Span spanOf(SourceMap map, LineParsers.Range r) {
      return map.span(r.start(), r.end());
    }

    /** Reads heredoc bodies after the instruction line; returns the next unread line. */
    int readHeredocs(String logical, int ln, List<Heredoc> out, Span lineSpan) {
      List<HeredocHeader> headers;
      try {
        headers = heredocsFromLine(logical);
      } catch (ExpansionException e) {
        diagnostics.add(Diagnostic.error(e.getMessage(), lineSpan));
        return ln;
      }
      for (HeredocHeader h : headers) {
        StringBuilder content = new StringBuilder();
        boolean terminated = false;
        int bodyStart = ln;
        while (ln <= src.lineCount()) {
          String raw = line(ln);
          ln++;
          String candidate = trimNewline(raw);
          if (h.chomp) {
            int i = 0;
            while (i < candidate.length() && candidate.charAt(i) == '\t') {
              i++;
            }
            candidate = candidate.substring(i);
          }
          if (candidate.equals(h.name)) {
            terminated = true;
            break;
          }
          content.append(raw);
        }
        Span body = bodyStart <= src.lineCount() ? src.lines(bodyStart, Math.max(bodyStart, ln - 1)) : lineSpan;
        if (!terminated) {
          diagnostics.add(Diagnostic.error("unterminated heredoc " + h.name, src.span(lineSpan.startOffset(), src.text().length())));
        }
        out.add(new Heredoc(h.name, h.fd, h.expand, h.chomp, content.toString(), body));
      }
      return ln;
    }

    boolean directiveLine(String line, int ln) {
      if (directivesDone) {
        return false;
      }
      Matcher m = DIRECTIVE.matcher(line);
      if (!m.matches()) {
        directivesDone = true;
        return false;
      }
      String key = m.group(1).toLowerCase(Locale.ROOT);
      if (!VALID_DIRECTIVES.contains(key)) {
        directivesDone = true;
        return false;
      }
      Span span = src.lines(ln, ln);
      if (!seenDirectives.add(key)) {
        // BuildKit refuses the file; the first occurrence stays in force for the best-effort tree.
        diagnostics.add(Diagnostic.error("only one " + key + " parser directive can be used", span));
        return true;
      }
      String value = m.group(2);
      directives.add(new Directive(key, value, span));
      if (key.equals("escape")) {
        if (value.equals("`") || value.equals("\\")) {
          escape = value.charAt(0);
        } else {
          diagnostics.add(Diagnostic.error("invalid escape token '" + value + "' does not match ` or \\", span));
        }
      }
      return true;
    }

    record Continuation(String line, boolean eol) {}

    /** BuildKit's rule: a trailing escape token (then blanks) continues, unless it is itself escaped. */
    Continuation trimContinuation(String line) {
      int end = line.length();
      while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
        end--;
      }
      if (end == 0 || line.charAt(end - 1) != escape) {
        return new Continuation(line, true);
      }
      int tokenAt = end - 1;
      if (tokenAt == 0) {
        return new Continuation("", false);
      }
      if (line.charAt(tokenAt - 1) == escape) {
        return new Continuation(line, true);
      }
      return new Continuation(line.substring(0, tokenAt), false);
    }

    /** {@code base} is where {@code line} starts in the logical line (ONBUILD's trigger starts after the keyword). */
    Node nodeFromLine(String line, int base, int nesting) throws LineParsers.LineError {
      LineParsers.Split split = LineParsers.splitCommand(line);
      String cmd = split.command().toLowerCase(Locale.ROOT);
      String rest = split.rest();
      int restAt = base + split.restOffset();
      LineParsers.Parsed parsed;
      Node child = null;
      switch (cmd) {
        case "add", "copy", "volume" -> parsed = LineParsers.parseMaybeJsonToList(rest);
        case "arg" -> parsed = LineParsers.parseNameOrNameVal(rest, escape);
        case "cmd", "entrypoint", "run", "shell" -> parsed = LineParsers.parseMaybeJson(rest);
        case "env" -> parsed = LineParsers.parseNameVal(rest, "ENV", escape);
        case "label" -> parsed = LineParsers.parseNameVal(rest, "LABEL", escape);
        case "expose", "from" -> parsed = LineParsers.parseStringsWhitespaceDelimited(rest);
        case "healthcheck" -> parsed = LineParsers.parseHealthConfig(rest);
        case "maintainer", "stopsignal", "user", "workdir" -> parsed = LineParsers.parseString(rest);
        case "onbuild" -> {
          parsed = LineParsers.Parsed.EMPTY;
          if (!rest.isEmpty()) {
            if (nesting >= MAX_ONBUILD_NESTING) {
              throw new LineParsers.LineError("ONBUILD nested more than " + MAX_ONBUILD_NESTING + " levels");
            }
            child = nodeFromLine(rest, restAt, nesting + 1);
          }
        }
        default -> parsed = new LineParsers.Parsed(List.of(""), false, List.of(new LineParsers.Range(0, 0)));
      }
      return new Node(split.command(), split.flags(), LineParsers.Range.shiftAll(split.flagRanges(), base), parsed.args(),
          LineParsers.Range.shiftAll(parsed.ranges(), restAt), parsed.json(), child, rest, restAt);
    }

    boolean canContainHeredoc(Node node) {
      Node n = node;
      if (n.keyword.equalsIgnoreCase("onbuild") && n.child != null) {
        n = n.child;
      }
      return HEREDOC_COMMANDS.contains(n.keyword.toLowerCase(Locale.ROOT)) && !n.json;
    }
  }

  /**
   * What the line parser made of one logical line, before it becomes an {@link Instruction};
   * ranges are logical-line offsets.
   */
  private record Node(String keyword, List<String> flags, List<LineParsers.Range> flagRanges, List<String> args,
      List<LineParsers.Range> argRanges, boolean json, Node child, String rest, int restOffset) {}

  private record HeredocHeader(String name, int fd, boolean expand, boolean chomp) {}

  /** Finds {@code <<EOF}-style words on the instruction line, as BuildKit does with its lexer. */
  static List<HeredocHeader> heredocsFromLine(String line) throws ExpansionException {
    // A header word holds "<<", and the words below only keep or drop the line's characters (raw
    // quotes and escapes, no variables): a line with fewer than two '<' has none. Most RUN lines.
    int lt = line.indexOf('<');
    if (lt < 0 || line.indexOf('<', lt + 1) < 0) {
      return List.of();
    }
    List<String> words;
    try {
      words = new WordProcessor('\\').rawQuotes(true).rawEscapes(true).skipUnsetEnv(true).words(line, Map.of());
    } catch (ExpansionException e) {
      // BuildKit ignores lexing errors here: such a line simply has no heredocs.
      return List.of();
    }
    List<HeredocHeader> out = new ArrayList<>();
    for (String w : words) {
      Matcher m = HEREDOC.matcher(w);
      if (!m.matches()) {
        continue;
      }
      String rest = m.group(3);
      if (rest.isEmpty()) {
        continue;
      }
      List<String> plain = new WordProcessor('\\').skipUnsetEnv(true).words(rest, Map.of());
      if (plain.size() != 1) {
        continue;
      }
      List<String> raw = new WordProcessor('\\').skipUnsetEnv(true).rawQuotes(true).words(rest, Map.of());
      if (raw.size() != plain.size()) {
        throw new ExpansionException("internal lexing of heredoc produced inconsistent results: " + rest);
      }
      boolean expand = quoteCount(plain.get(0)) == quoteCount(raw.get(0));
      int fd = 0;
      if (!m.group(1).isEmpty()) {
        try {
          fd = Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
          fd = 0;
        }
      }
      out.add(new HeredocHeader(plain.get(0), fd, expand, m.group(2).equals("-")));
    }
    return out;
  }

  private static int quoteCount(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\'' || s.charAt(i) == '"') {
        n++;
      }
    }
    return n;
  }

  static String trimNewline(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
      end--;
    }
    return s.substring(0, end);
  }

  static boolean isComment(String lineWithoutNewline) {
    String t = LineParsers.trimLeftSpace(lineWithoutNewline);
    return !t.isEmpty() && t.charAt(0) == '#';
  }

  private static String trimComment(String s) {
    return !s.isEmpty() && s.charAt(0) == '#' ? "" : s;
  }

  private static String abbreviate(String s) {
    return s.length() > 120 ? s.substring(0, 117) + "..." : s;
  }
}
