package dev.bulwark.harden;

import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.dockerfile.model.ArgDecl;
import dev.bulwark.dockerfile.model.BaseImage;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.CommandLine;
import dev.bulwark.dockerfile.model.KeyValue;
import dev.bulwark.dockerfile.model.Mount;
import dev.bulwark.dockerfile.model.PortSpec;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.model.Step;
import dev.bulwark.dockerfile.shell.Invocation;
import dev.bulwark.dockerfile.shell.ShellFact;
import dev.bulwark.dockerfile.shell.Word;
import dev.bulwark.dockerfile.syntax.Element;
import dev.bulwark.dockerfile.syntax.Flag;
import dev.bulwark.dockerfile.syntax.Instruction;
import dev.bulwark.harden.Analysis.RunStep;
import dev.bulwark.harden.HardenResult.Note;
import dev.bulwark.harden.HardenResult.Reason;
import dev.bulwark.harden.RuntimeImages.Linkage;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes one variant from an {@link Analysis}: the original stages with hardened build flags, then a new runtime stage. */
final class VariantWriter {
  private static final String VENV = "/opt/venv";
  private static final Pattern PORT_IN_URL = Pattern.compile("((?:localhost|127\\.0\\.0\\.1|0\\.0\\.0\\.0|\\[::1?\\]|\\+|\\*)?:)(\\d{1,5})\\b");
  private static final Set<String> BUILD_ONLY_ENV = Set.of("GOPATH", "GOFLAGS", "CGO_ENABLED", "GOOS", "GOARCH", "GOPROXY", "GO111MODULE",
      "CARGO_HOME", "RUSTFLAGS", "RUSTUP_HOME", "DEBIAN_FRONTEND", "PIP_NO_CACHE_DIR", "PIP_DISABLE_PIP_VERSION_CHECK", "MAVEN_OPTS",
      "MAVEN_CONFIG", "GRADLE_OPTS", "GRADLE_USER_HOME", "NPM_CONFIG_LOGLEVEL", "YARN_VERSION", "POETRY_VIRTUALENVS_CREATE",
      "POETRY_NO_INTERACTION", "UV_PROJECT_ENVIRONMENT", "UV_COMPILE_BYTECODE", "UV_LINK_MODE", "DOTNET_CLI_TELEMETRY_OPTOUT",
      "NUGET_XMLDOC_MODE");
  private static final Pattern DEBUG_ENV = Pattern.compile("(?i)^(FLASK_DEBUG|DJANGO_DEBUG|DEBUG|APP_DEBUG|NODE_ENV|ASPNETCORE_ENVIRONMENT)$");
  /** Packages only the build needs: never copied to a runtime as "runtime packages". */
  private static final Pattern BUILD_PACKAGE = Pattern.compile("(?i)^(gcc.*|g\\+\\+.*|make|cmake|ninja.*|build-base|build-essential|"
      + "git|curl|wget|ca-certificates|tzdata|go|golang.*|musl-dev|libc-dev|libc6-dev|linux-headers|pkgconf|pkg-config|.*-dev|.*-devel|"
      + "autoconf|automake|libtool|binutils|unzip|zip|tar|gzip|xz.*|bzip2|gnupg.*|openssl|bash|apt-transport-https|software-properties-common|"
      + "lsb-release|dirmngr|python3?|python3-pip|python3-venv|py3-pip|nodejs|npm|yarn|maven|gradle|openjdk.*|rust|cargo|clang.*|llvm.*|"
      + "upx|sudo|vim|nano|less|procps|file|patch|perl|protobuf.*|swig|openssh.*|jq)$");

  private final Analysis a;
  private final Variant v;
  private final HardenOptions options;
  private final List<Note> notes = new ArrayList<>();
  private final List<TextEdit> edits = new ArrayList<>();
  private final Map<Instruction, String> replace = new IdentityHashMap<>();
  private final Map<Instruction, String> before = new IdentityHashMap<>();
  private final Map<Instruction, String> after = new IdentityHashMap<>();
  private Reason refusal;
  private String refusalMessage;
  private String builderName;
  private String venv;
  private Linkage linkage = Linkage.STATIC;

  private record TextEdit(int start, int end, String text) {}

  /** The runtime stage's image and what it has. */
  private record Runtime(String image, int uid, boolean shell, String pythonPath, String nodePath, List<String> packages) {}

  VariantWriter(Analysis a, Variant v, HardenOptions options) {
    this.a = a;
    this.v = v;
    this.options = options;
  }

  HardenResult write() {
    Runtime rt = runtime();
    if (refusal != null) {
      return new HardenResult.Refused(v, refusal, refusalMessage);
    }
    if (a.shippingWhy != null) {
      note(a.shippingWhy);
    }
    prepareBuilder(rt);
    if (refusal != null) {
      return new HardenResult.Refused(v, refusal, refusalMessage);
    }
    String runtimeStage = runtimeStage(rt);
    if (refusal != null) {
      return new HardenResult.Refused(v, refusal, refusalMessage);
    }
    StringBuilder out = new StringBuilder();
    emitOriginal(out);
    out.append(runtimeStage);
    return new HardenResult.Hardened(v, out.toString(), List.copyOf(notes));
  }

  private void refuse(Reason reason, String message) {
    if (refusal == null) {
      refusal = reason;
      refusalMessage = message;
    }
  }

  private void note(String message) {
    notes.add(new Note(false, message));
  }

  private void todo(String message) {
    notes.add(new Note(true, message));
  }

  // ---------------------------------------------------------------- runtime choice

  private Runtime runtime() {
    Language lang = a.language;
    if (a.needsShell != null && v != Variant.ALPINE) {
      refuse(Reason.NEEDS_SHELL, "the start command `" + oneLine(a.needsShell) + "` needs a shell, which " + v.id()
          + " has not: write it as one exec-form command, or use --variant alpine");
      return null;
    }
    String prog = a.startArgv().isEmpty() ? "" : a.startArgv().getFirst();
    if (v != Variant.ALPINE && (prog.endsWith(".sh") || Set.of("sh", "bash", "/bin/sh", "/bin/bash", "ash", "/bin/ash").contains(prog))) {
      refuse(Reason.NEEDS_SHELL, "the start command runs a shell script (" + prog + "), and " + v.id()
          + " has no shell: start the app directly, or use --variant alpine");
      return null;
    }
    if (lang.isNative()) {
      boolean musl = false;
      for (int i : a.sourceStages) {
        musl |= a.isMusl(a.model.stages().get(i));
      }
      linkage = linkage(lang, musl);
      String libc = musl ? "musl libc (an Alpine build stage)" : "glibc (a Debian/Ubuntu build stage)";
      if (v == Variant.SCRATCH && linkage != Linkage.STATIC) {
        refuse(Reason.NOT_STATIC, "scratch has no libc, and this " + lang.display + " binary links against " + libc
            + (lang == Language.GO ? " (cgo)" : "") + ": use --variant " + (musl ? "alpine" : "distroless"));
        return null;
      }
      if (linkage != Linkage.STATIC && musl && v != Variant.ALPINE) {
        refuse(Reason.UNSUPPORTED, "the " + lang.display + " binary links against " + libc + ", which " + v.id()
            + " does not have: use --variant alpine, or build on a Debian image");
        return null;
      }
      if (linkage != Linkage.STATIC && !musl && v == Variant.ALPINE) {
        refuse(Reason.UNSUPPORTED, "the " + lang.display + " binary links against " + libc
            + ", and Alpine has musl: use --variant distroless, or build on an Alpine image");
        return null;
      }
      return switch (v) {
        case DISTROLESS -> new Runtime(RuntimeImages.distrolessNative(linkage), RuntimeImages.DISTROLESS_UID, false, null, null, List.of());
        case CHAINGUARD -> new Runtime(RuntimeImages.chainguardNative(linkage), RuntimeImages.DISTROLESS_UID, false, null, null, List.of());
        case SCRATCH -> new Runtime("scratch", RuntimeImages.DISTROLESS_UID, false, null, null, List.of());
        case ALPINE -> new Runtime(RuntimeImages.ALPINE, RuntimeImages.ALPINE_UID, true, null, null,
            linkage == Linkage.CXX ? List.of("libstdc++", "libgcc") : List.of());
      };
    }
    if (v == Variant.SCRATCH) {
      refuse(Reason.NOT_STATIC, "scratch holds static binaries only, and a " + lang.display + " app needs its "
          + (lang == Language.DOTNET ? ".NET runtime" : "interpreter") + " and libc: use --variant distroless");
      return null;
    }
    switch (lang) {
      case PYTHON -> {
        return switch (v) {
          case DISTROLESS -> new Runtime(RuntimeImages.DISTROLESS_PYTHON_IMAGE, RuntimeImages.DISTROLESS_UID, false, "/usr/bin/python", null, List.of());
          case CHAINGUARD -> new Runtime(RuntimeImages.CHAINGUARD_PYTHON, RuntimeImages.DISTROLESS_UID, false, "/usr/bin/python", null, List.of());
          default -> new Runtime("python:" + RuntimeImages.alpinePython(a.pythonVersion()) + "-" + RuntimeImages.ALPINE_SUFFIX,
              RuntimeImages.ALPINE_UID, true, "/usr/local/bin/python", null, List.of());
        };
      }
      case NODE -> {
        int major = RuntimeImages.nodeMajor(a.nodeMajor());
        return switch (v) {
          case DISTROLESS -> new Runtime(RuntimeImages.distrolessNode(major), RuntimeImages.DISTROLESS_UID, false, null, "/nodejs/bin/node", List.of());
          case CHAINGUARD -> new Runtime(RuntimeImages.CHAINGUARD_NODE, RuntimeImages.DISTROLESS_UID, false, null, "/usr/bin/node", List.of());
          default -> new Runtime("node:" + major + "-" + RuntimeImages.ALPINE_SUFFIX, RuntimeImages.ALPINE_UID, true, null, "/usr/local/bin/node",
              List.of());
        };
      }
      case JAVA -> {
        int major = RuntimeImages.javaRuntimeMajor(a.javaMajor());
        if (major != a.javaMajor()) {
          note("the app was built for Java " + a.javaMajor() + "; the runtime is Java " + major + " (the supported LTS the runtime images ship)");
        }
        return switch (v) {
          case DISTROLESS -> new Runtime(RuntimeImages.distrolessJava(major), RuntimeImages.DISTROLESS_UID, false, null, null, List.of());
          case CHAINGUARD -> new Runtime(RuntimeImages.CHAINGUARD_JRE, RuntimeImages.DISTROLESS_UID, false, null, null, List.of());
          default -> new Runtime(RuntimeImages.ALPINE, RuntimeImages.ALPINE_UID, true, null, null, List.of("openjdk" + major + "-jre-headless"));
        };
      }
      default -> {
        return switch (v) {
          case DISTROLESS -> new Runtime(RuntimeImages.distrolessDotnet(true), 1654, false, null, null, List.of());
          case CHAINGUARD -> new Runtime(RuntimeImages.CHAINGUARD_ASPNET, RuntimeImages.DISTROLESS_UID, false, null, null, List.of());
          default -> new Runtime(RuntimeImages.alpineDotnet(true), RuntimeImages.ALPINE_UID, true, null, null, List.of());
        };
      }
    }
  }

  private Linkage linkage(Language lang, boolean musl) {
    List<RunStep> runs = a.buildRuns();
    switch (lang) {
      case GO -> {
        if (a.project.goNeedsCgo()) {
          return Linkage.LIBC;
        }
        for (RunStep r : runs) {
          if ("1".equals(Analysis.env(r.step()).get("CGO_ENABLED"))) {
            return Linkage.LIBC;
          }
          for (Invocation i : r.invocations()) {
            if (i.name().equals("go") && "1".equals(i.env().get("CGO_ENABLED"))) {
              return Linkage.LIBC;
            }
          }
        }
        return Linkage.STATIC;
      }
      case RUST -> {
        for (RunStep r : runs) {
          for (Invocation i : r.invocations()) {
            String target = i.flagValue("--target");
            if (i.name().equals("cargo") && target != null && target.contains("musl")) {
              return Linkage.STATIC;
            }
          }
        }
        return musl ? Linkage.STATIC : Linkage.CXX; // Rust on Alpine links musl statically by default
      }
      default -> {
        boolean cxx = false;
        for (RunStep r : runs) {
          for (Invocation i : r.invocations()) {
            if (i.args().contains("-static") || String.valueOf(i.env().get("LDFLAGS")).contains("-static")) {
              return Linkage.STATIC;
            }
            cxx |= Set.of("g++", "c++", "clang++", "cmake").contains(i.name());
          }
        }
        return cxx ? Linkage.CXX : Linkage.LIBC;
      }
    }
  }

  // ---------------------------------------------------------------- builder

  private void prepareBuilder(Runtime rt) {
    Stage last = a.last;
    if (a.buildFinal) {
      builderName = last.name();
      if (builderName == null) {
        builderName = a.model.stage("build").isPresent() ? "build-app" : "build";
        Instruction from = last.from().instruction();
        edits.add(new TextEdit(from.lastArgSpan().endOffset(), from.lastArgSpan().endOffset(), " AS " + builderName));
      }
      for (Command c : a.builtOnLater() ? List.<Command>of() : last.commands()) { // a dev stage FROM it inherits them: kept
        if (c instanceof Command.Cmd || c instanceof Command.Entrypoint || c instanceof Command.Expose || c instanceof Command.Healthcheck) {
          replace.put(c.instruction(), "# " + c.instruction().keyword().toUpperCase(Locale.ROOT) + ": in the runtime stage below\n");
        }
      }
    }
    Set<Stage> roots = new LinkedHashSet<>(); // a deps stage that is also the parent of a build stage is re-pointed once
    for (int i : a.sourceStages) {
      roots.add(a.rootOf(a.model.stages().get(i)));
    }
    for (Stage root : roots) {
      if (a.language == Language.PYTHON || a.language == Language.NODE) {
        rebase(root);
      }
    }
    if (refusal != null) {
      return;
    }
    for (Stage s : a.model.stages()) {
      if (a.buildFinal || s != last) {
        pinLatest(s);
      }
    }
    for (RunStep r : a.buildRuns()) {
      harden(r);
    }
    if (a.language == Language.PYTHON) {
      venv();
    }
    if (options.digests() != null) {
      for (Stage s : a.model.stages()) {
        if (!a.buildFinal && s == last) {
          continue;
        }
        Instruction from = s.from().instruction();
        String image = s.from().image();
        if (s.base() instanceof BaseImage.Image && !image.contains("$") && !image.contains("@") && !replaced(from)) {
          pin(image).ifPresent(p -> edits.add(new TextEdit(from.argSpan(0).startOffset(), from.argSpan(0).endOffset(), p)));
        }
      }
    }
  }

  /** A build stage FROM :latest (or no tag) gets the current tag of its image: a moving tag rebuilds with another toolchain. */
  private void pinLatest(Stage s) {
    if (!(s.base() instanceof BaseImage.Image img) || !img.reference().isLatestOrUntagged() || s.from().image().contains("$")) {
      return;
    }
    Instruction from = s.from().instruction();
    if (replaced(from)) {
      return;
    }
    String tag = RuntimeImages.pinnedTag(img.reference().hubEquivalent().repository());
    String name = img.reference().familiarName();
    if (tag == null) {
      todo("FROM " + s.from().image() + " follows :latest: pin it to a supported version");
      return;
    }
    edits.add(new TextEdit(from.argSpan(0).startOffset(), from.argSpan(0).endOffset(), name + ":" + tag));
    note("build stage FROM " + s.from().image() + " → " + name + ":" + tag + ": a pinned, supported version instead of the moving :latest");
  }

  private boolean replaced(Instruction from) {
    for (TextEdit e : edits) {
      if (e.start() == from.argSpan(0).startOffset() && e.end() == from.argSpan(0).endOffset()) {
        return true;
      }
    }
    return false;
  }

  private java.util.Optional<String> pin(String image) {
    java.util.Optional<String> d = options.digests().digest(image);
    if (d.isEmpty()) {
      note("--pin-digest: no digest found for " + image + "; left as a tag");
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(image + "@" + d.get());
  }

  /**
   * Points a Python or Node build stage at the interpreter the runtime has: the virtualenv and
   * native modules it builds only work with that version and libc.
   */
  private void rebase(Stage root) {
    Instruction from = root.from().instruction();
    String image = root.from().instruction().args().isEmpty() ? "" : from.args().getFirst();
    String repo = a.repositoryOf(root);
    boolean python = a.language == Language.PYTHON;
    String official = python ? "library/python" : "library/node";
    boolean musl = a.isMusl(root);
    if (!repo.equals(official) && !(v == Variant.CHAINGUARD && repo.equals(python ? "chainguard/python" : "chainguard/node"))) {
      if (python) {
        refuse(Reason.UNSUPPORTED, "Python comes from " + root.from().image() + " rather than the official python image, so the"
            + " virtualenv it builds would not run on the runtime's interpreter: build FROM python:" + RuntimeImages.DISTROLESS_PYTHON
            + "-slim-trixie first");
      } else {
        note("Node.js comes from " + root.from().image() + ", not the node image: native modules must match the runtime's Node.js");
      }
      return;
    }
    String tag = a.tagOf(root);
    boolean slim = tag.contains("slim");
    String target;
    String version;
    if (python) {
      version = v == Variant.ALPINE ? RuntimeImages.alpinePython(a.pythonVersion()) : RuntimeImages.DISTROLESS_PYTHON;
      target = switch (v) {
        case ALPINE -> "python:" + version + "-" + RuntimeImages.ALPINE_SUFFIX;
        case CHAINGUARD -> RuntimeImages.CHAINGUARD_PYTHON_DEV;
        default -> "python:" + version + (slim ? "-slim-trixie" : "-trixie");
      };
    } else {
      version = String.valueOf(RuntimeImages.nodeMajor(a.nodeMajor()));
      target = switch (v) {
        case ALPINE -> "node:" + version + "-" + RuntimeImages.ALPINE_SUFFIX;
        case CHAINGUARD -> RuntimeImages.CHAINGUARD_NODE_DEV;
        default -> "node:" + version + (slim ? "-trixie-slim" : "-trixie");
      };
    }
    if (image.contains("$")) {
      if (!rebaseArg(image, version, v == Variant.ALPINE ? "-" + RuntimeImages.ALPINE_SUFFIX : slim ? "-slim" : "")) {
        refuse(Reason.UNSUPPORTED, "the build stage's base " + image + " is set through ARGs that harden cannot point at the runtime's "
            + (python ? "Python" : "Node.js") + " (" + target + ")");
      }
      return;
    }
    if (!sameImage(image, target)) {
      edits.add(new TextEdit(from.argSpan(0).startOffset(), from.argSpan(0).endOffset(), target));
      note("build stage FROM " + image + " → " + target + ": the " + (python ? "virtualenv" : "node_modules")
          + " it builds must run on the runtime's " + (python ? "Python" : "Node.js") + " and libc");
    }
    boolean newMusl = v == Variant.ALPINE;
    if (v == Variant.CHAINGUARD) {
      boolean already = false;
      for (Command c : root.commands()) {
        if (!(c instanceof Command.From)) {
          already = c instanceof Command.User u && u.user().equals("root");
          break;
        }
      }
      if (!already) {
        after.merge(root.from().instruction(), "# Chainguard's -dev images run as nonroot; the build installs into system paths\nUSER root\n",
            String::concat);
      }
    }
    if (musl != newMusl || v == Variant.CHAINGUARD) {
      for (RunStep r : a.runs) {
        if (a.rootOf(r.stage()) != root || r.facts() == null) {
          continue; // the stages built FROM the re-pointed one have its package manager too
        }
        List<ShellFact.PackageOperation> ops = r.facts().facts(ShellFact.PackageOperation.class);
        boolean os = !r.facts().facts(ShellFact.UserCreation.class).isEmpty() && onlyUserCommands(r); // busybox and shadow flags differ
        for (ShellFact.PackageOperation op : ops) {
          os |= op.manager().isOsPackageManager() && (op.manager() != ShellFact.PackageManager.APK || v != Variant.CHAINGUARD);
        }
        if (os) {
          String why = "the build stage now runs on " + target + ", which has another package manager; install these packages there:";
          if (onlyPackageCommands(r)) {
            replace.put(r.run().instruction(), todoComment(why, r.run().instruction()));
          }
          todo(why + " " + oneLine(r.run().instruction().original()));
        }
      }
    }
  }

  private static boolean sameImage(String image, String target) {
    return image.equals(target) || image.startsWith(target + "@");
  }

  private static boolean onlyUserCommands(RunStep r) {
    for (Invocation i : r.invocations()) {
      if (!Set.of("adduser", "addgroup", "useradd", "groupadd", "usermod").contains(i.name())) {
        return false;
      }
    }
    return true;
  }

  private boolean onlyPackageCommands(RunStep r) {
    if (onlyUserCommands(r)) {
      return true;
    }
    for (Invocation i : r.invocations()) {
      String n = i.name();
      if (!(n.startsWith("apt") || n.equals("apk") || n.equals("rm") || n.equals("dpkg") || n.equals("yum") || n.equals("dnf")
          || n.equals("true") || n.equals("set"))) {
        return false;
      }
    }
    return true;
  }

  /** {@code FROM python:${PY}-slim}: points the global ARG's default at {@code version} and the suffix at the variant's. */
  private boolean rebaseArg(String image, String version, String suffix) {
    Matcher m = Pattern.compile("^(python|node):\\$\\{?([A-Za-z_][A-Za-z0-9_]*)\\}?(.*)$").matcher(image);
    if (!m.matches()) {
      return false;
    }
    for (ArgDecl d : a.model.globalArgs()) {
      if (d.name().equals(m.group(2)) && d.defaultValue() != null) {
        if (!d.defaultValue().equals(version)) {
          edits.add(new TextEdit(d.span().startOffset(), d.span().endOffset(), d.name() + "=" + version));
          note("ARG " + d.name() + "=" + d.defaultValue() + " → " + version + ": the build must use the runtime's interpreter");
        }
        String rest = m.group(3);
        boolean alpineSuffix = rest.contains("alpine");
        if (alpineSuffix != suffix.contains("alpine")) {
          for (Stage s : a.model.stages()) {
            if (s.from().instruction().args().getFirst().equals(image)) {
              Instruction f = s.from().instruction();
              String written = m.group(1) + ":${" + m.group(2) + "}" + suffix;
              edits.add(new TextEdit(f.argSpan(0).startOffset(), f.argSpan(0).endOffset(), written));
            }
          }
        }
        return true;
      }
    }
    return false;
  }

  /** Hardened flags on one build RUN: each edit is skipped when the flag is already there, so a hardened file stays as it is. */
  private void harden(RunStep r) {
    if (r.facts() == null) {
      return;
    }
    Map<String, String> stageEnv = Analysis.env(r.step());
    boolean cacheMount = false;
    for (Mount m : r.run().mounts()) {
      cacheMount |= m.isCache();
    }
    for (Invocation i : r.invocations()) {
      if (!editable(i)) {
        continue;
      }
      List<String> args = i.args();
      String action = args.isEmpty() ? "" : args.getFirst();
      switch (i.name()) {
        case "go" -> {
          if (!action.equals("build") && !action.equals("install")) {
            break;
          }
          String goflags = String.valueOf(i.env().getOrDefault("GOFLAGS", stageEnv.getOrDefault("GOFLAGS", "")));
          if (linkage == Linkage.STATIC && !i.env().containsKey("CGO_ENABLED") && !stageEnv.containsKey("CGO_ENABLED")) {
            edits.add(new TextEdit(i.words().getFirst().span().startOffset(), i.words().getFirst().span().startOffset(), "CGO_ENABLED=0 "));
          }
          StringBuilder add = new StringBuilder();
          if (!i.hasFlag("-trimpath") && !goflags.contains("-trimpath")) {
            add.append(" -trimpath");
          }
          String ld = i.flagValue("-ldflags", "--ldflags");
          if (ld == null && !goflags.contains("-ldflags")) {
            add.append(" -ldflags=\"-s -w\"");
          } else if (ld != null && !(ld.contains("-s") && ld.contains("-w")) && !ldflagsStripped(i)) {
            note("go build keeps its own -ldflags \"" + ld + "\"; add -s -w to it to strip the symbol table");
          }
          insertAfter(i.words().get(1), add.toString());
        }
        case "cargo" -> {
          StringBuilder add = new StringBuilder();
          if (action.equals("build") && !i.hasFlag("--release", "-r") && !i.args().contains("--profile")) {
            add.append(" --release");
          }
          if ((action.equals("build") || action.equals("install")) && !i.hasFlag("--locked", "--frozen") && cargoLock()) {
            add.append(" --locked");
          }
          insertAfter(i.words().get(1), add.toString());
        }
        default -> {
          int install = pipInstall(i);
          if (install >= 0 && !i.hasFlag("--no-cache-dir") && !stageEnv.containsKey("PIP_NO_CACHE_DIR") && !cacheMount) {
            insertAfter(i.words().get(install), " --no-cache-dir");
          }
          if (i.name().equals("npm") && (action.equals("install") || action.equals("i") || action.equals("ci")) && noPackages(args)) {
            npm(r, i, action);
          }
          if (i.name().equals("yarn") && (action.equals("install") || args.isEmpty()) && !i.hasFlag("--frozen-lockfile", "--immutable")
              && a.text.contains("yarn.lock")) {
            insertAfter(i.words().get(args.isEmpty() ? 0 : 1), " --frozen-lockfile");
          }
        }
      }
    }
  }

  /** Adds {@code -s -w} inside a quoted {@code -ldflags} value; false when it is not written that way. */
  private boolean ldflagsStripped(Invocation i) {
    List<String> args = i.args();
    for (int k = 0; k < args.size(); k++) {
      Word w = null;
      int at = 0;
      if ((args.get(k).equals("-ldflags") || args.get(k).equals("--ldflags")) && k + 2 < i.words().size()) {
        w = i.words().get(k + 2);
      } else if (args.get(k).startsWith("-ldflags=")) {
        w = i.words().get(k + 1);
        at = "-ldflags=".length();
      }
      if (w != null && w.raw().length() > at && (w.raw().charAt(at) == '"' || w.raw().charAt(at) == '\'')) {
        edits.add(new TextEdit(w.span().startOffset() + at + 1, w.span().startOffset() + at + 1, "-s -w "));
        return true;
      }
    }
    return false;
  }

  /** The word index of {@code install} in a pip install (pip, pip3, python -m pip), or -1. */
  private static int pipInstall(Invocation i) {
    List<String> args = i.args();
    if (i.name().matches("pip[0-9.]*") && !args.isEmpty() && args.getFirst().equals("install")) {
      return 1;
    }
    if (Analysis.isPipModule(i) && args.size() > 2 && args.get(2).equals("install")) {
      return 3;
    }
    return -1;
  }

  private void npm(RunStep r, Invocation i, String action) {
    boolean lock = a.project.has("package-lock.json") || a.project.has("npm-shrinkwrap.json") || a.text.contains("package-lock.json")
        || (a.project.isEmpty() && a.text.contains("package*.json"));
    if (!action.equals("ci") && lock) {
      Word w = i.words().get(1);
      edits.add(new TextEdit(w.span().startOffset(), w.span().endOffset(), "ci"));
    } else if (!action.equals("ci")) {
      note("npm install without a package-lock.json: commit one and use npm ci, so the build installs what was tested");
    }
    boolean builds = laterBuild(r);
    Stage child = a.firstBuiltOn(r.stage());
    if (child != null && !builds) {
      // pruning here would take the devDependencies from the build (or dev stage) FROM it; a note only when the runtime copies them
      if (a.sourceStages.contains(r.stage().index())) {
        note("devDependencies kept in '" + r.stage().displayName() + "': stage '" + child.displayName() + "' is built FROM it and may need them;"
            + " install production dependencies in a stage of their own to leave them out of the runtime");
      }
    } else if (!builds && !i.hasFlag("--omit", "--production", "--only")) {
      insertAfter(i.words().get(1), " --omit=dev");
    } else if (builds && !stagePrunes(r.stage())) {
      RunStep lastBuild = lastNodeBuild(r.stage());
      after.merge(lastBuild.run().instruction(), "# the build needed devDependencies; the runtime does not\nRUN npm prune --omit=dev\n",
          String::concat);
    }
  }

  private boolean laterBuild(RunStep from) {
    boolean seen = false;
    for (RunStep r : a.runs) {
      if (r == from) {
        seen = true;
      }
      if (seen && r.stage() == from.stage() && isNodeBuild(r)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNodeBuild(RunStep r) {
    for (Invocation i : r.invocations()) {
      List<String> args = i.args();
      if ((i.name().equals("npm") || i.name().equals("pnpm")) && !args.isEmpty() && (args.getFirst().equals("run") || args.getFirst().equals("build")
          || args.getFirst().equals("test") || args.getFirst().equals("exec"))) {
        return true;
      }
      if (i.name().equals("npx") || (i.name().equals("yarn") && !args.isEmpty() && !args.getFirst().equals("install"))) {
        return true;
      }
    }
    return false;
  }

  private RunStep lastNodeBuild(Stage s) {
    RunStep found = null;
    for (RunStep r : a.runs) {
      if (r.stage() == s && isNodeBuild(r)) {
        found = r;
      }
    }
    return found;
  }

  private boolean stagePrunes(Stage s) {
    for (RunStep r : a.runs) {
      for (Invocation i : r.invocations()) {
        if (r.stage() == s && i.name().equals("npm") && i.args().contains("prune")) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean noPackages(List<String> args) {
    for (int k = 1; k < args.size(); k++) {
      if (!args.get(k).startsWith("-")) {
        return false;
      }
    }
    return true;
  }

  private boolean cargoLock() {
    return a.project.has("Cargo.lock") || a.text.contains("Cargo.lock");
  }

  /** The words of {@code i} are where the source says: edits at their spans are exact. */
  private boolean editable(Invocation i) {
    if (i.words().size() < 2 && !i.name().equals("yarn")) {
      return false;
    }
    for (Word w : i.words()) {
      int s = w.span().startOffset();
      int e = w.span().endOffset();
      if (s < 0 || e > a.text.length() || !a.text.substring(s, e).equals(w.raw())) {
        return false;
      }
    }
    return true;
  }

  private void insertAfter(Word w, String text) {
    if (!text.isEmpty()) {
      edits.add(new TextEdit(w.span().endOffset(), w.span().endOffset(), text));
    }
  }

  /**
   * The virtualenv the runtime copies: the build's own ({@code python -m venv X}), else one made
   * before the first install. On distroless it is made with {@code /usr/bin/python}, the path the
   * runtime's interpreter has, so its {@code bin/python} link resolves there.
   */
  private void venv() {
    RunStep firstInstall = null;
    for (RunStep r : a.buildRuns()) {
      for (Invocation i : r.invocations()) {
        List<String> args = i.args();
        boolean module = i.name().startsWith("python") && args.size() >= 3 && args.get(0).equals("-m")
            && (args.get(1).equals("venv") || args.get(1).equals("virtualenv"));
        if (module || i.name().equals("virtualenv")) {
          String dir = lastNonFlag(args, module ? 2 : 0);
          if (dir == null) {
            continue;
          }
          venv = resolve(r.step().state().workdir(), dir);
          if (v == Variant.DISTROLESS && module && !i.words().getFirst().value().equals("/usr/bin/python") && editable(i)) {
            Word w = i.words().getFirst();
            edits.add(new TextEdit(w.span().startOffset(), w.span().endOffset(),
                "ln -sf /usr/local/bin/python /usr/bin/python && /usr/bin/python"));
            note("the virtualenv " + venv + " is made with /usr/bin/python, the path distroless has its Python at");
          }
          return;
        }
        if (firstInstall == null && (pipInstall(i) >= 0 || Set.of("poetry", "pipenv", "uv", "pdm").contains(i.name()))) {
          firstInstall = r;
          if (i.hasFlag("--user", "--prefix", "--target", "--system", "-t")) {
            todo("`" + oneLine(r.run().instruction().original()) + "` installs outside a virtualenv; the runtime copies only " + VENV
                + ": install into it instead");
          }
        }
      }
    }
    if (firstInstall == null || !a.buildFinal) {
      if (a.buildFinal) {
        note("the build installs no Python packages; the runtime copies the app's files only");
      }
      return;
    }
    venv = VENV;
    String python = v == Variant.DISTROLESS ? "ln -sf /usr/local/bin/python /usr/bin/python && /usr/bin/python" : "python";
    StringBuilder sb = new StringBuilder();
    sb.append("# a virtualenv holds the app's packages, so the runtime copies exactly them (no pip, no build tools)\n");
    if (v == Variant.DISTROLESS) {
      sb.append("# made with /usr/bin/python, where the distroless runtime has its interpreter\n");
    }
    sb.append("RUN ").append(python).append(" -m venv ").append(VENV).append('\n');
    sb.append("# no .pyc files written at run time, and logs unbuffered\n");
    sb.append("ENV VIRTUAL_ENV=").append(VENV).append(" PATH=\"").append(VENV).append("/bin:$PATH\" PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1");
    if (usesTool("uv")) {
      sb.append(" UV_PROJECT_ENVIRONMENT=").append(VENV);
    }
    if (usesTool("poetry")) {
      sb.append(" POETRY_VIRTUALENVS_CREATE=false");
    }
    sb.append('\n');
    before.merge(firstInstall.run().instruction(), sb.toString(), String::concat);
  }

  private boolean usesTool(String name) {
    for (RunStep r : a.buildRuns()) {
      for (Invocation i : r.invocations()) {
        if (i.name().equals(name)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String lastNonFlag(List<String> args, int from) {
    String found = null;
    for (int k = from; k < args.size(); k++) {
      if (!args.get(k).startsWith("-")) {
        found = args.get(k);
      }
    }
    return found;
  }

  // ---------------------------------------------------------------- emitting the original stages

  private void emitOriginal(StringBuilder out) {
    String text = a.text;
    int stage = -1;
    boolean header = false;
    for (Element e : a.file.elements()) {
      if (e instanceof Instruction i && i.command().equals("from")) {
        stage++;
        if (!header) {
          out.append("# Hardened by `bulwark harden --variant ").append(v.id()).append("`: the build stages keep the original build")
              .append(" (hardened flags added), and the last stage is a new ").append(v.id()).append(" runtime.\n");
          if (a.shippingWhy != null) {
            out.append("# ").append(Character.toUpperCase(a.shippingWhy.charAt(0))).append(a.shippingWhy.substring(1)).append(".\n");
          }
          header = true;
        }
      }
      if (!a.buildFinal && stage == a.last.index()) {
        continue; // the runtime below replaces it; the dev stages after it stay as written
      }
      int s = e.extent().startOffset();
      int end = e.extent().endOffset();
      if (e instanceof Instruction i) {
        String b = before.get(i);
        if (b != null) {
          out.append(b);
        }
        if (i.command().equals("from") && isChainguard(i) && !i.args().getFirst().contains("@")) {
          out.append(chainguardPragma());
        }
        String r = replace.get(i);
        if (r != null) {
          out.append(r);
        } else {
          out.append(applyEdits(text, s, end));
          if (!text.substring(s, end).endsWith("\n")) {
            out.append('\n');
          }
        }
        String af = after.get(i);
        if (af != null) {
          out.append(af);
        }
      } else {
        out.append(text, s, end);
        if (end == text.length() && !text.endsWith("\n")) {
          out.append('\n');
        }
      }
    }
    out.append('\n');
  }

  private boolean isChainguard(Instruction from) {
    for (TextEdit e : edits) {
      if (e.start() == from.argSpan(0).startOffset() && e.text().startsWith("cgr.dev/")) {
        return !e.text().contains("@");
      }
    }
    return from.args().getFirst().startsWith("cgr.dev/") && from.args().getFirst().contains(":latest");
  }

  private static String chainguardPragma() {
    return "# Chainguard's free images are published only as :latest (and -dev); `bulwark harden --pin-digest` pins them by digest\n"
        + "# bulwark ignore=BW-D002\n";
  }

  private String applyEdits(String text, int start, int end) {
    List<TextEdit> inside = new ArrayList<>();
    for (TextEdit e : edits) {
      if (e.start() >= start && e.end() <= end && e.start() < end) {
        inside.add(e);
      }
    }
    inside.sort((x, y) -> Integer.compare(y.start(), x.start()));
    StringBuilder sb = new StringBuilder(text.substring(start, end));
    for (TextEdit e : inside) {
      sb.replace(e.start() - start, e.end() - start, e.text());
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- the runtime stage

  private String runtimeStage(Runtime rt) {
    Stage last = a.last;
    String workdir = last.finalState().workdir();
    List<String> start = startCommand(rt, workdir);
    if (refusal != null) {
      return "";
    }
    Map<Integer, Integer> remap = new LinkedHashMap<>();
    List<String> exposed = new ArrayList<>();
    for (PortSpec p : last.exposedPorts()) {
      if (p.isPrivileged()) {
        int to = p.start() == 80 ? 8080 : p.start() == 443 ? 8443 : p.start() + 8000;
        remap.put(p.start(), to);
        exposed.add(to + (p.protocol().equals("tcp") ? "" : "/" + p.protocol()));
      } else {
        exposed.add(p.raw());
      }
    }
    Set<Integer> adjusted = new LinkedHashSet<>();
    start = remapArgs(start, remap, adjusted);

    StringBuilder sb = new StringBuilder();
    sb.append("# ---- runtime: ").append(rt.image()).append(" ----\n");
    sb.append(runtimeWhy(rt)).append('\n');
    String image = rt.image();
    if (options.digests() != null && !image.equals("scratch")) {
      image = pin(image).orElse(image);
    }
    if (image.startsWith("cgr.dev/") && !image.contains("@")) {
      sb.append(chainguardPragma());
    }
    sb.append("FROM ").append(image).append('\n');
    Set<String> ourEnv = new LinkedHashSet<>();
    String generatedRun = null;
    if (rt.shell()) {
      List<String> pkgs = new ArrayList<>(rt.packages());
      pkgs.addAll(runtimePackages(rt));
      Command.Healthcheck hc = last.healthcheck();
      if (hc != null && !hc.none() && hc.test() != null && hc.test().display().contains("curl") && !pkgs.contains("curl")) {
        pkgs.add("curl");
      }
      generatedRun = "RUN apk upgrade --no-cache" + (pkgs.isEmpty() ? "" : " && apk add --no-cache " + String.join(" ", pkgs))
          + " \\\n    && addgroup -S -g " + rt.uid() + " app && adduser -S -D -H -u " + rt.uid() + " -G app -s /sbin/nologin app";
      sb.append("# security fixes released since the base was built")
          .append(pkgs.isEmpty() ? "" : "; only the packages the app needs at run time")
          .append("; a dedicated user and group with fixed ids\n");
      sb.append(generatedRun).append('\n');
    }
    String env = generatedEnv(rt, ourEnv, remap, adjusted);
    if (!env.isEmpty()) {
      sb.append(env);
    }
    if (workdir == null && !a.last.from().image().contains("nonroot")) {
      // the original ran in its base's working directory, /; distroless :nonroot images start in /home/nonroot
      sb.append("# the original ran in /, its base image's working directory\nWORKDIR /\n");
    }
    if (a.buildFinal) {
      carriedFromBuilder(sb, rt, workdir, ourEnv, remap, adjusted);
    } else {
      carriedFromFinal(sb, rt, ourEnv, generatedRun, remap, adjusted);
    }
    for (Map.Entry<Integer, Integer> e : remap.entrySet()) {
      if (!adjusted.contains(e.getKey())) {
        todo("port " + e.getKey() + " is remapped to " + e.getValue() + ": make the app listen on " + e.getValue()
            + " (its listen address is not visible in the Dockerfile)");
      }
    }
    sb.append("# a fixed numeric non-root user: Kubernetes runAsNonRoot can verify it, and the app cannot modify its own files (owned by root)\n");
    sb.append("USER ").append(rt.uid()).append(':').append(rt.uid()).append('\n');
    if (!exposed.isEmpty()) {
      if (!remap.isEmpty()) {
        StringBuilder m = new StringBuilder();
        for (Map.Entry<Integer, Integer> e : remap.entrySet()) {
          m.append(m.isEmpty() ? "" : ", ").append(e.getKey()).append(" → ").append(e.getValue());
        }
        sb.append("# privileged port remapped (").append(m).append("): a non-root user cannot bind below 1024; publish it as -p ")
            .append(remap.keySet().iterator().next()).append(':').append(remap.values().iterator().next()).append('\n');
        note("privileged port remapped: " + m);
      }
      sb.append("EXPOSE ").append(String.join(" ", exposed)).append('\n');
    }
    sb.append(healthcheck(rt, exposed, start, remap));
    sb.append(labels(rt));
    if (a.needsShell != null) {
      String shell = json(List.of("/bin/sh", "-c", remapText(a.needsShell, remap)));
      sb.append("# the original shell form, written out as the /bin/sh -c it always ran as\n");
      if (a.shellEntrypoint) {
        sb.append("ENTRYPOINT ").append(shell).append('\n');
      } else {
        sb.append("ENTRYPOINT ").append(json(a.entrypoint)).append("\nCMD ").append(shell).append('\n');
      }
      note("the start command needs a shell; it runs as /bin/sh -c, as its shell form did");
      return sb.toString();
    }
    sb.append("# exec form: the app is PID 1 and gets SIGTERM directly\n");
    if (!a.entrypoint.isEmpty()) {
      {
        sb.append("ENTRYPOINT ").append(json(start.subList(0, a.entrypoint.size()))).append('\n');
        if (!a.cmd.isEmpty()) {
          sb.append("CMD ").append(json(start.subList(a.entrypoint.size(), start.size()))).append('\n');
        }
      }
    } else {
      // the original set only CMD: so does this, with the runtime image's own ENTRYPOINT cleared
      sb.append("ENTRYPOINT []\n");
      sb.append("CMD ").append(json(start)).append('\n');
    }
    return sb.toString();
  }

  private String runtimeWhy(Runtime rt) {
    return switch (v) {
      case DISTROLESS -> "# distroless: no shell, no package manager, runs as nonroot; only the app and its runtime ship";
      case ALPINE -> "# a pinned, supported Alpine (3.24, EOL 2028-06): small, with security updates applied below";
      case CHAINGUARD -> "# Chainguard (Wolfi): no shell, no package manager, runs as nonroot, rebuilt daily";
      case SCRATCH -> "# scratch: the static binary alone, plus CA certificates and a passwd entry";
    } + (rt.image().contains("dotnet") && v == Variant.DISTROLESS ? "\n# (.NET has no gcr.io/distroless image: Microsoft's chiseled Ubuntu images are its distroless)" : "");
  }

  private String generatedEnv(Runtime rt, Set<String> keys, Map<Integer, Integer> remap, Set<Integer> adjusted) {
    List<String> pairs = new ArrayList<>();
    String why = null;
    switch (a.language) {
      case PYTHON -> {
        if (venv != null) {
          pairs.add("VIRTUAL_ENV=" + venv);
          pairs.add("PATH=\"" + venv + "/bin:$PATH\"");
        }
        pairs.add("PYTHONDONTWRITEBYTECODE=1");
        pairs.add("PYTHONUNBUFFERED=1");
        why = "# the virtualenv first on PATH; no .pyc writes (the files are read-only), unbuffered logs";
      }
      case NODE -> {
        pairs.add("NODE_ENV=production");
        why = "# production mode: no dev-only code paths or verbose errors";
      }
      case DOTNET -> {
        String port = firstTcpPort();
        if (port != null && !a.last.finalState().env().containsKey("ASPNETCORE_URLS")) {
          pairs.add("ASPNETCORE_HTTP_PORTS=" + port);
          adjusted.addAll(remap.keySet());
        }
        if (dotnetSdkMajor() > 0 && dotnetSdkMajor() < 10) {
          pairs.add("DOTNET_ROLL_FORWARD=Major");
          todo("the app targets .NET " + dotnetSdkMajor() + ", which is past its end of life; the runtime is .NET "
              + RuntimeImages.DOTNET_CURRENT + " (DOTNET_ROLL_FORWARD=Major): move the project's TargetFramework to net10.0");
        }
        why = "# " + (port != null ? "the port the app listens on (one a non-root user can bind)" : "")
            + (pairs.stream().anyMatch(x -> x.startsWith("DOTNET_ROLL_FORWARD")) ? (port != null ? "; " : "")
            + "a supported .NET runs the app built for an end-of-life one" : "");
      }
      default -> {
        if (v == Variant.SCRATCH) {
          pairs.add("SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt");
          why = "# where TLS clients find the CA bundle copied below";
        }
      }
    }
    if (pairs.isEmpty()) {
      return "";
    }
    for (String p : pairs) {
      keys.add(p.substring(0, p.indexOf('=')));
    }
    return why + "\nENV " + String.join(" ", pairs) + "\n";
  }

  /** The first TCP port the runtime exposes, remapped when privileged. */
  private String firstTcpPort() {
    for (PortSpec p : a.last.exposedPorts()) {
      if (p.protocol().equals("tcp")) {
        int n = p.start();
        return String.valueOf(p.isPrivileged() ? (n == 80 ? 8080 : n == 443 ? 8443 : n + 8000) : n);
      }
    }
    return null;
  }

  private int dotnetSdkMajor() {
    for (int i : a.buildStages()) {
      Matcher m = Pattern.compile("^(\\d+)\\.").matcher(a.tagOf(a.model.stages().get(i)));
      if (a.repositoryOf(a.model.stages().get(i)).contains("dotnet") && m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    return 0;
  }

  /** The runtime of a final stage that built the app: copy the artifact (or the app's directories) out of the builder. */
  private void carriedFromBuilder(StringBuilder sb, Runtime rt, String workdir, Set<String> ourEnv, Map<Integer, Integer> remap,
      Set<Integer> adjusted) {
    Stage last = a.last;
    carryArgsAndEnv(sb, last.commands(), ourEnv, remap, adjusted);
    if (workdir != null) {
      sb.append("WORKDIR ").append(workdir).append('\n');
    }
    if (v == Variant.SCRATCH) {
      sb.append("# the CA bundle for TLS, and passwd/group entries so the numeric user has a name\n");
      String files = options.digests() != null ? pin(RuntimeImages.STATIC_FILES).orElse(RuntimeImages.STATIC_FILES) : RuntimeImages.STATIC_FILES;
      sb.append("COPY --from=").append(files).append(" /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\n");
      sb.append("COPY --from=").append(files).append(" /etc/passwd /etc/group /etc/\n");
    }
    List<String> copies = artifacts(workdir);
    if (refusal != null) {
      return;
    }
    sb.append("# only what the app needs at run time, owned by root so the app cannot change it\n");
    for (String c : copies) {
      sb.append("COPY --from=").append(builderName).append(' ').append(c).append(' ').append(c).append('\n');
    }
    if (a.language.isNative() && copies.size() == 1) {
      note("only the binary " + copies.getFirst() + " is copied: if the app reads other files at run time (templates, config), copy them too");
    }
    for (Command c : last.commands()) {
      if (c instanceof Command.Volume || c instanceof Command.StopSignal) {
        sb.append(instructionText(c.instruction())).append('\n');
      }
    }
    for (Command.Label l : last.commands(Command.Label.class)) {
      sb.append(instructionText(l.instruction())).append('\n');
    }
    for (Command.Onbuild o : last.commands(Command.Onbuild.class)) {
      sb.append(todoComment("ONBUILD is not carried into the runtime image:", o.instruction()));
      todo("ONBUILD not carried over: " + oneLine(o.instruction().original()));
    }
  }

  /** The runtime of a final stage that copies its app from earlier stages: its own instructions, filtered. */
  private void carriedFromFinal(StringBuilder sb, Runtime rt, Set<String> ourEnv, String generatedRun, Map<Integer, Integer> remap,
      Set<Integer> adjusted) {
    for (Step step : a.last.steps()) {
      Command c = step.command();
      Instruction ins = c.instruction();
      if (c instanceof Command.Arg || c instanceof Command.Env) {
        carryArgsAndEnv(sb, List.of(c), ourEnv, remap, adjusted);
      } else if (c instanceof Command.Workdir || c instanceof Command.Volume || c instanceof Command.StopSignal
          || c instanceof Command.Maintainer) {
        sb.append(instructionText(ins)).append('\n');
      } else if (c instanceof Command.Label l) {
        List<String> kept = new ArrayList<>();
        for (KeyValue kv : l.pairs()) {
          if (!kv.key().startsWith("org.opencontainers.image.")) {
            kept.add(a.text.substring(kv.keySpan().startOffset(), kv.valueSpan().endOffset()));
          }
        }
        if (!kept.isEmpty()) {
          sb.append("LABEL ").append(String.join(" ", kept)).append('\n');
        }
      } else if (c instanceof Command.Copy || c instanceof Command.Add) {
        String t = instructionText(ins);
        Flag chown = ins.flagNamed("chown");
        if (chown != null) {
          String written = a.text.substring(chown.span().startOffset(), chown.span().endOffset());
          t = t.replace(written + " ", "").replace(written, "");
          sb.append("# no --chown: root owns the app's files, so the app cannot modify them\n");
        }
        sb.append(t).append('\n');
      } else if (c instanceof Command.Run r) {
        runInRuntime(sb, rt, r, generatedRun);
      } else if (c instanceof Command.Onbuild || c instanceof Command.Shell) {
        sb.append(todoComment("not carried into the runtime image:", ins));
        todo("not carried over: " + oneLine(ins.original()));
      }
    }
  }

  private void runInRuntime(StringBuilder sb, Runtime rt, Command.Run r, String generatedRun) {
    Instruction ins = r.instruction();
    String t = instructionText(ins);
    if (generatedRun != null && t.equals(generatedRun)) {
      return; // ours, written above
    }
    var facts = Analysis.facts(r);
    boolean onlyUsers = facts != null && !facts.invocations().isEmpty();
    Set<String> pkgs = new LinkedHashSet<>();
    boolean onlyPackages = facts != null && !facts.invocations().isEmpty();
    if (facts != null) {
      for (Invocation i : facts.invocations()) {
        boolean user = Set.of("adduser", "addgroup", "useradd", "groupadd", "chown").contains(i.name());
        onlyUsers &= user;
        onlyPackages &= i.name().equals("apk") || i.name().startsWith("apt") || i.name().equals("rm") || i.name().equals("update-ca-certificates");
      }
      for (ShellFact.PackageOperation op : facts.facts(ShellFact.PackageOperation.class)) {
        for (ShellFact.PackageSpec p : op.packages()) {
          pkgs.add(p.name());
        }
      }
    }
    if (onlyUsers) {
      sb.append(commented("not carried over: the runtime runs as its own fixed non-root user, and root owns the app's files", ins));
      note("user creation not carried over (the runtime has its own non-root user): " + oneLine(ins.original()));
      return;
    }
    if (onlyPackages && Set.of("ca-certificates", "tzdata").containsAll(pkgs)) {
      sb.append(commented("not needed: the runtime already has " + String.join(" and ", pkgs), ins));
      return;
    }
    if (rt.shell() && facts != null && a.isMusl(a.last)) {
      sb.append("# carried over from the original final stage: review it\n").append(t).append('\n');
      return;
    }
    String why = rt.shell() ? "the original runtime step does not run on " + rt.image() + " as written:"
        : v.id() + " has no shell or package manager to run this step; do it in a build stage and COPY the result:";
    sb.append(todoComment(why, ins));
    todo(why + " " + oneLine(ins.original()));
  }

  /** ARG and ENV of the final stage, minus the build-only and debug settings and the ones harden writes itself. */
  private void carryArgsAndEnv(StringBuilder sb, List<Command> commands, Set<String> ours, Map<Integer, Integer> remap, Set<Integer> adjusted) {
    for (Command c : commands) {
      if (c instanceof Command.Arg arg && !a.buildFinal) {
        sb.append(instructionText(arg.instruction())).append('\n');
      } else if (c instanceof Command.Arg arg) {
        sb.append(instructionText(arg.instruction())).append('\n');
      } else if (c instanceof Command.Env env) {
        List<String> kept = new ArrayList<>();
        for (KeyValue kv : env.pairs()) {
          String written = a.text.substring(kv.keySpan().startOffset(), Math.max(kv.keySpan().endOffset(), kv.valueSpan().endOffset()));
          if (ours.contains(kv.key()) || BUILD_ONLY_ENV.contains(kv.key())) {
            continue;
          }
          if (DEBUG_ENV.matcher(kv.key()).matches() && isDebugValue(kv.key(), kv.value())) {
            sb.append("# ").append(kv.key()).append('=').append(kv.value()).append(" dropped: debug mode in production exposes internals\n");
            note(kv.key() + "=" + kv.value() + " dropped from the runtime: debug mode in production");
            continue;
          }
          if (kv.key().equals("PORT") || kv.key().endsWith("_PORT")) {
            String value = kv.value();
            for (Map.Entry<Integer, Integer> e : remap.entrySet()) {
              if (value.equals(String.valueOf(e.getKey()))) {
                written = kv.key() + "=" + e.getValue();
                adjusted.add(e.getKey());
              }
            }
          } else if (kv.key().equals("ASPNETCORE_URLS")) {
            String re = remapText(written, remap);
            if (!re.equals(written)) {
              adjusted.addAll(remap.keySet());
              written = re;
            }
          }
          kept.add(written);
        }
        if (!kept.isEmpty() && kept.size() == env.pairs().size() && !env.instruction().original().contains("=")) {
          sb.append(instructionText(env.instruction())).append('\n'); // legacy ENV key value form: as written
        } else if (!kept.isEmpty()) {
          sb.append("ENV ").append(String.join(" ", kept)).append('\n');
        }
      }
    }
  }

  private static boolean isDebugValue(String key, String value) {
    String v = value.toLowerCase(Locale.ROOT);
    if (key.equals("NODE_ENV")) {
      return v.equals("development");
    }
    if (key.equals("ASPNETCORE_ENVIRONMENT")) {
      return v.equals("development");
    }
    return v.equals("1") || v.equals("true") || v.equals("yes") || v.equals("on");
  }

  /** OS packages the app's build stage installs that are not build tools: the app may need them at run time. */
  private List<String> runtimePackages(Runtime rt) {
    Set<String> out = new LinkedHashSet<>();
    boolean apk = false;
    for (int idx : a.sourceStages) {
      Stage s = a.model.stages().get(idx);
      for (RunStep r : a.runs) {
        if (r.stage() != s || r.facts() == null) {
          continue;
        }
        for (ShellFact.PackageOperation op : r.facts().facts(ShellFact.PackageOperation.class)) {
          if (!op.isInstall() || !op.manager().isOsPackageManager()) {
            continue;
          }
          for (ShellFact.PackageSpec p : op.packages()) {
            if (!p.local() && !BUILD_PACKAGE.matcher(p.name()).matches() && !p.name().contains("$")) {
              out.add(p.name());
              apk = op.manager() == ShellFact.PackageManager.APK;
            }
          }
        }
      }
    }
    if (out.isEmpty()) {
      return List.of();
    }
    if (!rt.shell()) {
      todo("the build stage installs " + String.join(", ", out) + ": if the app needs them at run time, " + v.id()
          + " cannot install packages (use --variant alpine, or copy the files from a build stage)");
      return List.of();
    }
    if (!apk) {
      todo("the build stage installs " + String.join(", ", out) + " with apt; add their Alpine names to the runtime's apk add if the app needs them");
      return List.of();
    }
    return List.copyOf(out);
  }

  /** What the runtime copies from the builder: the binary, the jar, the publish directory, or the app's directories. */
  private List<String> artifacts(String workdir) {
    List<String> out = new ArrayList<>();
    List<String> start = a.startArgv();
    switch (a.language) {
      case GO, RUST, C -> {
        String bin = nativeBinary(workdir);
        if (bin == null) {
          return out;
        }
        out.add(bin);
      }
      case JAVA -> {
        int jar = start.indexOf("-jar");
        String path = jar >= 0 && jar + 1 < start.size() ? start.get(jar + 1) : null;
        if (path != null && !path.contains("*") && !path.contains("$")) {
          out.add(resolve(workdir, path));
        } else {
          out.addAll(appDirs(workdir));
        }
      }
      case DOTNET -> {
        String published = null;
        for (RunStep r : a.buildRuns()) {
          for (Invocation i : r.invocations()) {
            if (i.name().equals("dotnet") && !i.args().isEmpty() && i.args().getFirst().equals("publish")) {
              String o = i.flagValue("-o", "--output");
              if (o != null) {
                published = resolve(r.step().state().workdir(), o);
              }
            }
          }
        }
        if (published != null) {
          out.add(published);
        } else {
          out.addAll(appDirs(workdir));
        }
      }
      default -> {
        if (venv != null && a.language == Language.PYTHON) {
          out.add(venv);
        }
        for (String d : appDirs(workdir)) {
          if (!out.contains(d)) {
            out.add(d);
          }
        }
      }
    }
    if (out.isEmpty() && refusal == null) {
      refuse(Reason.UNKNOWN_APP, "cannot tell which files the app is: nothing is copied into the image");
    }
    return out;
  }

  /** The directories the build copied the app's sources into: the final WORKDIR, and any other destination outside it. */
  private List<String> appDirs(String workdir) {
    List<String> dirs = new ArrayList<>();
    for (Step step : a.last.steps()) {
      String dest;
      if (step.command() instanceof Command.Copy c && c.from() == null) {
        dest = c.destination();
      } else if (step.command() instanceof Command.Add ad) {
        dest = ad.destination();
      } else {
        continue;
      }
      String abs = resolve(step.state().workdir(), dest);
      String dir = workdir != null && (abs.equals(workdir) || abs.startsWith(workdir + "/")) ? workdir
          : dest.endsWith("/") || dest.equals(".") ? abs : abs;
      if (dir.equals("/")) {
        refuse(Reason.UNKNOWN_APP, "the app is copied into / (no WORKDIR), so there is no directory of its own to copy into the runtime");
        return List.of();
      }
      boolean covered = false;
      for (String d : dirs) {
        covered |= dir.equals(d) || dir.startsWith(d + "/");
      }
      if (!covered) {
        dirs.removeIf(d -> d.startsWith(dir + "/"));
        dirs.add(dir);
      }
    }
    if (dirs.isEmpty() && workdir != null) {
      dirs.add(workdir);
    }
    return dirs;
  }

  /** Where the native binary the start command runs was built: the path it names, or what the build wrote under that name. */
  private String nativeBinary(String workdir) {
    List<String> start = a.startArgv();
    String prog = start.isEmpty() ? a.shellProgram() : start.getFirst();
    if (prog == null) {
      refuse(Reason.UNKNOWN_APP, "the start command `" + oneLine(String.valueOf(a.needsShell)) + "` does not name the binary it runs");
      return null;
    }
    if (prog.contains("/")) {
      return resolve(workdir, prog);
    }
    for (Step step : a.last.steps()) {
      if (!a.buildFinal && step.command() instanceof Command.Copy c && !c.sources().isEmpty()) {
        String dest = resolve(step.state().workdir(), c.destination());
        if (Analysis.base(dest).equals(prog) && !c.destination().endsWith("/")) {
          return dest;
        }
        if (Analysis.base(c.sources().getLast()).equals(prog)) {
          return dest + "/" + prog;
        }
      }
    }
    for (RunStep r : a.buildRuns()) {
      String wd = r.step().state().workdir();
      for (Invocation i : r.invocations()) {
        List<String> args = i.args();
        if (i.name().equals("go") && !args.isEmpty()) {
          String o = i.flagValue("-o");
          if (args.getFirst().equals("build") && o != null) {
            String path = o.endsWith("/") ? o + prog : o;
            if (Analysis.base(path).equals(prog)) {
              return resolve(wd, path);
            }
          }
          if (args.getFirst().equals("install")) {
            String gopath = Analysis.env(r.step()).getOrDefault("GOPATH", "/go");
            return gopath + "/bin/" + prog;
          }
          if (args.getFirst().equals("build") && o == null && (prog.equals(a.project.goBinaryName()) || wd != null && Analysis.base(wd).equals(prog))) {
            return resolve(wd, prog);
          }
        }
        if (i.name().equals("cargo") && !args.isEmpty() && args.getFirst().equals("install")) {
          return Analysis.env(r.step()).getOrDefault("CARGO_HOME", "/usr/local/cargo") + "/bin/" + prog;
        }
        if ((i.name().equals("cp") || i.name().equals("mv") || i.name().equals("install")) && args.size() >= 2) {
          String dest = args.getLast();
          if (Analysis.base(dest).equals(prog)) {
            return resolve(wd, dest);
          }
          if (dest.endsWith("/") || dest.endsWith("/bin")) {
            String src = args.get(args.size() - 2);
            if (Analysis.base(src).equals(prog)) {
              return resolve(wd, (dest.endsWith("/") ? dest : dest + "/") + prog);
            }
          }
        }
      }
    }
    if (a.language == Language.RUST && prog.equals(a.project.cargoName()) && workdir != null) {
      return workdir + "/target/release/" + prog;
    }
    refuse(Reason.UNKNOWN_APP, "the start command runs `" + prog + "` from PATH, and the build does not say where it wrote it;"
        + " name the binary by its path in CMD/ENTRYPOINT");
    return null;
  }

  /** The exec argv the runtime starts, with interpreters at the paths the runtime image has. */
  private List<String> startCommand(Runtime rt, String workdir) {
    List<String> argv = new ArrayList<>(a.startArgv());
    if (a.needsShell != null) {
      return argv;
    }
    if (argv.isEmpty()) {
      refuse(Reason.NO_START_COMMAND, "the start command is empty");
      return argv;
    }
    String prog = argv.getFirst();
    String base = Analysis.base(prog);
    switch (a.language) {
      case GO, RUST, C -> {
        if (!prog.contains("/")) {
          String bin = nativeBinary(workdir);
          if (bin != null) {
            argv.set(0, bin);
          }
        }
      }
      case NODE -> {
        if (Set.of("npm", "yarn", "pnpm").contains(base)) {
          List<String> rest = argv.subList(1, argv.size());
          boolean start = rest.equals(List.of("start")) || rest.equals(List.of("run", "start"));
          if (!start) {
            return npmNeedsShell(rt, argv);
          }
          String script = a.project.npmStartScript();
          if (script == null) {
            if (!a.project.has("package.json")) {
              return npmNeedsShell(rt, argv);
            }
            script = "node server.js"; // npm's own default when package.json has no start script
          }
          List<String> words = Analysis.plainWords(script);
          if (words == null) {
            return npmNeedsShell(rt, argv);
          }
          note("`" + String.join(" ", argv) + "` runs the start script `" + script + "`: the runtime starts it directly (no npm in between)");
          argv = new ArrayList<>(words);
          prog = argv.getFirst();
          base = Analysis.base(prog);
        }
        if (base.equals("node") || base.equals("nodejs")) {
          argv.set(0, rt.nodePath());
        } else if (!prog.contains("/")) {
          argv.set(0, "node_modules/.bin/" + prog);
          argv.addFirst(rt.nodePath());
        }
      }
      case PYTHON -> {
        if (base.matches("python[0-9.]*")) {
          argv.set(0, venv != null ? venv + "/bin/python" : rt.pythonPath());
        } else if (!prog.contains("/") && venv != null) {
          argv.set(0, venv + "/bin/" + prog);
        }
      }
      case JAVA -> {
        if (base.equals("java")) {
          argv.set(0, "/usr/bin/java");
        }
      }
      default -> {
      }
    }
    return argv;
  }

  private List<String> npmNeedsShell(Runtime rt, List<String> argv) {
    if (rt.shell()) {
      note("`" + String.join(" ", argv) + "` is kept: the start script could not be read as one plain command");
      return argv;
    }
    refuse(Reason.NEEDS_SHELL, "`" + String.join(" ", argv) + "` needs npm and a shell to run its script, which " + v.id()
        + " has not, and package.json's start script is not one plain command harden can run directly: use --variant alpine");
    return argv;
  }

  private static final Pattern PORT_FLAG = Pattern.compile("^(--port=|-p=|--http-port=|--server\\.port=|-Dserver\\.port=)(\\d+)$");

  /** Listen flags in the start command ({@code --port=80}, {@code -b 0.0.0.0:80}) moved with the remapped ports. */
  private List<String> remapArgs(List<String> argv, Map<Integer, Integer> remap, Set<Integer> adjusted) {
    if (remap.isEmpty()) {
      return argv;
    }
    List<String> out = new ArrayList<>(argv);
    for (int k = 0; k < out.size(); k++) {
      String arg = out.get(k);
      Matcher m = PORT_FLAG.matcher(arg);
      if (m.matches() && remap.containsKey(Integer.parseInt(m.group(2)))) {
        int from = Integer.parseInt(m.group(2));
        out.set(k, m.group(1) + remap.get(from));
        adjusted.add(from);
        continue;
      }
      String prev = k > 0 ? out.get(k - 1) : "";
      if (Set.of("--port", "-p", "--http-port").contains(prev) && arg.matches("\\d+") && remap.containsKey(Integer.parseInt(arg))) {
        adjusted.add(Integer.parseInt(arg));
        out.set(k, String.valueOf(remap.get(Integer.parseInt(arg))));
        continue;
      }
      if (Set.of("--bind", "-b", "--listen", "--addr", "-addr", "--urls", "--host").contains(prev) || arg.startsWith("--bind=")
          || arg.startsWith("--urls=") || arg.startsWith("--listen=") || arg.startsWith("-addr=") || arg.startsWith("--addr=")) {
        String re = remapText(arg, remap);
        if (!re.equals(arg)) {
          adjusted.addAll(remapped(arg, remap));
          out.set(k, re);
        }
      }
    }
    return out;
  }

  private static Set<Integer> remapped(String text, Map<Integer, Integer> remap) {
    Set<Integer> out = new LinkedHashSet<>();
    Matcher m = PORT_IN_URL.matcher(text);
    while (m.find()) {
      int p = Integer.parseInt(m.group(2));
      if (remap.containsKey(p)) {
        out.add(p);
      }
    }
    return out;
  }

  private static String remapText(String text, Map<Integer, Integer> remap) {
    Matcher m = PORT_IN_URL.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      int p = Integer.parseInt(m.group(2));
      m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + (remap.containsKey(p) ? remap.get(p) : p)));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private String healthcheck(Runtime rt, List<String> exposed, List<String> start, Map<Integer, Integer> remap) {
    Command.Healthcheck hc = a.last.healthcheck();
    String port = null;
    for (String e : exposed) {
      if (!e.contains("/udp") && port == null) {
        port = e.replaceAll("[^0-9].*$", "");
      }
    }
    if (hc != null && hc.none()) {
      return instructionText(hc.instruction()) + "\n";
    }
    if (hc != null && hc.test() != null) {
      boolean runnable = rt.shell();
      if (!runnable && hc.test() instanceof CommandLine.Exec e && !e.argv().isEmpty() && !start.isEmpty()
          && e.argv().getFirst().equals(start.getFirst())) {
        runnable = true; // the app checks itself: its binary is in the runtime
      }
      if (runnable) {
        return "# the original health check\n" + remapText(instructionText(hc.instruction()), remap) + "\n";
      }
      todo("HEALTHCHECK `" + oneLine(hc.test().display()) + "` needs tools " + v.id() + " has not: probe the app from the orchestrator");
      return "# No HEALTHCHECK: " + v.id() + " has no shell or HTTP client to run `" + oneLine(hc.test().display()) + "`;\n"
          + "# probe the app from the orchestrator instead (Kubernetes livenessProbe/readinessProbe"
          + (port != null ? " on port " + port : "") + ")\n";
    }
    if (!rt.shell()) {
      return "# No HEALTHCHECK: " + v.id() + " has no shell or HTTP client to run one; use the orchestrator's probe"
          + (port != null ? " (Kubernetes httpGet or tcpSocket on port " + port + ")" : "") + "\n";
    }
    if (port == null) {
      return "# No HEALTHCHECK: the app exposes no port to probe; add one that runs the app's own check\n";
    }
    String path = options.healthPath();
    if (path == null) {
      // a guessed path that answers 404, or a port that does not speak HTTP, would mark a healthy app unhealthy
      return "# No HEALTHCHECK: no health endpoint is known; when the app has one, add e.g.\n"
          + "#   HEALTHCHECK CMD [\"wget\", \"-q\", \"-O\", \"/dev/null\", \"http://127.0.0.1:" + port + "/healthz\"]\n";
    }
    note("HEALTHCHECK added: GET http://127.0.0.1:" + port + path + " with busybox wget (the path the app's sources name)");
    return "# busybox wget asks the app's own health endpoint\n"
        + "HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 CMD [\"wget\", \"-q\", \"-O\", \"/dev/null\", \"http://127.0.0.1:"
        + port + path + "\"]\n";
  }

  private String labels(Runtime rt) {
    return "# OCI labels: what the image is and what it is built on\n"
        + "LABEL org.opencontainers.image.title=\"" + options.title().replace("\"", "") + "\" \\\n"
        + "      org.opencontainers.image.base.name=\"" + rt.image() + "\"\n";
  }

  // ---------------------------------------------------------------- text helpers

  private String instructionText(Instruction i) {
    String t = a.text.substring(i.extent().startOffset(), i.extent().endOffset());
    // the extent is whole lines: drop the comment lines BuildKit allows inside continuations? keep them; trim the end
    return t.stripTrailing();
  }

  private String todoComment(String why, Instruction i) {
    return commented("TODO(bulwark): " + why, i);
  }

  private String commented(String why, Instruction i) {
    StringBuilder sb = new StringBuilder("# ").append(why).append('\n');
    for (String line : instructionText(i).split("\n", -1)) {
      sb.append("#   ").append(line.stripTrailing()).append('\n');
    }
    return sb.toString();
  }

  static String oneLine(String s) {
    String t = s.replaceAll("\\\\\\r?\\n", " ").replaceAll("\\s+", " ").strip();
    return t.length() > 160 ? t.substring(0, 157) + "..." : t;
  }

  /** {@code path} made absolute against {@code workdir} (BuildKit's rule for COPY and RUN) and normalized. */
  static String resolve(String workdir, String path) {
    String p = path.startsWith("/") ? path : (workdir == null ? "/" : workdir) + "/" + path;
    return "/" + dev.bulwark.core.path.UnixPaths.clamp(p);
  }

  static String json(List<String> argv) {
    StringBuilder sb = new StringBuilder("[");
    for (int k = 0; k < argv.size(); k++) {
      if (k > 0) {
        sb.append(", ");
      }
      sb.append('"');
      for (char c : argv.get(k).toCharArray()) {
        switch (c) {
          case '"' -> sb.append("\\\"");
          case '\\' -> sb.append("\\\\");
          case '\n' -> sb.append("\\n");
          case '\t' -> sb.append("\\t");
          default -> sb.append(c);
        }
      }
      sb.append('"');
    }
    return sb.append(']').toString();
  }

  @SuppressWarnings("unused")
  private static boolean isImage(String ref) {
    return ImageReference.tryParse(ref).isPresent();
  }
}
