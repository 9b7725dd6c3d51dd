package dev.bulwark.dockerfile.shell;

import dev.bulwark.dockerfile.syntax.SourceMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A POSIX sh parser (with the common bash redirections) for RUN, CMD and ENTRYPOINT: words with
 * quoting and escapes, {@code && || ; | &}, subshells and groups, if/while/until/for/case,
 * functions, {@code $(...)}, backquotes, {@code $((...))}, redirections and here-documents.
 *
 * <p>Recursive descent with a nesting bound, so hostile input ends in a
 * {@link ShellSyntaxException}, never a stack overflow.
 */
public final class ShellParser {
  /** Deeper nesting of substitutions and compound commands is refused. */
  public static final int MAX_DEPTH = 100;

  /** Longest first, so that {@code <<-} is not read as {@code <<}. */
  private static final String[] REDIRECT_OPERATORS = {"&>>", "<<<", "<<-", "&>", ">>", ">|", "<>", "<&", ">&", "<<", "<", ">"};
  private static final Set<String> RESERVED =
      Set.of("if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until", "for", "{", "}", "!", "in");

  private final String src;
  private final SourceMap map;
  private int pos;
  private int depth;
  private final List<PendingHeredoc> pending = new ArrayList<>();

  private record PendingHeredoc(String delimiter, boolean stripTabs, Redirect.HeredocBody body) {}

  private ShellParser(String src, int depth, SourceMap map) {
    this.src = src;
    this.depth = depth;
    this.map = map;
  }

  /** Parses {@code script}; never throws. Words' spans are offsets in the script. */
  public static ShellParseResult parse(String script) {
    return parse(script, SourceMap.NONE);
  }

  /** Parses {@code script}, whose offsets {@code map} takes to the Dockerfile; never throws. */
  public static ShellParseResult parse(String script, SourceMap map) {
    ShellParser p = new ShellParser(script, 0, map);
    List<Script.Item> items = new ArrayList<>();
    try {
      Script s = p.list(items, Set.of(), false);
      if (p.pos < p.src.length()) {
        throw p.error("unexpected '" + p.src.charAt(p.pos) + "'");
      }
      return new ShellParseResult(s, null);
    } catch (ShellSyntaxException e) {
      return new ShellParseResult(new Script(List.copyOf(items)), e);
    }
  }

  private ShellSyntaxException error(String message) {
    return new ShellSyntaxException(message, pos);
  }

  private void enter() throws ShellSyntaxException {
    if (++depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH + " levels");
    }
  }

  // ---- lexical helpers ----

  private boolean eof() {
    return pos >= src.length();
  }

  private char peek() {
    return pos < src.length() ? src.charAt(pos) : '\0';
  }

  private char peek(int ahead) {
    return pos + ahead < src.length() ? src.charAt(pos + ahead) : '\0';
  }

  private boolean startsWith(String s) {
    return src.startsWith(s, pos);
  }

  /** Skips blanks, backslash-newline continuations and comments; stops at a newline. */
  private void skipBlanks() {
    while (!eof()) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else if (c == '\\' && peek(1) == '\n') {
        pos += 2;
      } else if (c == '#') {
        while (!eof() && peek() != '\n') {
          pos++;
        }
      } else {
        break;
      }
    }
  }

  /** Skips blanks and newlines (reading heredoc bodies due at each newline). */
  private void skipLinebreaks() throws ShellSyntaxException {
    while (true) {
      skipBlanks();
      if (peek() == '\n') {
        pos++;
        readPendingHeredocs();
      } else {
        return;
      }
    }
  }

  private static boolean isMeta(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '<'
        || c == '>';
  }

  /** The reserved word at the cursor, if an unquoted one stands there alone. */
  private String peekReserved() {
    skipBlanks();
    if (!mayStartReserved(peek())) {
      return null; // most words start with another character: skip the 16 comparisons
    }
    for (String r : RESERVED) {
      if (startsWith(r)) {
        char after = peek(r.length());
        if (pos + r.length() >= src.length() || isMeta(after)) {
          return r;
        }
      }
    }
    return null;
  }

  private static boolean mayStartReserved(char c) {
    return switch (c) {
      case 'i', 't', 'e', 'f', 'd', 'c', 'w', 'u', '{', '}', '!' -> true;
      default -> false;
    };
  }

  private void expectReserved(String word) throws ShellSyntaxException {
    skipLinebreaks();
    if (!word.equals(peekReserved())) {
      throw error("expected '" + word + "'");
    }
    pos += word.length();
  }

  // ---- grammar ----

  /**
   * A command list up to EOF, one of {@code stops} (reserved words) or, when {@code closeParen},
   * an unmatched {@code )}. Items go into {@code items} as they are read.
   */
  private Script list(List<Script.Item> items, Set<String> stops, boolean closeParen) throws ShellSyntaxException {
    while (true) {
      skipLinebreaks();
      if (eof()) {
        break;
      }
      char c = peek();
      if (c == ')' && closeParen) {
        break;
      }
      if (c == ';' && peek(1) == ';') {
        break;
      }
      String r = peekReserved();
      if (r != null && stops.contains(r)) {
        break;
      }
      Script.AndOr andOr = andOr();
      skipBlanks();
      boolean background = false;
      if (peek() == '&' && peek(1) != '&') {
        pos++;
        background = true;
      } else if (peek() == ';' && peek(1) != ';') {
        pos++;
      } else if (peek() == '\n') {
        pos++;
        readPendingHeredocs();
      } else if (!eof() && !(peek() == ')' && closeParen) && !(peek() == ';' && peek(1) == ';')) {
        String rr = peekReserved();
        if (rr == null || !stops.contains(rr)) {
          throw error("unexpected '" + peek() + "'");
        }
      }
      items.add(new Script.Item(andOr, background));
    }
    return new Script(List.copyOf(items));
  }

  private Script subList(Set<String> stops, boolean closeParen) throws ShellSyntaxException {
    enter();
    try {
      return list(new ArrayList<>(), stops, closeParen);
    } finally {
      depth--;
    }
  }

  private Script.AndOr andOr() throws ShellSyntaxException {
    List<Script.Pipeline> pipelines = new ArrayList<>();
    List<String> ops = new ArrayList<>();
    pipelines.add(pipeline());
    while (true) {
      skipBlanks();
      if (startsWith("&&") || startsWith("||")) {
        ops.add(src.substring(pos, pos + 2));
        pos += 2;
        skipLinebreaks();
        pipelines.add(pipeline());
      } else {
        return new Script.AndOr(List.copyOf(pipelines), List.copyOf(ops));
      }
    }
  }

  private Script.Pipeline pipeline() throws ShellSyntaxException {
    skipBlanks();
    boolean negated = false;
    if ("!".equals(peekReserved())) {
      pos++;
      negated = true;
    }
    List<ShellCommand> commands = new ArrayList<>();
    commands.add(command());
    while (true) {
      skipBlanks();
      if (peek() == '|' && peek(1) != '|') {
        pos++;
        if (peek() == '&') {
          pos++; // |& (bash): stderr too
        }
        skipLinebreaks();
        commands.add(command());
      } else {
        return new Script.Pipeline(negated, List.copyOf(commands));
      }
    }
  }

  private ShellCommand command() throws ShellSyntaxException {
    skipBlanks();
    if (eof()) {
      throw error("unexpected end of script: command expected");
    }
    String r = peekReserved();
    if (r != null) {
      switch (r) {
        case "if" -> {
          pos += 2;
          return ifClause();
        }
        case "while", "until" -> {
          pos += r.length();
          enter();
          try {
            Script cond = subList(Set.of("do"), false);
            expectReserved("do");
            Script body = subList(Set.of("done"), false);
            expectReserved("done");
            return new ShellCommand.Loop(r.equals("until"), cond, body, redirects());
          } finally {
            depth--;
          }
        }
        case "for" -> {
          pos += 3;
          return forClause();
        }
        case "case" -> {
          pos += 4;
          return caseClause();
        }
        case "{" -> {
          pos++;
          Script body = subList(Set.of("}"), false);
          expectReserved("}");
          return new ShellCommand.Group(body, redirects());
        }
        default -> throw error("unexpected '" + r + "'");
      }
    }
    if (peek() == '(') {
      pos++;
      Script body = subList(Set.of(), true);
      skipLinebreaks();
      if (peek() != ')') {
        throw error("expected ')'");
      }
      pos++;
      return new ShellCommand.Subshell(body, redirects());
    }
    return simpleCommand();
  }

  private ShellCommand ifClause() throws ShellSyntaxException {
    enter();
    try {
      List<Script> conds = new ArrayList<>();
      List<Script> bodies = new ArrayList<>();
      Script elseBody = null;
      conds.add(subList(Set.of("then"), false));
      expectReserved("then");
      bodies.add(subList(Set.of("elif", "else", "fi"), false));
      while (true) {
        skipLinebreaks();
        String r = peekReserved();
        if ("elif".equals(r)) {
          pos += 4;
          conds.add(subList(Set.of("then"), false));
          expectReserved("then");
          bodies.add(subList(Set.of("elif", "else", "fi"), false));
        } else if ("else".equals(r)) {
          pos += 4;
          elseBody = subList(Set.of("fi"), false);
          expectReserved("fi");
          break;
        } else {
          expectReserved("fi");
          break;
        }
      }
      return new ShellCommand.If(List.copyOf(conds), List.copyOf(bodies), elseBody, redirects());
    } finally {
      depth--;
    }
  }

  private ShellCommand forClause() throws ShellSyntaxException {
    enter();
    try {
      skipBlanks();
      Word name = word();
      if (name == null) {
        throw error("expected a variable name after 'for'");
      }
      List<Word> words = new ArrayList<>();
      skipLinebreaks();
      if ("in".equals(peekReserved())) {
        pos += 2;
        while (true) {
          skipBlanks();
          if (eof() || peek() == ';' || peek() == '\n') {
            break;
          }
          Word w = word();
          if (w == null) {
            throw error("unexpected '" + peek() + "' in for list");
          }
          words.add(w);
        }
      }
      skipBlanks();
      if (peek() == ';') {
        pos++;
      }
      expectReserved("do");
      Script body = subList(Set.of("done"), false);
      expectReserved("done");
      return new ShellCommand.For(name.value(), List.copyOf(words), body, redirects());
    } finally {
      depth--;
    }
  }

  private ShellCommand caseClause() throws ShellSyntaxException {
    enter();
    try {
      skipBlanks();
      Word subject = word();
      if (subject == null) {
        throw error("expected a word after 'case'");
      }
      expectReserved("in");
      List<ShellCommand.CaseItem> items = new ArrayList<>();
      while (true) {
        skipLinebreaks();
        if ("esac".equals(peekReserved())) {
          pos += 4;
          break;
        }
        if (eof()) {
          throw error("expected 'esac'");
        }
        if (peek() == '(') {
          pos++;
        }
        List<Word> patterns = new ArrayList<>();
        while (true) {
          skipBlanks();
          Word w = word();
          if (w == null) {
            throw error("expected a case pattern");
          }
          patterns.add(w);
          skipBlanks();
          if (peek() == '|') {
            pos++;
            continue;
          }
          if (peek() == ')') {
            pos++;
            break;
          }
          throw error("expected ')' after case pattern");
        }
        Script body = subList(Set.of("esac"), false);
        skipLinebreaks();
        if (startsWith(";;") || startsWith(";&")) {
          pos += 2;
        }
        items.add(new ShellCommand.CaseItem(List.copyOf(patterns), body));
      }
      return new ShellCommand.Case(subject, List.copyOf(items), redirects());
    } finally {
      depth--;
    }
  }

  private List<Redirect> redirects() throws ShellSyntaxException {
    List<Redirect> out = new ArrayList<>();
    while (true) {
      skipBlanks();
      Redirect r = redirect();
      if (r == null) {
        return List.copyOf(out);
      }
      out.add(r);
    }
  }

  private ShellCommand simpleCommand() throws ShellSyntaxException {
    int start = pos;
    List<SimpleCommand.Assignment> assignments = new ArrayList<>();
    List<Word> words = new ArrayList<>();
    List<Redirect> redirects = new ArrayList<>();
    while (true) {
      skipBlanks();
      if (eof()) {
        break;
      }
      Redirect r = redirect();
      if (r != null) {
        redirects.add(r);
        continue;
      }
      char c = peek();
      if (isMeta(c) && !((c == '<' || c == '>') && peek(1) == '(')) {
        if (c == '(' && words.size() == 1 && assignments.isEmpty() && redirects.isEmpty() && peekAfterParen()) {
          return function(words.getFirst());
        }
        break;
      }
      Word w = word();
      if (w == null) {
        break;
      }
      if (words.isEmpty()) {
        SimpleCommand.Assignment a = asAssignment(w);
        if (a != null) {
          assignments.add(a);
          continue;
        }
      }
      words.add(w);
    }
    if (words.isEmpty() && assignments.isEmpty() && redirects.isEmpty()) {
      throw error(eof() ? "unexpected end of script: command expected" : "unexpected '" + peek() + "'");
    }
    return new SimpleCommand(List.copyOf(assignments), List.copyOf(words), List.copyOf(redirects), start, pos, map);
  }

  private boolean peekAfterParen() {
    int p = pos + 1;
    while (p < src.length() && (src.charAt(p) == ' ' || src.charAt(p) == '\t')) {
      p++;
    }
    return p < src.length() && src.charAt(p) == ')';
  }

  private ShellCommand function(Word name) throws ShellSyntaxException {
    pos++;
    skipBlanks();
    pos++; // ')'
    skipLinebreaks();
    enter();
    try {
      return new ShellCommand.Function(name.value(), command());
    } finally {
      depth--;
    }
  }

  private SimpleCommand.Assignment asAssignment(Word w) {
    if (w.parts().isEmpty() || !(w.parts().getFirst() instanceof WordPart.Literal first) || first.quoted()) {
      return null;
    }
    String t = first.text();
    int eq = t.indexOf('=');
    if (eq <= 0) {
      return null;
    }
    String name = t.charAt(eq - 1) == '+' ? t.substring(0, eq - 1) : t.substring(0, eq);
    if (!isName(name)) {
      return null;
    }
    List<WordPart> valueParts = new ArrayList<>();
    String restFirst = t.substring(eq + 1);
    if (!restFirst.isEmpty()) {
      valueParts.add(new WordPart.Literal(restFirst, false));
    }
    valueParts.addAll(w.parts().subList(1, w.parts().size()));
    int rawEq = w.raw().indexOf('=');
    return new SimpleCommand.Assignment(name, new Word(w.raw().substring(rawEq + 1), List.copyOf(valueParts), w.start() + rawEq + 1, w.end(), map));
  }

  /** A redirection at the cursor, or null (cursor unchanged). */
  private Redirect redirect() throws ShellSyntaxException {
    int save = pos;
    int fd = -1;
    int p = pos;
    while (p < src.length() && Character.isDigit(src.charAt(p)) && p - pos < 4) {
      p++;
    }
    if (p > pos && p < src.length() && (src.charAt(p) == '<' || src.charAt(p) == '>')) {
      fd = Integer.parseInt(src.substring(pos, p));
      pos = p;
    }
    char first = peek();
    if (first != '<' && first != '>' && first != '&') {
      pos = save;
      return null; // no operator can start here
    }
    String op = null;
    for (String candidate : REDIRECT_OPERATORS) {
      if (startsWith(candidate)) {
        op = candidate;
        break;
      }
    }
    if (op == null || (fd >= 0 && op.startsWith("&")) || ((op.equals("<") || op.equals(">")) && peek(1) == '(')) {
      pos = save;
      return null;
    }
    pos += op.length();
    skipBlanks();
    Word target = word();
    if (target == null) {
      throw error("missing target after redirection '" + op + "'");
    }
    Redirect.HeredocBody body = null;
    if (op.equals("<<") || op.equals("<<-")) {
      body = new Redirect.HeredocBody(target.hasQuotes());
      pending.add(new PendingHeredoc(target.value(), op.equals("<<-"), body));
    }
    return new Redirect(fd, op, target, body);
  }

  /** After a newline: the bodies of here-documents opened on the line just ended. */
  private void readPendingHeredocs() throws ShellSyntaxException {
    if (pending.isEmpty()) {
      return;
    }
    List<PendingHeredoc> due = List.copyOf(pending);
    pending.clear();
    for (PendingHeredoc h : due) {
      StringBuilder body = new StringBuilder();
      boolean closed = false;
      while (!eof()) {
        int nl = src.indexOf('\n', pos);
        int end = nl < 0 ? src.length() : nl;
        String line = src.substring(pos, end);
        pos = nl < 0 ? src.length() : nl + 1;
        String check = h.stripTabs() ? line.replaceFirst("^\\t+", "") : line;
        if (check.equals(h.delimiter()) || check.equals(h.delimiter() + "\r")) {
          closed = true;
          break;
        }
        body.append(h.stripTabs() ? check : line).append('\n');
      }
      h.body().set(body.toString());
      if (!closed) {
        throw error("here-document delimited by '" + h.delimiter() + "' is not closed");
      }
    }
  }

  // ---- words ----

  /** Reads one word at the cursor, or returns null when a metacharacter stands there. */
  private Word word() throws ShellSyntaxException {
    int start = pos;
    if ((peek() == '<' || peek() == '>') && peek(1) == '(') {
      // bash process substitution <(cmd): parsed like $(cmd)
      WordPart.CommandSubstitution sub = parenthesized("process substitution", false);
      return new Word(sub.text(), List.of(sub), start, pos, map);
    }
    Word plain = plainWord(start);
    if (plain != null) {
      return plain;
    }
    List<WordPart> parts = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    while (!eof()) {
      char c = peek();
      if (isMeta(c)) {
        break;
      }
      switch (c) {
        case '\\' -> {
          if (peek(1) == '\n') {
            pos += 2;
            continue;
          }
          if (pos + 1 >= src.length()) {
            pos++;
            lit.append('\\');
            continue;
          }
          flush(parts, lit, false);
          parts.add(new WordPart.Literal(String.valueOf(src.charAt(pos + 1)), true));
          pos += 2;
        }
        case '\'' -> {
          int close = src.indexOf('\'', pos + 1);
          if (close < 0) {
            throw error("unterminated single quote");
          }
          flush(parts, lit, false);
          parts.add(new WordPart.Literal(src.substring(pos + 1, close), true));
          pos = close + 1;
        }
        case '"' -> {
          flush(parts, lit, false);
          doubleQuoted(parts);
        }
        case '$' -> {
          WordPart e = dollar(false);
          if (e == null) {
            lit.append('$');
          } else {
            flush(parts, lit, false);
            parts.add(e);
          }
        }
        case '`' -> {
          flush(parts, lit, false);
          parts.add(backquote(false));
        }
        default -> {
          lit.append(c);
          pos++;
        }
      }
    }
    flush(parts, lit, false);
    if (pos == start) {
      return null;
    }
    return new Word(src.substring(start, pos), List.copyOf(merge(parts)), start, pos, map);
  }

  /**
   * Most words are plain text (no quote, escape, {@code $} or backquote): read them as one literal
   * without the character-by-character loop. Null when the word needs that loop (cursor unchanged).
   */
  private Word plainWord(int start) {
    int end = start;
    while (end < src.length()) {
      char c = src.charAt(end);
      if (isMeta(c)) {
        break;
      }
      if (c == '\\' || c == '\'' || c == '"' || c == '$' || c == '`') {
        return null;
      }
      end++;
    }
    if (end == start) {
      return null;
    }
    pos = end;
    String text = src.substring(start, end);
    return new Word(text, List.of(new WordPart.Literal(text, false)), start, end, map);
  }

  private static void flush(List<WordPart> parts, StringBuilder lit, boolean quoted) {
    if (!lit.isEmpty()) {
      parts.add(new WordPart.Literal(lit.toString(), quoted));
      lit.setLength(0);
    }
  }

  /** Joins adjacent literals of the same quotedness so values read simply. */
  private static List<WordPart> merge(List<WordPart> parts) {
    List<WordPart> out = new ArrayList<>(parts.size());
    for (WordPart p : parts) {
      if (p instanceof WordPart.Literal l && !out.isEmpty() && out.getLast() instanceof WordPart.Literal prev
          && prev.quoted() == l.quoted()) {
        out.set(out.size() - 1, new WordPart.Literal(prev.text() + l.text(), l.quoted()));
      } else {
        out.add(p);
      }
    }
    return out;
  }

  private void doubleQuoted(List<WordPart> parts) throws ShellSyntaxException {
    int open = pos;
    int partsBefore = parts.size();
    pos++;
    StringBuilder lit = new StringBuilder();
    while (true) {
      if (eof()) {
        pos = open;
        throw error("unterminated double quote");
      }
      char c = peek();
      if (c == '"') {
        pos++;
        break;
      }
      if (c == '\\') {
        char n = peek(1);
        if (n == '$' || n == '`' || n == '"' || n == '\\') {
          lit.append(n);
          pos += 2;
        } else if (n == '\n') {
          pos += 2;
        } else {
          lit.append('\\');
          pos++;
        }
      } else if (c == '$') {
        WordPart e = dollar(true);
        if (e == null) {
          lit.append('$');
        } else {
          flush(parts, lit, true);
          parts.add(e);
        }
      } else if (c == '`') {
        flush(parts, lit, true);
        parts.add(backquote(true));
      } else {
        lit.append(c);
        pos++;
      }
    }
    if (lit.isEmpty() && parts.size() == partsBefore) {
      parts.add(new WordPart.Literal("", true)); // "" is an empty argument, not nothing
    }
    flush(parts, lit, true);
  }

  /** A {@code $} expansion at the cursor, or null for a lone {@code $} (cursor moved past it). */
  private WordPart dollar(boolean quoted) throws ShellSyntaxException {
    int start = pos;
    char n = peek(1);
    if (n == '(' && peek(2) == '(') {
      int end = matchParens(pos + 1);
      if (end > 0 && src.charAt(end - 1) == ')') {
        pos = end + 1;
        return new WordPart.Arithmetic(src.substring(start, pos), quoted);
      }
    }
    if (n == '(') {
      return parenthesized("command substitution $(", quoted);
    }
    if (n == '{') {
      int p = pos + 2;
      int braces = 1;
      while (p < src.length() && braces > 0) {
        char c = src.charAt(p);
        if (c == '\\') {
          p += 2;
          continue;
        }
        if (c == '\'' && !quoted) {
          int close = src.indexOf('\'', p + 1);
          p = close < 0 ? src.length() : close + 1;
          continue;
        }
        if (c == '{') {
          braces++;
        } else if (c == '}') {
          braces--;
        }
        p++;
      }
      if (braces > 0) {
        throw error("unterminated parameter expansion ${");
      }
      pos = p;
      String text = src.substring(start, pos);
      int k = 2;
      if (k < text.length() && text.charAt(k) == '#' && text.length() > 4) {
        k++;
      }
      int e = k;
      while (e < text.length() && (Character.isLetterOrDigit(text.charAt(e)) || text.charAt(e) == '_')) {
        e++;
      }
      if (e == k && e < text.length()) {
        e++;
      }
      return new WordPart.Parameter(text, text.substring(k, Math.min(e, text.length() - 1)), quoted);
    }
    if (Character.isLetter(n) || n == '_') {
      int p = pos + 1;
      while (p < src.length() && (Character.isLetterOrDigit(src.charAt(p)) || src.charAt(p) == '_')) {
        p++;
      }
      pos = p;
      return new WordPart.Parameter(src.substring(start, p), src.substring(start + 1, p), quoted);
    }
    if (Character.isDigit(n) || "@*#?-$!".indexOf(n) >= 0 && n != '\0') {
      pos += 2;
      return new WordPart.Parameter(src.substring(start, pos), String.valueOf(n), quoted);
    }
    pos++;
    return null;
  }

  /** {@code $(...)} or {@code <(...)} at the cursor: a nested script up to the matching ')'. */
  private WordPart.CommandSubstitution parenthesized(String what, boolean quoted) throws ShellSyntaxException {
    int start = pos;
    pos += 2;
    enter();
    Script inner;
    try {
      inner = list(new ArrayList<>(), Set.of(), true);
    } finally {
      depth--;
    }
    skipLinebreaks();
    if (peek() != ')') {
      pos = start;
      throw error("unterminated " + what);
    }
    pos++;
    return new WordPart.CommandSubstitution(src.substring(start, pos), inner, quoted);
  }

  /** Offset of the ')' closing the '(' at {@code open}, or -1. */
  private int matchParens(int open) {
    int level = 0;
    for (int p = open; p < src.length(); p++) {
      char c = src.charAt(p);
      if (c == '\\') {
        p++;
      } else if (c == '(') {
        level++;
      } else if (c == ')') {
        level--;
        if (level == 0) {
          return p;
        }
      }
    }
    return -1;
  }

  private WordPart backquote(boolean quoted) throws ShellSyntaxException {
    int start = pos;
    pos++;
    StringBuilder inner = new StringBuilder();
    // where each char of the unescaped inner text is in this script, so its words keep their spans
    int[] at = new int[16];
    while (true) {
      if (eof()) {
        pos = start;
        throw error("unterminated backquote");
      }
      char c = peek();
      if (c == '`') {
        pos++;
        break;
      }
      if (inner.length() == at.length) {
        at = Arrays.copyOf(at, at.length * 2);
      }
      if (c == '\\' && (peek(1) == '`' || peek(1) == '\\' || peek(1) == '$')) {
        at[inner.length()] = pos + 1;
        inner.append(peek(1));
        pos += 2;
        continue;
      }
      at[inner.length()] = pos;
      inner.append(c);
      pos++;
    }
    ShellParser sub = new ShellParser(inner.toString(), depth + 1, map.through(Arrays.copyOf(at, inner.length())));
    if (sub.depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH + " levels");
    }
    Script script;
    try {
      script = sub.list(new ArrayList<>(), Set.of(), false);
    } catch (ShellSyntaxException e) {
      throw new ShellSyntaxException(e.getMessage() + " (inside backquotes)", start);
    }
    return new WordPart.CommandSubstitution(src.substring(start, pos), script, quoted);
  }

  /** A shell variable name, [A-Za-z_][A-Za-z0-9_]* (checked by hand: every word with '=' asks). */
  private static boolean isName(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
      if (!letter && (i == 0 || c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }
}
