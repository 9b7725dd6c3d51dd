package dev.bulwark.dockerfile.model;

import dev.bulwark.core.ref.ImageReference;

import dev.bulwark.dockerfile.syntax.Diagnostic;
import dev.bulwark.dockerfile.syntax.Dockerfile;
import dev.bulwark.dockerfile.syntax.Instruction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Walks the instructions once, tracking ARG/ENV/USER/WORKDIR scope the way BuildKit does. */
final class BuildModelBuilder {
  private BuildModelBuilder() {}

  static BuildModel build(Dockerfile file, Map<String, String> buildArgs) {
    List<Diagnostic> diagnostics = new ArrayList<>(file.diagnostics());
    CommandReader reader = new CommandReader(file.escapeToken(), diagnostics);
    List<ArgDecl> globalArgs = new ArrayList<>();
    Map<String, String> metaArgs = new LinkedHashMap<>();
    List<Stage> stages = new ArrayList<>();
    StageNames names = new StageNames();
    StageBuilder current = null;
    StageBuilder implicit = null; // what comes before the first FROM: refused by BuildKit, still linted

    for (Instruction in : file.instructions()) {
      if (current == null && !in.command().equals("from")) {
        if (in.command().equals("arg")) {
          Command.Arg arg = (Command.Arg) reader.read(in, metaArgs, StageState.DEFAULT_SHELL);
          for (ArgDecl d : arg.args()) {
            globalArgs.add(d);
            String v = buildArgs.containsKey(d.name()) ? buildArgs.get(d.name()) : d.defaultValue();
            if (v != null) {
              metaArgs.put(d.name(), v);
            }
          }
        } else {
          if (implicit == null) {
            implicit = new StageBuilder(-1, null, new BaseImage.Unresolved("", "no FROM"), stages, names);
            implicit.state = new StageState(null, null, PersistentMap.EMPTY, StageBuilder.persistent(metaArgs), StageState.DEFAULT_SHELL);
          }
          implicit.add(reader, in, buildArgs, metaArgs);
          diagnostics.add(Diagnostic.error("no build stage in current context: " + in.keyword().toUpperCase(Locale.ROOT)
              + " before the first FROM", in.span()));
        }
        continue;
      }
      if (in.command().equals("from")) {
        if (current != null) {
          names.add(current.finish(), stages);
        }
        Command.From from = (Command.From) reader.read(in, metaArgs, StageState.DEFAULT_SHELL);
        BaseImage base = resolveBase(from, names, diagnostics, reader, globalArgs, metaArgs);
        current = new StageBuilder(stages.size(), from, base, stages, names);
        continue;
      }
      current.add(reader, in, buildArgs, metaArgs);
    }
    if (current != null) {
      names.add(current.finish(), stages);
    }
    resolveLaterStages(stages, names);
    return new BuildModel(file, List.copyOf(globalArgs), Map.copyOf(metaArgs), List.copyOf(stages),
        implicit == null ? null : implicit.finish(), List.copyOf(diagnostics));
  }

  /**
   * BuildKit resolves {@code COPY --from} against every stage of the file, later ones too (it builds
   * a graph, refusing only cycles); while walking, only earlier stages were known, so edges naming a
   * later stage are resolved again once all are.
   */
  private static void resolveLaterStages(List<Stage> stages, StageNames names) {
    for (int i = 0; i < stages.size(); i++) {
      Stage s = stages.get(i);
      List<CopyEdge> edges = null;
      for (int e = 0; e < s.copyFrom().size(); e++) {
        CopyEdge edge = s.copyFrom().get(e);
        Stage later = edge.stageIndex() < 0 ? names.byRef(edge.from(), stages) : null;
        if (later != null) {
          if (edges == null) {
            edges = new ArrayList<>(s.copyFrom());
          }
          edges.set(e, new CopyEdge(later.index(), edge.from(), null, edge.copy()));
        }
      }
      if (edges != null) {
        stages.set(i, new Stage(s.index(), s.name(), s.from(), s.base(), s.steps(), s.finalState(), s.exposedPorts(), s.entrypoint(),
            s.cmd(), s.healthcheck(), List.copyOf(edges), s.commands()));
      }
    }
  }

  /** Earlier stages by lower-cased name, the first of a name winning: lookups stay O(1) with 100,000 stages. */
  private static final class StageNames {
    private final Map<String, Stage> byName = new java.util.HashMap<>();

    void add(Stage s, List<Stage> stages) {
      stages.add(s);
      if (s.name() != null) {
        byName.putIfAbsent(s.name().toLowerCase(Locale.ROOT), s);
      }
    }

    Stage named(String name) {
      return byName.get(name.toLowerCase(Locale.ROOT));
    }

    /** A {@code COPY --from} reference: a stage name, or an index written as String.valueOf would. */
    Stage byRef(String ref, List<Stage> stages) {
      Stage s = named(ref);
      if (s != null || ref.isEmpty() || ref.length() > 9 || (ref.length() > 1 && ref.charAt(0) == '0')) {
        return s;
      }
      for (int i = 0; i < ref.length(); i++) {
        if (ref.charAt(i) < '0' || ref.charAt(i) > '9') {
          return null;
        }
      }
      int index = Integer.parseInt(ref);
      return index < stages.size() ? stages.get(index) : null;
    }
  }

  private static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");

  /** Global ARGs declared without a default and not given as build args: they expand to nothing. */
  private static List<String> unsetArgs(List<ArgDecl> globalArgs, Map<String, String> metaArgs) {
    List<String> out = new ArrayList<>();
    for (ArgDecl d : globalArgs) {
      if (!metaArgs.containsKey(d.name())) {
        out.add(d.name());
      }
    }
    return out;
  }

  /**
   * The unset ARGs a FROM reference is invalid only for want of: given any value it would parse
   * ({@code FROM golang:${GO_VERSION}-alpine} with {@code ARG GO_VERSION} and no default). Empty
   * when the reference is invalid whatever the args are.
   */
  private static List<String> missingBuildArgs(Command.From from, CommandReader reader, List<ArgDecl> globalArgs,
      Map<String, String> metaArgs) {
    List<String> args = from.instruction().args();
    List<String> unset = unsetArgs(globalArgs, metaArgs);
    if (unset.isEmpty() || args.isEmpty()) {
      return List.of();
    }
    String raw = args.getFirst();
    List<String> needed = new ArrayList<>();
    java.util.regex.Matcher m = VARIABLE.matcher(raw);
    while (m.find()) {
      if (unset.contains(m.group(1)) && !needed.contains(m.group(1))) {
        needed.add(m.group(1));
      }
    }
    if (needed.isEmpty()) {
      return List.of();
    }
    Map<String, String> filled = new LinkedHashMap<>(metaArgs);
    needed.forEach(n -> filled.put(n, "x"));
    String image = reader.expand(from.instruction(), raw, filled);
    try {
      ImageReference.parse(image);
      return needed;
    } catch (ImageReference.InvalidReferenceException e) {
      return List.of();
    }
  }

  private static BaseImage resolveBase(Command.From from, StageNames names, List<Diagnostic> diagnostics, CommandReader reader,
      List<ArgDecl> globalArgs, Map<String, String> metaArgs) {
    String image = from.image();
    Stage named = names.named(image);
    if (named != null) {
      return new BaseImage.Stage(named.index(), named.name());
    }
    if (image.equalsIgnoreCase("scratch")) {
      return new BaseImage.Scratch();
    }
    if (image.contains("$")) {
      return new BaseImage.Unresolved(image, "unresolved variable in base image name");
    }
    try {
      return new BaseImage.Image(ImageReference.parse(image));
    } catch (ImageReference.InvalidReferenceException e) {
      List<String> missing = image.isEmpty() ? List.of() : missingBuildArgs(from, reader, globalArgs, metaArgs);
      if (!missing.isEmpty()) {
        // such a build always passes --build-arg: a note, not a parse error
        diagnostics.add(Diagnostic.warning("FROM " + from.instruction().args().getFirst() + " needs --build-arg "
            + String.join(", --build-arg ", missing) + " (ARG without a default; without it the reference \"" + image
            + "\" is invalid)", from.instruction().argSpan(0)));
      } else if (!image.isEmpty()) {
        diagnostics.add(Diagnostic.error(e.getMessage() + ": \"" + image + "\"", from.instruction().argSpan(0)));
      }
      return new BaseImage.Unresolved(image, e.getMessage());
    }
  }

  /** Accumulates one stage's steps and state. */
  private static final class StageBuilder {
    final int index;
    final Command.From from;
    final BaseImage base;
    final List<Stage> earlier;
    final StageNames names;
    final List<Step> steps = new ArrayList<>();
    final List<CopyEdge> edges = new ArrayList<>();
    StageState state;
    List<PortSpec> exposed = new ArrayList<>();
    CommandLine entrypoint;
    CommandLine cmd;
    Command.Healthcheck healthcheck;

    StageBuilder(int index, Command.From from, BaseImage base, List<Stage> earlier, StageNames names) {
      this.index = index;
      this.from = from;
      this.base = base;
      this.earlier = earlier;
      this.names = names;
      if (base instanceof BaseImage.Stage parentRef) {
        Stage parent = earlier.get(parentRef.index());
        StageState p = parent.finalState();
        // ARGs do not cross stages; the image config (ENV, USER, WORKDIR, ...) does.
        this.state = new StageState(p.user(), p.workdir(), p.env(), PersistentMap.EMPTY, p.shell());
        this.exposed.addAll(parent.exposedPorts());
        this.entrypoint = parent.entrypoint();
        this.cmd = parent.cmd();
        this.healthcheck = parent.healthcheck();
      } else {
        this.state = StageState.empty();
      }
    }

    void add(CommandReader reader, Instruction in, Map<String, String> buildArgs, Map<String, String> metaArgs) {
      Command c = reader.read(in, state.expansionEnv(), state.shell());
      steps.add(new Step(c, state));
      // instanceof chain rather than a pattern switch: the switch's bootstrap costs start-up time
      if (c instanceof Command.Env e) {
        PersistentMap env = persistent(state.env());
        for (KeyValue kv : e.pairs()) {
          env = env.with(kv.key(), kv.value());
        }
        state = new StageState(state.user(), state.workdir(), env, state.args(), state.shell());
      } else if (c instanceof Command.Arg a) {
        PersistentMap args = persistent(state.args());
        for (ArgDecl d : a.args()) {
          String v = buildArgs.containsKey(d.name()) ? buildArgs.get(d.name())
              : d.defaultValue() != null ? d.defaultValue() : metaArgs.get(d.name());
          if (v != null) {
            args = args.with(d.name(), v);
          }
        }
        state = new StageState(state.user(), state.workdir(), state.env(), args, state.shell());
      } else if (c instanceof Command.User u) {
        state = new StageState(u.user(), state.workdir(), state.env(), state.args(), state.shell());
      } else if (c instanceof Command.Workdir w) {
        state = new StageState(state.user(), resolveWorkdir(state.workdir(), w.path()), state.env(), state.args(), state.shell());
      } else if (c instanceof Command.Shell s) {
        if (!s.shell().isEmpty()) {
          state = new StageState(state.user(), state.workdir(), state.env(), state.args(), List.copyOf(s.shell()));
        }
      } else if (c instanceof Command.Expose x) {
        exposed.addAll(x.ports());
      } else if (c instanceof Command.Entrypoint ep) {
        entrypoint = ep.command();
        cmd = null; // Docker resets an inherited CMD when ENTRYPOINT is set
      } else if (c instanceof Command.Cmd cm) {
        cmd = cm.command();
      } else if (c instanceof Command.Healthcheck h) {
        healthcheck = h;
      } else if (c instanceof Command.Copy cp && cp.from() != null) {
        edges.add(edge(cp));
      }
    }

    /** Snapshots share structure (see PersistentMap); any other map is copied in once. */
    private static PersistentMap persistent(Map<String, String> m) {
      if (m instanceof PersistentMap p) {
        return p;
      }
      PersistentMap out = PersistentMap.EMPTY;
      for (Map.Entry<String, String> e : m.entrySet()) {
        out = out.with(e.getKey(), e.getValue());
      }
      return out;
    }

    private CopyEdge edge(Command.Copy cp) {
      String ref = cp.from();
      Stage s = names.byRef(ref, earlier);
      if (s != null) {
        return new CopyEdge(s.index(), ref, null, cp);
      }
      return new CopyEdge(-1, ref, ImageReference.tryParse(ref).orElse(null), cp);
    }

    /** WORKDIR is joined onto the previous one and cleaned, like Go's filepath.Join. */
    static String resolveWorkdir(String current, String path) {
      if (path.isEmpty() || path.contains("$")) {
        return path;
      }
      String joined = path.startsWith("/") ? path : (current == null ? "/" : current) + "/" + path;
      java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
      for (String seg : joined.split("/")) {
        if (seg.isEmpty() || seg.equals(".")) {
          continue;
        }
        if (seg.equals("..")) {
          parts.pollLast();
        } else {
          parts.addLast(seg);
        }
      }
      return "/" + String.join("/", parts);
    }

    Stage finish() {
      List<Command> commands = new ArrayList<>(steps.size());
      for (Step s : steps) {
        commands.add(s.command());
      }
      return new Stage(index, from == null ? null : from.stageName(), from, base, List.copyOf(steps), state, List.copyOf(exposed), entrypoint, cmd,
          healthcheck, List.copyOf(edges), List.copyOf(commands));
    }
  }
}
