package dev.bulwark.dockerfile.model;

import dev.bulwark.core.text.Span;
import dev.bulwark.dockerfile.expand.ExpansionException;
import dev.bulwark.dockerfile.expand.WordProcessor;
import dev.bulwark.dockerfile.syntax.Diagnostic;
import dev.bulwark.dockerfile.syntax.Flag;
import dev.bulwark.dockerfile.syntax.Heredoc;
import dev.bulwark.dockerfile.syntax.Instruction;
import dev.bulwark.dockerfile.syntax.JoinedMap;
import dev.bulwark.dockerfile.syntax.SourceMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one {@link Instruction} into a typed {@link Command}: checks its flags as BuildKit's
 * BFlags does, expands variables where BuildKit expands them, and reports what BuildKit would
 * refuse. Expansion uses the environment handed in (meta ARGs for FROM, the stage's ARG and ENV
 * values elsewhere).
 */
final class CommandReader {
  private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");
  /**
   * After a heredoc word: nothing, or a POSIX-family shell that reads its script from stdin ({@code sh},
   * {@code /bin/bash -e}, {@code ash -o pipefail}); group 1 holds its options. {@code -c} (a script of
   * its own) and operands (a script file) are not stdin scripts.
   */
  private static final String SHELL_READING_STDIN =
      "(?:\\s+(?:/usr)?(?:/bin/)?(?:sh|bash|ash|dash)((?:\\s+(?:-[a-bd-zA-Z]+|[-+]o\\s+[a-z]+))*))?\\s*";
  private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");

  private enum Kind {
    STRING,
    BOOL,
    LIST
  }

  private static final Map<String, Map<String, Kind>> FLAGS = Map.of(
      "add", Map.of("chown", Kind.STRING, "chmod", Kind.STRING, "link", Kind.BOOL, "keep-git-dir", Kind.BOOL,
          "checksum", Kind.STRING, "exclude", Kind.LIST, "unpack", Kind.BOOL),
      "copy", Map.of("from", Kind.STRING, "chown", Kind.STRING, "chmod", Kind.STRING, "link", Kind.BOOL,
          "parents", Kind.BOOL, "exclude", Kind.LIST),
      "from", Map.of("platform", Kind.STRING),
      "run", Map.of("mount", Kind.LIST, "network", Kind.STRING, "security", Kind.STRING, "device", Kind.LIST),
      "healthcheck", Map.of("interval", Kind.STRING, "timeout", Kind.STRING, "start-period", Kind.STRING,
          "start-interval", Kind.STRING, "retries", Kind.STRING));

  /** What expansion may add to one file in all (each value is also capped, see WordProcessor). */
  static final long EXPANSION_BUDGET = 64L << 20;

  private final char escape;
  private final List<Diagnostic> diagnostics;
  private long budget = EXPANSION_BUDGET;

  CommandReader(char escape, List<Diagnostic> diagnostics) {
    this.escape = escape;
    this.diagnostics = diagnostics;
  }

  /** Typed flag values: strings, booleans as "true"/"false", lists joined in order. */
  private record Flags(Map<String, String> strings, Map<String, List<String>> lists) {
    String get(String name) {
      return strings.get(name);
    }

    boolean bool(String name) {
      return "true".equals(strings.get(name));
    }

    List<String> list(String name) {
      return lists.getOrDefault(name, List.of());
    }
  }

  private Flags flags(Instruction in) {
    Map<String, Kind> allowed = FLAGS.getOrDefault(in.command(), Map.of());
    Map<String, String> strings = new HashMap<>();
    Map<String, List<String>> lists = new HashMap<>();
    for (Flag f : in.flags()) {
      Kind kind = allowed.get(f.name());
      if (kind == null) {
        error(in, "unknown flag: " + f.name());
        continue;
      }
      switch (kind) {
        case BOOL -> {
          String v = f.value() == null ? "true" : f.value().toLowerCase(Locale.ROOT);
          if (!v.equals("true") && !v.equals("false")) {
            error(in, "expecting boolean value for flag " + f.name() + ", not: " + f.value());
            continue;
          }
          if (strings.put(f.name(), v) != null) {
            error(in, "duplicate flag specified: " + f.name());
          }
        }
        case STRING -> {
          if (f.value() == null) {
            error(in, "missing a value on flag: " + f.name());
            continue;
          }
          if (strings.put(f.name(), f.value()) != null) {
            error(in, "duplicate flag specified: " + f.name());
          }
        }
        case LIST -> {
          if (f.value() == null) {
            error(in, "missing a value on flag: " + f.name());
            continue;
          }
          lists.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(f.value());
        }
      }
    }
    return new Flags(strings, lists);
  }

  String expand(Instruction in, String word, Map<String, String> env) {
    if (word == null || (word.indexOf('$') < 0 && word.indexOf('\'') < 0 && word.indexOf('"') < 0 && word.indexOf(escape) < 0)) {
      return word;
    }
    try {
      int cap = (int) Math.min(WordProcessor.DEFAULT_MAX_LENGTH, budget);
      String value = new WordProcessor(escape).maxLength(cap).expand(word, env);
      budget -= Math.max(0, value.length() - word.length());
      return value;
    } catch (ExpansionException e) {
      if (e.overLimit()) {
        // Our bound, not BuildKit's: keep the word as written and say so, rather than grow.
        diagnostics.add(Diagnostic.warning(e.getMessage() + "; kept as written", in.span()));
      } else {
        error(in, e.getMessage());
      }
      return word;
    }
  }

  List<String> expandEach(Instruction in, List<String> words, Map<String, String> env) {
    List<String> out = new ArrayList<>(words.size());
    for (String w : words) {
      out.add(expand(in, w, env));
    }
    return out;
  }

  void error(Instruction in, String message) {
    diagnostics.add(Diagnostic.error(message, in.span()));
  }

  Command read(Instruction in, Map<String, String> env, List<String> shell) {
    Flags flags = flags(in);
    List<String> args = in.args();
    return switch (in.command()) {
      case "from" -> readFrom(in, flags, env);
      case "run" -> new Command.Run(in, commandLine(in, shell), mounts(in, flags.list("mount"), env), flags.get("network"),
          flags.get("security"), in.heredocs());
      case "cmd" -> new Command.Cmd(in, commandLine(in, shell));
      case "entrypoint" -> new Command.Entrypoint(in, commandLine(in, shell));
      case "copy" -> {
        List<String> paths = sourcesAndDest(in, env);
        yield new Command.Copy(in, paths.subList(0, Math.max(0, paths.size() - 1)), paths.isEmpty() ? "" : paths.getLast(),
            expand(in, flags.get("from"), env), expand(in, flags.get("chown"), env), expand(in, flags.get("chmod"), env),
            flags.bool("link"), flags.bool("parents"), flags.list("exclude"), in.heredocs());
      }
      case "add" -> {
        List<String> paths = sourcesAndDest(in, env);
        yield new Command.Add(in, paths.subList(0, Math.max(0, paths.size() - 1)), paths.isEmpty() ? "" : paths.getLast(),
            expand(in, flags.get("chown"), env), expand(in, flags.get("chmod"), env), flags.bool("link"),
            flags.bool("keep-git-dir"), expand(in, flags.get("checksum"), env), flags.list("exclude"), in.heredocs());
      }
      case "env" -> new Command.Env(in, pairs(in, env, "ENV"));
      case "label" -> new Command.Label(in, pairs(in, env, "LABEL"));
      case "arg" -> readArg(in, env);
      case "user" -> {
        if (args.isEmpty()) {
          error(in, "USER requires exactly one argument");
          yield new Command.User(in, "");
        }
        yield new Command.User(in, expand(in, args.getFirst(), env));
      }
      case "workdir" -> {
        if (args.isEmpty()) {
          error(in, "WORKDIR requires exactly one argument");
          yield new Command.Workdir(in, "");
        }
        yield new Command.Workdir(in, expand(in, args.getFirst(), env));
      }
      case "expose" -> readExpose(in, env);
      case "volume" -> {
        List<String> paths = expandEach(in, args, env);
        if (paths.isEmpty()) {
          error(in, "VOLUME requires at least one argument");
        }
        yield new Command.Volume(in, paths);
      }
      case "healthcheck" -> readHealthcheck(in, flags, shell);
      case "shell" -> {
        if (!in.json()) {
          error(in, "SHELL requires the arguments to be in JSON form");
        } else if (args.isEmpty()) {
          error(in, "SHELL requires at least one argument");
        }
        yield new Command.Shell(in, args);
      }
      case "stopsignal" -> {
        if (args.isEmpty()) {
          error(in, "STOPSIGNAL requires exactly one argument");
        }
        yield new Command.StopSignal(in, args.isEmpty() ? "" : expand(in, args.getFirst(), env));
      }
      case "maintainer" -> {
        if (args.isEmpty()) {
          error(in, "MAINTAINER requires exactly one argument");
        }
        yield new Command.Maintainer(in, args.isEmpty() ? "" : args.getFirst());
      }
      case "onbuild" -> readOnbuild(in, env, shell);
      default -> {
        error(in, "unknown instruction: " + in.keyword());
        yield new Command.Unknown(in);
      }
    };
  }

  private Command readFrom(Instruction in, Flags flags, Map<String, String> metaArgs) {
    List<String> args = in.args();
    String name = null;
    if (args.size() != 1 && args.size() != 3) {
      error(in, "FROM requires either one or three arguments");
    }
    if (args.size() == 3) {
      if (!args.get(1).equalsIgnoreCase("as")) {
        error(in, "Syntax error - expected AS, found \"" + args.get(1) + "\"");
      }
      name = expand(in, args.get(2), metaArgs).toLowerCase(Locale.ROOT);
      if (!STAGE_NAME.matcher(name).matches()) {
        error(in, "invalid name for build stage: \"" + args.get(2) + "\", name can't start with a number or contain symbols");
      }
    }
    String image = args.isEmpty() ? "" : expand(in, args.getFirst(), metaArgs);
    return new Command.From(in, image, name, expand(in, flags.get("platform"), metaArgs));
  }

  private CommandLine commandLine(Instruction in, List<String> shell) {
    if (in.json()) {
      return new CommandLine.Exec(in.args(), in.argSpans());
    }
    String script = in.args().isEmpty() ? "" : in.args().getFirst();
    SourceMap map = in.restMap();
    List<Heredoc> heredocs = in.heredocs();
    if (!heredocs.isEmpty()) {
      String trimmed = script.strip();
      Heredoc first = heredocs.getFirst();
      Matcher fed = heredocs.size() == 1
          ? Pattern.compile("\\d*<<-?['\"]?" + Pattern.quote(first.name()) + "['\"]?" + SHELL_READING_STDIN).matcher(trimmed) : null;
      if (fed != null && fed.matches()) {
        // RUN <<EOF, or RUN <<EOF sh (the body fed to a shell on stdin): the body itself is the script,
        // the shell's options (-e, -o pipefail) set first, as the shell would
        String options = fed.group(1) == null ? "" : fed.group(1).strip();
        script = first.effectiveContent();
        map = first.effectiveMap(in.source());
        if (!options.isEmpty()) {
          String set = "set " + options + "\n";
          map = new JoinedMap.Builder().add(set.length(), SourceMap.constant(in.argSpan(0))).add(script.length(), map).build();
          script = set + script;
        }
      } else {
        StringBuilder sb = new StringBuilder(script).append('\n');
        JoinedMap.Builder joined = new JoinedMap.Builder().add(sb.length(), map);
        for (Heredoc h : heredocs) {
          int before = sb.length();
          sb.append(h.content()).append(h.name()).append('\n');
          joined.add(sb.length() - before, h.contentMap(in.source()));
        }
        script = sb.toString();
        map = joined.build();
      }
    }
    return new CommandLine.Shell(script, shell, map);
  }

  private List<String> sourcesAndDest(Instruction in, Map<String, String> env) {
    List<String> words = in.args();
    List<String> out = new ArrayList<>(words.size());
    for (String w : words) {
      // heredoc sources are named by their delimiter; their bodies are attached to the command
      out.add(w.startsWith("<<") ? w : expand(in, w, env));
    }
    if (out.size() < 2) {
      error(in, in.command().toUpperCase(Locale.ROOT) + " requires at least two arguments, but only one was provided. Destination could not be determined.");
    }
    return out;
  }

  private List<KeyValue> pairs(Instruction in, Map<String, String> env, String what) {
    List<String> a = in.args();
    if (a.isEmpty() && in.rest().isEmpty()) {
      error(in, what + " requires at least one argument");
    }
    List<KeyValue> out = new ArrayList<>();
    for (int i = 0; i + 1 < a.size(); i += 2) {
      String key = expand(in, a.get(i), env);
      if (key.isEmpty() && what.equals("ENV")) {
        error(in, "ENV names can not be blank");
      }
      out.add(new KeyValue(key, expand(in, a.get(i + 1), env), in.argSpan(i), in.argSpan(i + 1)));
    }
    return out;
  }

  private Command readArg(Instruction in, Map<String, String> env) {
    if (in.args().isEmpty()) {
      error(in, "ARG requires at least one argument");
    }
    List<ArgDecl> decls = new ArrayList<>();
    for (int i = 0; i < in.args().size(); i++) {
      String w = in.args().get(i);
      int eq = w.indexOf('=');
      if (eq < 0) {
        decls.add(new ArgDecl(expand(in, w, env), null, in.argSpan(i)));
      } else {
        decls.add(new ArgDecl(expand(in, w.substring(0, eq), env), expand(in, w.substring(eq + 1), env), in.argSpan(i)));
      }
    }
    return new Command.Arg(in, decls);
  }

  private Command readExpose(Instruction in, Map<String, String> env) {
    List<PortSpec> ports = new ArrayList<>();
    List<PortSpec> outOfRange = new ArrayList<>();
    if (in.args().isEmpty()) {
      error(in, "EXPOSE requires at least one argument");
    }
    for (int i = 0; i < in.args().size(); i++) {
      String word = expand(in, in.args().get(i), env);
      for (String w : word.split("\\s+")) {
        if (w.isEmpty()) {
          continue;
        }
        PortSpec p = parsePort(w, in.argSpan(i));
        if (p == null) {
          error(in, "invalid containerPort: " + w);
          PortSpec big = pastRange(w, in.argSpan(i));
          if (big != null) {
            outOfRange.add(big);
          }
        } else {
          ports.add(p);
        }
      }
    }
    return new Command.Expose(in, ports, outOfRange);
  }

  /** A port or range that is numeric but ends past 65535 (hadolint's DL3011, Trivy's DS008), else null. */
  static PortSpec pastRange(String w, Span span) {
    int slash = w.indexOf('/');
    String port = slash < 0 ? w : w.substring(0, slash);
    int dash = port.indexOf('-');
    String first = dash < 0 ? port : port.substring(0, dash);
    String last = dash < 0 ? port : port.substring(dash + 1);
    if (!DIGITS.matcher(first).matches() || !DIGITS.matcher(last).matches()) {
      return null;
    }
    long start = Long.parseLong(first);
    long end = Long.parseLong(last);
    if (Math.max(start, end) <= 65535) {
      return null;
    }
    return new PortSpec(w, (int) Math.min(start, Integer.MAX_VALUE), (int) Math.min(end, Integer.MAX_VALUE),
        slash < 0 ? "tcp" : w.substring(slash + 1).toLowerCase(Locale.ROOT), span);
  }

  static PortSpec parsePort(String w, Span span) {
    String proto = "tcp";
    String port = w;
    int slash = w.indexOf('/');
    if (slash >= 0) {
      proto = w.substring(slash + 1).toLowerCase(Locale.ROOT);
      port = w.substring(0, slash);
      if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
        return null;
      }
    }
    try {
      int dash = port.indexOf('-');
      int start = Integer.parseInt(dash < 0 ? port : port.substring(0, dash));
      int end = dash < 0 ? start : Integer.parseInt(port.substring(dash + 1));
      if (start < 0 || end > 65535 || end < start) {
        return null;
      }
      return new PortSpec(w, start, end, proto, span);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private Command readHealthcheck(Instruction in, Flags flags, List<String> shell) {
    List<String> args = in.args();
    if (args.isEmpty()) {
      error(in, "HEALTHCHECK requires an argument");
      return new Command.Healthcheck(in, false, null, null, null, null, null, null);
    }
    String type = args.getFirst().toUpperCase(Locale.ROOT);
    if (type.equals("NONE")) {
      if (args.size() > 1) {
        error(in, "HEALTHCHECK NONE takes no arguments");
      }
      return new Command.Healthcheck(in, true, null, null, null, null, null, null);
    }
    if (!type.equals("CMD")) {
      error(in, "Unknown type \"" + args.getFirst() + "\" in HEALTHCHECK (try CMD)");
    }
    List<String> rest = args.subList(1, args.size());
    CommandLine test = in.json() ? new CommandLine.Exec(rest, in.argSpans().subList(1, in.argSpans().size()))
        : new CommandLine.Shell(rest.isEmpty() ? "" : rest.getFirst(), shell, SourceMap.constant(in.argSpan(1)));
    for (String d : List.of("interval", "timeout", "start-period", "start-interval")) {
      String v = flags.get(d);
      if (v != null && !GoDuration.isValid(v)) {
        error(in, "invalid duration for --" + d + ": " + v);
      }
    }
    Integer retries = null;
    if (flags.get("retries") != null) {
      try {
        retries = Integer.parseInt(flags.get("retries"));
        if (retries < 0) {
          error(in, "--retries cannot be negative (" + retries + ")");
        }
      } catch (NumberFormatException e) {
        error(in, "invalid --retries value: " + flags.get("retries"));
      }
    }
    return new Command.Healthcheck(in, false, test, flags.get("interval"), flags.get("timeout"), flags.get("start-period"),
        flags.get("start-interval"), retries);
  }

  private Command readOnbuild(Instruction in, Map<String, String> env, List<String> shell) {
    Instruction child = in.child();
    if (child == null) {
      error(in, "ONBUILD requires at least one argument");
      return new Command.Onbuild(in, null);
    }
    switch (child.command()) {
      case "onbuild" -> {
        error(in, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
        return new Command.Onbuild(in, null);
      }
      case "from", "maintainer" -> {
        error(in, child.keyword().toUpperCase(Locale.ROOT) + " isn't allowed as an ONBUILD trigger");
        return new Command.Onbuild(in, null);
      }
      default -> {
        return new Command.Onbuild(in, read(child, env, shell));
      }
    }
  }

  /** Parses {@code --mount} values: comma-separated {@code key=value} fields, CSV quoting. */
  List<Mount> mounts(Instruction in, List<String> values, Map<String, String> env) {
    List<Mount> out = new ArrayList<>();
    for (String value : values) {
      Map<String, String> opts = new LinkedHashMap<>();
      for (String field : splitCsv(value)) {
        int eq = field.indexOf('=');
        String k = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT).strip();
        String v = eq < 0 ? null : expand(in, field.substring(eq + 1), env);
        opts.put(k, v);
      }
      String type = opts.getOrDefault("type", "bind");
      if (type == null || !List.of("bind", "cache", "tmpfs", "secret", "ssh").contains(type)) {
        error(in, "unsupported mount type \"" + type + "\"");
        type = String.valueOf(type);
      }
      String target = first(opts, "target", "dst", "destination");
      String source = first(opts, "source", "src");
      boolean ro = opts.containsKey("readonly") || opts.containsKey("ro");
      if (opts.containsKey("readonly") && "false".equals(opts.get("readonly"))) {
        ro = false;
      }
      if (type.equals("bind") && !opts.containsKey("rw") && !opts.containsKey("readwrite")) {
        ro = true;
      }
      if (target == null && !type.equals("secret") && !type.equals("ssh")) {
        error(in, "mount destination/target is required for --mount=type=" + type);
      }
      out.add(new Mount(type, target, source, opts.get("from"), opts.get("id"), ro, opts));
    }
    return out;
  }

  private static String first(Map<String, String> m, String... keys) {
    for (String k : keys) {
      if (m.get(k) != null) {
        return m.get(k);
      }
    }
    return null;
  }

  static List<String> splitCsv(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < s.length() && s.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == ',' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
