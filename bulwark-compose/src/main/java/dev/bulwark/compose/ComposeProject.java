package dev.bulwark.compose;

import dev.bulwark.core.text.Span;
import dev.bulwark.yaml.YamlException;
import dev.bulwark.yaml.YamlLoader;
import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlNode;
import dev.bulwark.yaml.YamlScalar;
import dev.bulwark.yaml.YamlSequence;
import dev.bulwark.yaml.YamlStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Compose project as {@code docker compose -f a.yaml -f b.yaml} reads it: each file loaded (YAML
 * anchors and merge keys applied), every scalar value interpolated from the environment and the
 * {@code .env} file (the environment wins), each file's {@code extends} resolved (in the same file
 * or another one), then the files merged in order. The result is one model; each file is one
 * {@link ComposeTarget} over it that reports only findings about its own nodes, so a finding names
 * the file the offending line is in. Pure: the caller reads the files (and {@code extends} targets,
 * through a {@link Resolver}) and gives the environment.
 */
public final class ComposeProject {
  /** At most this many files in a project ({@code -f} files and {@code extends} targets), and this deep an {@code extends} chain. */
  static final int MAX_FILES = 64;
  static final int MAX_EXTENDS_DEPTH = 32;
  /** All interpolated values of a project together stay under this. */
  static final long MAX_INTERPOLATED = 16L << 20;

  /** A file's display path and text. */
  public record Source(String path, String text) {}

  /** Reads the file an {@code extends: {file: …}} names, relative to the file {@code from}. */
  @FunctionalInterface
  public interface Resolver {
    Source read(String from, String file) throws IOException;

    /** For a project without file access: every {@code extends: file:} fails to load. */
    Resolver NONE = (from, file) -> {
      throw new IOException("other files are not read here");
    };
  }

  /** Something compose would warn about (a variable used but not set), where it is. */
  public record Warning(String file, int line, int column, String message) {
    @Override
    public String toString() {
      return file + ":" + line + ":" + column + ": " + message;
    }
  }

  /** A loaded file: its YAML and its model after interpolation (null when the file is not one YAML mapping). */
  private record Loaded(Source source, YamlStream yaml, YamlMapping root) {}

  private final Map<String, String> variables;
  private final Resolver resolver;
  private final Origins origins = new Origins();
  private final Map<String, Loaded> loaded = new LinkedHashMap<>();
  private final Map<String, YamlMapping> resolved = new HashMap<>(); // "file\0service": the service with its extends applied
  private final Set<String> resolving = new LinkedHashSet<>();
  private final List<Warning> warnings = new ArrayList<>();
  private final Set<String> warned = new LinkedHashSet<>();
  private long interpolated;
  private final List<ComposeTarget> targets = new ArrayList<>();
  private YamlMapping model;

  private ComposeProject(Map<String, String> variables, Resolver resolver) {
    this.variables = variables;
    this.resolver = resolver;
  }

  /**
   * Loads the project of {@code files} (in {@code -f} order). {@code environment} is the process
   * environment; {@code dotEnv} the {@code .env} file next to the first file, or null. A first file
   * that is not a Compose file ({@link ComposeTarget#isComposeRoot}) makes a project whose targets are
   * not Compose; anything compose itself would refuse to load is a {@link ComposeException}.
   */
  public static ComposeProject load(List<Source> files, Map<String, String> environment, Source dotEnv, Resolver resolver)
      throws ComposeException {
    Map<String, String> variables = new HashMap<>();
    if (dotEnv != null) {
      variables.putAll(DotEnv.parse(dotEnv.path(), dotEnv.text(), environment));
    }
    variables.putAll(environment);
    ComposeProject p = new ComposeProject(variables, resolver);
    p.build(files);
    return p;
  }

  /** One file alone, with no environment: what {@code docker compose -f file config} would read in an empty one. */
  public static ComposeProject of(String path, String text) throws ComposeException {
    return load(List.of(new Source(path, text)), Map.of(), null, Resolver.NONE);
  }

  private void build(List<Source> files) throws ComposeException {
    Loaded first = null;
    Merge merge = null;
    for (Source s : files) {
      Loaded f = first == null ? loadFirst(s) : load(s);
      if (f == null) { // the first file is not a Compose file: nothing to merge
        targets.add(ComposeTarget.of(s.path(), yamlOf(s), null));
        return;
      }
      YamlMapping m = extendsApplied(f);
      if (first == null) {
        first = f;
        merge = new Merge(origins, f.yaml());
        model = m;
      } else {
        model = merge.root(model, m);
      }
    }
    for (Loaded f : loaded.values()) {
      targets.add(ComposeTarget.of(f.source().path(), f.yaml(), model, origins));
    }
  }

  private static YamlStream yamlOf(Source s) throws ComposeException {
    try {
      return YamlLoader.load(s.path(), s.text());
    } catch (YamlException e) {
      throw ComposeException.of(e);
    }
  }

  /** The first file decides whether this is a Compose project at all. */
  private Loaded loadFirst(Source s) throws ComposeException {
    YamlStream yaml = yamlOf(s);
    if (yaml.documents().size() != 1 || !(yaml.documents().get(0).root() instanceof YamlMapping m) || !ComposeTarget.isComposeRoot(m)) {
      return null;
    }
    return interpolate(s, yaml, m);
  }

  private Loaded load(Source s) throws ComposeException {
    Loaded have = loaded.get(s.path());
    if (have != null) {
      return have;
    }
    if (loaded.size() >= MAX_FILES) {
      throw new ComposeException(s.path(), 1, 1, "a Compose project of more than " + MAX_FILES + " files");
    }
    YamlStream yaml = yamlOf(s);
    YamlNode root = yaml.documents().size() == 1 ? yaml.documents().get(0).root() : null;
    if (root == null && yaml.documents().size() <= 1) {
      root = new YamlMapping(List.of(), null, Span.START); // an empty file adds nothing
    }
    if (!(root instanceof YamlMapping m)) {
      throw new ComposeException(s.path(), 1, 1, "not a Compose file (its top level must be one mapping)");
    }
    return interpolate(s, yaml, m);
  }

  private Loaded interpolate(Source s, YamlStream yaml, YamlMapping root) throws ComposeException {
    Interpolating i = new Interpolating(yaml);
    YamlMapping m = (YamlMapping) i.node(root, true);
    Loaded f = new Loaded(s, yaml, m);
    loaded.put(s.path(), f);
    return f;
  }

  /** Interpolation of one file's values (not keys), each node once however many aliases share it. */
  private final class Interpolating {
    final YamlStream yaml;
    final IdentityHashMap<YamlNode, YamlNode> done = new IdentityHashMap<>();

    Interpolating(YamlStream yaml) {
      this.yaml = yaml;
    }

    YamlNode node(YamlNode n, boolean top) throws ComposeException {
      YamlNode d = done.get(n);
      if (d != null) {
        return d;
      }
      YamlNode out = n;
      if (n instanceof YamlScalar s) {
        if (Interpolation.needed(s.value())) {
          out = new YamlScalar(expand(s), false, s.tag(), s.span());
        }
      } else if (n instanceof YamlMapping m) {
        List<YamlMapping.Entry> entries = new ArrayList<>(m.entries().size());
        boolean changed = false;
        for (YamlMapping.Entry e : m.entries()) {
          // top-level x- extensions are templates for anchors: compose 1.x leaves them alone, and their uses are interpolated where they are used
          YamlNode v = top && e.key().value().startsWith("x-") ? e.value() : node(e.value(), false);
          changed |= v != e.value();
          entries.add(v == e.value() ? e : new YamlMapping.Entry(e.key(), v));
        }
        out = changed ? new YamlMapping(entries, m.tag(), m.span()) : m;
        for (YamlMapping.Entry e : entries) {
          origins.put(e.key(), yaml);
        }
      } else if (n instanceof YamlSequence q) {
        List<YamlNode> items = new ArrayList<>(q.items().size());
        boolean changed = false;
        for (YamlNode item : q.items()) {
          YamlNode v = node(item, false);
          changed |= v != item;
          items.add(v);
        }
        out = changed ? new YamlSequence(items, q.tag(), q.span()) : q;
      }
      done.put(n, out);
      origins.put(out, yaml);
      origins.put(n, yaml);
      return out;
    }

    private String expand(YamlScalar s) throws ComposeException {
      Span at = s.span();
      try {
        String v = new Interpolation(variables::get, name -> warn(yaml.path(), at, name)).substitute(s.value());
        interpolated += v.length();
        if (interpolated > MAX_INTERPOLATED) {
          throw new Interpolation.Failure("the values of this project grow past " + (MAX_INTERPOLATED >> 20) + " MiB when their variables are expanded");
        }
        return v;
      } catch (Interpolation.Failure e) {
        throw new ComposeException(yaml.path(), at.startLine(), at.startColumn(), e.getMessage());
      }
    }
  }

  private void warn(String file, Span at, String variable) {
    if (warned.add(variable)) {
      warnings.add(new Warning(file, at.startLine(), at.startColumn(), "the variable " + variable + " is not set: it is read as an empty string"));
    }
  }

  /** The file's model with each service's {@code extends} applied. */
  private YamlMapping extendsApplied(Loaded f) throws ComposeException {
    YamlMapping services = f.root().mapping("services");
    if (services == null) {
      return f.root();
    }
    List<YamlMapping.Entry> out = new ArrayList<>(services.entries().size());
    boolean changed = false;
    for (YamlMapping.Entry e : services.entries()) {
      YamlMapping body = service(f, e.key().value(), 0);
      changed |= body != e.value();
      out.add(body == e.value() ? e : new YamlMapping.Entry(e.key(), body));
    }
    if (!changed) {
      return f.root();
    }
    List<YamlMapping.Entry> top = new ArrayList<>(f.root().entries());
    for (int i = 0; i < top.size(); i++) {
      if (top.get(i).key().value().equals("services")) {
        YamlMapping s = new YamlMapping(out, services.tag(), services.span());
        origins.put(s, f.yaml());
        top.set(i, new YamlMapping.Entry(top.get(i).key(), s));
      }
    }
    YamlMapping r = new YamlMapping(top, f.root().tag(), f.root().span());
    origins.put(r, f.yaml());
    return r;
  }

  /** Service {@code name} of {@code f} with its {@code extends} chain applied; null when {@code f} has no such service. */
  private YamlMapping service(Loaded f, String name, int depth) throws ComposeException {
    YamlMapping services = f.root().mapping("services");
    YamlMapping.Entry entry = services == null ? null : services.entry(name);
    if (entry == null) {
      return null;
    }
    YamlMapping body = entry.value() instanceof YamlMapping m ? m : empty(entry.key(), f);
    YamlMapping.Entry ext = body.entry("extends");
    if (ext == null) {
      return entry.value() instanceof YamlMapping m ? m : body;
    }
    String id = f.source().path() + "\0" + name;
    YamlMapping done = resolved.get(id);
    if (done != null) {
      return done;
    }
    Span at = ext.key().span();
    if (depth > MAX_EXTENDS_DEPTH || !resolving.add(id)) {
      throw new ComposeException(f.source().path(), at.startLine(), at.startColumn(), depth > MAX_EXTENDS_DEPTH
          ? "extends chains deeper than " + MAX_EXTENDS_DEPTH : "service " + name + " extends itself (a cycle of extends)");
    }
    String baseName;
    String baseFile = null;
    if (ext.value() instanceof YamlScalar s && !s.isNull()) {
      baseName = s.value();
    } else if (ext.value() instanceof YamlMapping m && m.string("service") != null) {
      baseName = m.string("service");
      baseFile = m.string("file");
    } else {
      throw new ComposeException(f.source().path(), at.startLine(), at.startColumn(), "extends must name a service (extends: {service: name})");
    }
    Loaded from = baseFile == null ? f : other(f, baseFile, at);
    YamlMapping base = service(from, baseName, depth + 1);
    if (base == null) {
      throw new ComposeException(f.source().path(), at.startLine(), at.startColumn(), "extends: there is no service " + baseName
          + (baseFile == null ? " in this file" : " in " + baseFile));
    }
    List<YamlMapping.Entry> own = new ArrayList<>(body.entries());
    own.remove(ext);
    YamlMapping local = new YamlMapping(own, body.tag(), body.span());
    origins.put(local, f.yaml());
    YamlMapping merged = new Merge(origins, f.yaml()).service(base, local);
    // the service is where this file writes it: findings about what it lacks point here, not at its base
    YamlMapping result = new YamlMapping(merged.entries(), body.tag(), body.span());
    origins.put(result, f.yaml());
    resolving.remove(id);
    resolved.put(id, result);
    return result;
  }

  private YamlMapping empty(YamlScalar key, Loaded f) {
    YamlMapping m = new YamlMapping(List.of(), null, key.span());
    origins.put(m, f.yaml());
    return m;
  }

  private Loaded other(Loaded f, String file, Span at) throws ComposeException {
    Source s;
    try {
      s = resolver.read(f.source().path(), file);
    } catch (IOException e) {
      throw new ComposeException(f.source().path(), at.startLine(), at.startColumn(), "extends: cannot read " + file + ": " + e.getMessage());
    }
    return load(s);
  }

  /** The merged model: every file's services, networks, volumes… (null when the first file is not a Compose file). */
  public YamlMapping model() {
    return model;
  }

  /** True when the first file is a Compose file. */
  public boolean isCompose() {
    return model != null;
  }

  /** One target per file loaded (the given files, then {@code extends} targets), in order. */
  public List<ComposeTarget> targets() {
    return List.copyOf(targets);
  }

  /** The target of the file at {@code path}, or null when the project has none. */
  public ComposeTarget target(String path) {
    for (ComposeTarget t : targets) {
      if (t.path().equals(path)) {
        return t;
      }
    }
    return null;
  }

  /** What compose would warn about: each variable used but not set, once, where it is first used. */
  public List<Warning> warnings() {
    return List.copyOf(warnings);
  }
}
