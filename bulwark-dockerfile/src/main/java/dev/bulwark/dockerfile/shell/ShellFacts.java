package dev.bulwark.dockerfile.shell;

import dev.bulwark.core.text.Span;
import dev.bulwark.dockerfile.shell.ShellFact.PackageManager;
import dev.bulwark.dockerfile.shell.ShellFact.PackageSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognizes what a parsed script does: package-manager calls with their packages and
 * versions, downloads (and whether they are piped into an interpreter), user creation,
 * permission changes, sudo, and compiler invocations with their flags and environment.
 */
public final class ShellFacts {
  // compiled once: String.matches compiles its pattern on every call, and these run for every command
  private static final Pattern PYTHON = Pattern.compile("python[0-9.]*");
  private static final Pattern PIP = Pattern.compile("pip[0-9.]*");
  private static final Pattern VERSION_SUFFIX = Pattern.compile("[0-9.]+$");
  private static final Set<String> WRAPPERS = Set.of("sudo", "env", "nice", "nohup", "time", "exec", "command", "doas", "su-exec", "gosu",
      "xargs");
  /** xargs options that take the next word as their value ({@code xargs -n 1 apt-get install}). */
  private static final Set<String> XARGS_VALUE = Set.of("-a", "-d", "-E", "-I", "-L", "-n", "-P", "-s", "--arg-file", "--delimiter",
      "--eof", "--max-lines", "--max-args", "--max-procs", "--max-chars", "--process-slot-var");
  private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ash", "ksh", "mksh", "busybox");
  private static final Set<String> INTERPRETERS =
      Set.of("sh", "bash", "dash", "zsh", "ash", "ksh", "python", "python2", "python3", "perl", "ruby", "node", "php");
  private static final Pattern URL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
  /** {@code sh -c "..."} is parsed again; this bounds how deep. */
  private static final int MAX_NESTED_SHELLS = 3;

  private final Script script;
  private final List<Invocation> invocations;
  private final List<ShellFact> facts;
  private final boolean pipefail;
  private volatile TypedFacts[] factsByType = new TypedFacts[0];

  private ShellFacts(Script script, List<Invocation> invocations, List<ShellFact> facts, boolean pipefail) {
    this.script = script;
    this.invocations = invocations;
    this.facts = facts;
    this.pipefail = pipefail;
  }

  /** The script the facts were read from. */
  public Script script() {
    return script;
  }

  /** Every command that runs, unwrapped, in source order. */
  public List<Invocation> invocations() {
    return invocations;
  }

  public List<ShellFact> facts() {
    return facts;
  }

  /**
   * The facts of one type, unmodifiable. Memoized per type: some forty rule checks ask each RUN for
   * its facts of a type, and filtering afresh for each was a visible share of a scan. The memo is a
   * short array compared by identity (a hash map cost more than the filtering it saved); a race
   * between threads only repeats the filtering.
   */
  @SuppressWarnings("unchecked")
  public <T extends ShellFact> List<T> facts(Class<T> type) {
    if (facts.isEmpty()) {
      return List.of();
    }
    TypedFacts[] memo = factsByType;
    for (TypedFacts t : memo) {
      if (t.type() == type) {
        return (List<T>) t.facts();
      }
    }
    List<?> filtered = filter(type);
    TypedFacts[] grown = Arrays.copyOf(memo, memo.length + 1);
    grown[memo.length] = new TypedFacts(type, filtered);
    factsByType = grown;
    return (List<T>) filtered;
  }

  private record TypedFacts(Class<?> type, List<?> facts) {}

  private List<?> filter(Class<?> type) {
    List<Object> out = new ArrayList<>();
    for (ShellFact f : facts) {
      if (type.isInstance(f)) {
        out.add(f);
      }
    }
    return List.copyOf(out);
  }

  /** True when the script turns on {@code set -o pipefail} (or {@code set -eo pipefail}). */
  public boolean setsPipefail() {
    return pipefail;
  }

  public static ShellFacts of(Script script) {
    List<Invocation> invocations = new ArrayList<>();
    List<ShellFact> facts = new ArrayList<>();
    boolean[] pipefail = {false};
    collect(script, new HashMap<>(), invocations, facts, pipefail, 0);
    return new ShellFacts(script, List.copyOf(invocations), List.copyOf(facts), pipefail[0]);
  }

  private static void collect(Script script, Map<String, String> exported, List<Invocation> invocations, List<ShellFact> facts,
      boolean[] pipefail, int nesting) {
    // Pipelines first, so "curl ... | sh" is known when the download is recognized.
    Map<SimpleCommand, String> pipedInto = new HashMap<>();
    for (Script.Pipeline p : script.pipelines()) {
      List<ShellCommand> cmds = p.commands();
      for (int i = 0; i + 1 < cmds.size(); i++) {
        if (cmds.get(i) instanceof SimpleCommand left && cmds.get(i + 1) instanceof SimpleCommand right) {
          Invocation r = unwrap(right, exported);
          if (r != null && INTERPRETERS.contains(interpreterName(r.name()))) {
            pipedInto.put(left, r.name());
          }
        }
      }
    }
    // sh -c "$(curl ...)" and bash <(curl ...) run what they download too
    script.visit(sc -> {
      if (!hasCommandSubstitution(sc)) {
        return; // nearly every command: no need to unwrap it here as well as below
      }
      Invocation shell = unwrap(sc, exported);
      if (shell == null || !SHELLS.contains(shell.name())) {
        return;
      }
      for (Word w : sc.words()) {
        for (WordPart part : w.parts()) {
          if (part instanceof WordPart.CommandSubstitution cs) {
            for (SimpleCommand inside : cs.script().simpleCommands()) {
              pipedInto.put(inside, shell.name());
            }
          }
        }
      }
    });
    // V=$(curl -s URL | jq -r .version): what the substitution fetches only sets a variable
    Map<SimpleCommand, String> captured = new HashMap<>();
    script.visit(sc -> {
      if (!sc.words().isEmpty()) {
        return;
      }
      for (SimpleCommand.Assignment a : sc.assignments()) {
        for (WordPart part : a.value().parts()) {
          if (part instanceof WordPart.CommandSubstitution cs) {
            for (SimpleCommand inside : cs.script().simpleCommands()) {
              captured.putIfAbsent(inside, a.name());
            }
          }
        }
      }
    });
    script.visit(sc -> {
      Invocation inv = unwrap(sc, exported);
      if (inv == null) {
        return;
      }
      invocations.add(inv);
      if (inv.name().equals("export")) {
        for (String a : inv.args()) {
          int eq = a.indexOf('=');
          if (eq > 0) {
            exported.put(a.substring(0, eq), a.substring(eq + 1));
          }
        }
      }
      if (inv.name().equals("set") && inv.args().contains("pipefail")) {
        pipefail[0] = true;
      }
      if (inv.viaSudo()) {
        facts.add(new ShellFact.Sudo(inv));
      }
      recognize(inv, pipedInto.get(sc), captured.get(sc), facts);
      if (SHELLS.contains(inv.name()) && nesting < MAX_NESTED_SHELLS) {
        // sh -c 'script': what the string runs (a substituted string was visited already)
        Word inner = inv.args().contains("-c") ? wordAfter(sc, "-c") : null;
        if (inner != null && inner.isStatic()) {
          collect(ShellParser.parse(inner.value(), inner.valueMap()).script(), exported, invocations, facts, pipefail, nesting + 1);
        }
      }
    });
  }

  private static boolean hasCommandSubstitution(SimpleCommand sc) {
    for (Word w : sc.words()) {
      for (WordPart part : w.parts()) {
        if (part instanceof WordPart.CommandSubstitution) {
          return true;
        }
      }
    }
    return false;
  }

  /** The word of {@code sc} holding the argument after {@code flag} (the -c script). */
  private static Word wordAfter(SimpleCommand sc, String flag) {
    List<Word> words = sc.words();
    for (int i = 1; i + 1 < words.size(); i++) {
      if (words.get(i).value().equals(flag)) {
        return words.get(i + 1);
      }
    }
    return null;
  }

  private static String interpreterName(String name) {
    return VERSION_SUFFIX.matcher(name).replaceAll("").equals("python") ? "python" : name;
  }

  /** Strips wrappers and paths; null for a bare assignment. */
  /** {@code root}, {@code 0} or sudo's {@code #0}: the target user of {@code sudo -u} that keeps root. */
  private static boolean isRootUser(String user) {
    return user.equals("root") || user.matches("#?0+");
  }

  static Invocation unwrap(SimpleCommand sc, Map<String, String> exported) {
    List<String> argv = new ArrayList<>(sc.argv());
    List<Word> words = new ArrayList<>(sc.words()); // kept in step with argv
    Map<String, String> env = new HashMap<>(exported);
    for (SimpleCommand.Assignment a : sc.assignments()) {
      env.put(a.name(), a.value().value());
    }
    boolean sudo = false;
    while (!argv.isEmpty()) {
      String name = baseName(argv.getFirst());
      if (!WRAPPERS.contains(name)) {
        break;
      }
      boolean elevates = name.equals("sudo") || name.equals("doas");
      dropFirst(argv, words);
      // wrapper options (sudo -u user, env -i, nice -n 5) and env's VAR=value words
      while (!argv.isEmpty()) {
        String a = argv.getFirst();
        if (a.startsWith("-")) {
          dropFirst(argv, words);
          if (name.equals("xargs")) {
            if (XARGS_VALUE.contains(a) && !argv.isEmpty()) {
              dropFirst(argv, words);
            }
          } else if ((a.equals("-u") || a.equals("-g") || a.equals("-n") || a.equals("-C")) && !argv.isEmpty()) {
            if (a.equals("-u") && elevates && !isRootUser(argv.getFirst())) {
              elevates = false; // sudo -u app: the build's root drops to a user, the opposite of escalation
            }
            dropFirst(argv, words);
          }
        } else if (name.equals("env") && a.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
          int eq = a.indexOf('=');
          env.put(a.substring(0, eq), a.substring(eq + 1));
          dropFirst(argv, words);
        } else if ((name.equals("su-exec") || name.equals("gosu")) && !a.contains("/")) {
          dropFirst(argv, words); // the user to switch to
          break;
        } else {
          break;
        }
      }
      sudo |= elevates;
    }
    if (argv.isEmpty()) {
      return null;
    }
    String first = argv.getFirst();
    // only a literal program path is reduced to its base name; "$(cmd)" stays as written
    String name = first.contains("$") || first.contains("`") ? first : baseName(first);
    List<String> args = List.copyOf(argv.subList(1, argv.size()));
    // python -m pip ... is pip
    if (PYTHON.matcher(name).matches() && args.size() >= 2 && args.get(0).equals("-m") && args.get(1).equals("pip")) {
      name = "pip";
      args = args.subList(2, args.size());
      words.subList(1, 3).clear();
    }
    return new Invocation(sc, name, args, Map.copyOf(env), sudo, List.copyOf(words));
  }

  private static void dropFirst(List<String> argv, List<Word> words) {
    argv.removeFirst();
    words.removeFirst();
  }

  static String baseName(String word) {
    int slash = word.lastIndexOf('/');
    return slash >= 0 ? word.substring(slash + 1) : word;
  }

  private static void recognize(Invocation inv, String pipedInto, String capturedInto, List<ShellFact> facts) {
    String name = inv.name();
    PackageManager pm = switch (name) {
      case "apt-get" -> PackageManager.APT_GET;
      case "apt" -> PackageManager.APT;
      case "apk" -> PackageManager.APK;
      case "yum" -> PackageManager.YUM;
      case "dnf" -> PackageManager.DNF;
      case "microdnf" -> PackageManager.MICRODNF;
      case "zypper" -> PackageManager.ZYPPER;
      case "npm" -> PackageManager.NPM;
      case "yarn" -> PackageManager.YARN;
      case "pnpm" -> PackageManager.PNPM;
      case "gem" -> PackageManager.GEM;
      case "cargo" -> PackageManager.CARGO;
      case "go" -> PackageManager.GO;
      default -> PIP.matcher(name).matches() ? PackageManager.PIP : null;
    };
    if (pm != null) {
      ShellFact f = packageOperation(inv, pm);
      if (f != null) {
        facts.add(f);
      }
      if (pm == PackageManager.GO || pm == PackageManager.CARGO) {
        String sub = inv.args().isEmpty() ? "" : inv.args().getFirst();
        if (sub.equals("build") || (pm == PackageManager.GO && sub.equals("install") && f == null)) {
          facts.add(new ShellFact.Compile(inv, name, inv.args().subList(1, inv.args().size()), inv.env()));
        }
      }
      return;
    }
    switch (name) {
      case "curl", "wget" -> facts.add(download(inv, pipedInto, capturedInto));
      case "useradd", "adduser", "groupadd", "addgroup" -> facts.add(userCreation(inv));
      case "chmod", "chown", "chgrp" -> {
        List<String> operands = operands(inv.args(), Set.of("--reference"), name.equals("chmod"));
        if (!operands.isEmpty()) {
          facts.add(new ShellFact.PermissionChange(inv, operands.getFirst(), List.copyOf(operands.subList(1, operands.size())),
              inv.hasFlag("-R", "--recursive")));
        }
      }
      default -> {}
    }
  }

  private static ShellFact.Download download(Invocation inv, String pipedInto, String capturedInto) {
    List<String> urls = new ArrayList<>();
    for (String a : inv.args()) {
      if (URL.matcher(a).matches()) {
        urls.add(a);
      }
    }
    boolean insecure = inv.name().equals("curl") ? inv.hasFlag("-k", "--insecure") : inv.hasFlag("--no-check-certificate");
    return new ShellFact.Download(inv, List.copyOf(urls), insecure, pipedInto, capturedInto);
  }

  private static ShellFact.UserCreation userCreation(Invocation inv) {
    boolean group = inv.name().endsWith("group");
    Set<String> withValue = Set.of("-u", "--uid", "-g", "--gid", "-G", "--groups", "-s", "--shell", "-d", "--home", "--home-dir",
        "-h", "-c", "--comment", "--gecos", "-k", "--skel", "-K", "--key", "-e", "--expiredate", "-f", "--inactive",
        "--ingroup", "-p", "--password", "--firstuid", "--lastuid", "-R", "--root", "-b", "--base-dir", "-Z");
    List<String> operands = operands(inv.args(), withValue);
    String id = group ? inv.flagValue("-g", "--gid") : inv.flagValue("-u", "--uid");
    boolean system = inv.hasFlag("--system") || (inv.name().equals("useradd") || inv.name().equals("groupadd") ? inv.hasFlag("-r")
        : inv.hasFlag("-S"));
    boolean noLogInit = inv.hasFlag("-l", "--no-log-init");
    return new ShellFact.UserCreation(inv, group, operands.isEmpty() ? null : operands.getFirst(), id, system, noLogInit);
  }

  /** Arguments that are not options; {@code withValue} options consume the next word. */
  static List<String> operands(List<String> args, Set<String> withValue) {
    return operands(args, withValue, false);
  }

  /** As above; with {@code modes}, chmod's {@code -x} / {@code -755} count as operands (modes). */
  static List<String> operands(List<String> args, Set<String> withValue, boolean modes) {
    List<String> out = new ArrayList<>();
    for (int i : operandIndexes(args, withValue, modes)) {
      out.add(args.get(i));
    }
    return out;
  }

  /** The indexes in {@code args} of the operands, so each can be given its position. */
  static List<Integer> operandIndexes(List<String> args, Set<String> withValue, boolean modes) {
    List<Integer> out = new ArrayList<>();
    boolean endOfOptions = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (endOfOptions) {
        out.add(i);
      } else if (a.equals("--")) {
        endOfOptions = true;
      } else if (a.startsWith("-") && a.length() > 1 && !(modes && a.matches("-[0-7]+|[-+=][rwxXst]+"))) {
        if (withValue.contains(a) && i + 1 < args.size()) {
          i++;
        }
      } else {
        out.add(i);
      }
    }
    return out;
  }

  /** Subcommands of language package managers that fetch packages. */
  private static final Set<String> LANGUAGE_ACTIONS = Set.of("install", "i", "add", "ci", "update", "upgrade", "get", "download");
  private static final Set<String> APT_VALUE = Set.of("-o", "--option", "-c", "--config-file", "-t", "--target-release", "--default-release");
  private static final Set<String> APK_VALUE = Set.of("-t", "--virtual", "-X", "--repository", "-p", "--root", "--keys-dir",
      "--repositories-file", "--arch", "--cache-dir", "--cache-max-age");
  private static final Set<String> RPM_VALUE = Set.of("-c", "--config", "--enablerepo", "--disablerepo", "--installroot",
      "--releasever", "-x", "--exclude", "--setopt", "--repo", "--repofrompath", "-d", "--debuglevel", "-e", "--errorlevel",
      "--nodocs-x");
  private static final Set<String> ZYPPER_VALUE = Set.of("-r", "--repo", "--from", "-t", "--type", "--root", "-R");
  private static final Set<String> PIP_VALUE = Set.of("-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i",
      "--index-url", "--extra-index-url", "--trusted-host", "-f", "--find-links", "-t", "--target", "--prefix", "--root", "--src",
      "--upgrade-strategy", "--progress-bar", "--cache-dir", "--platform", "--python-version", "--implementation", "--abi",
      "--only-binary", "--no-binary", "--global-option", "--install-option", "--log", "--proxy", "--retries", "--timeout",
      "--exists-action", "--cert", "--client-cert", "-C", "--config-settings", "--report");
  private static final Set<String> NPM_VALUE = Set.of("--prefix", "--registry", "--cache", "--userconfig", "-w", "--workspace",
      "--omit", "--include", "--tag", "--modules-folder", "--cwd", "--network-timeout", "--filter", "-C", "--dir");
  private static final Set<String> GEM_VALUE = Set.of("-v", "--version", "-i", "--install-dir", "-n", "--bindir", "-s", "--source",
      "--platform", "-P", "--trust-policy");
  private static final Set<String> CARGO_VALUE = Set.of("--version", "--vers", "--git", "--branch", "--tag", "--rev", "--path",
      "--root", "--index", "--registry", "-j", "--jobs", "--target", "--target-dir", "--profile", "-F", "--features", "--bin",
      "--example", "--config", "-Z");

  private static ShellFact packageOperation(Invocation inv, PackageManager pm) {
    List<String> args = inv.args();
    Set<String> withValue = switch (pm) {
      case APT_GET, APT -> APT_VALUE;
      case APK -> APK_VALUE;
      case YUM, DNF, MICRODNF -> RPM_VALUE;
      case ZYPPER -> ZYPPER_VALUE;
      case PIP -> PIP_VALUE;
      case NPM, YARN, PNPM -> NPM_VALUE;
      case GEM -> GEM_VALUE;
      case CARGO -> CARGO_VALUE;
      case GO -> Set.of("-C", "-o", "-ldflags", "-gcflags", "-tags", "-p", "-mod", "-modfile", "-pkgdir", "-asmflags", "-buildmode",
          "-compiler", "-gccgoflags", "-installsuffix", "-overlay", "-pgo", "-toolexec");
    };
    List<Integer> operands = operandIndexes(args, withValue, false);
    List<String> options = new ArrayList<>();
    for (String a : args) {
      if (a.startsWith("-")) {
        options.add(a);
      }
    }
    if (operands.isEmpty()) {
      return null;
    }
    String action = args.get(operands.getFirst());
    if (!pm.isOsPackageManager() && !LANGUAGE_ACTIONS.contains(action) && !(pm == PackageManager.YARN && action.equals("global"))
        && !(pm == PackageManager.GO && action.equals("run"))) {
      return null;
    }
    List<Integer> names = operands.subList(1, operands.size());
    if (pm == PackageManager.YARN && action.equals("global") && !names.isEmpty()) {
      action = args.get(names.getFirst());
      names = names.subList(1, names.size());
    }
    if (pm == PackageManager.GO) {
      if (!action.equals("install") && !action.equals("get") && !action.equals("run")) {
        return null;
      }
      if (action.equals("run") && names.size() > 1) {
        names = names.subList(0, 1); // go run PKG ARGS...: what follows the package goes to the program
      }
      List<PackageSpec> specs = new ArrayList<>();
      for (int i : names) {
        String n = args.get(i);
        if (n.startsWith(".") || n.startsWith("/") || n.endsWith(".go")) {
          return null; // local code: a compile, not a package install
        }
        int at = n.lastIndexOf('@');
        String version = at > 0 ? n.substring(at + 1) : null;
        if ("latest".equals(version) || "none".equals(version)) {
          version = null; // @latest moves; @none removes (hadolint DL3062)
        }
        specs.add(new PackageSpec(n, at > 0 ? n.substring(0, at) : n, version, false, inv.argSpan(i)));
      }
      if (specs.isEmpty()) {
        return null;
      }
      return new ShellFact.PackageOperation(inv, pm, action, List.copyOf(specs), List.copyOf(options));
    }
    List<PackageSpec> specs = new ArrayList<>();
    for (int i : names) {
      specs.add(spec(pm, args.get(i), inv, inv.argSpan(i)));
    }
    return new ShellFact.PackageOperation(inv, pm, action, List.copyOf(specs), List.copyOf(options));
  }

  private static final Pattern PIP_SPEC = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9._-]*)(\\[[^\\]]*\\])?\\s*((?:===|==|>=|<=|~=|!=|>|<).*)?$");
  private static final Pattern PIP_VCS = Pattern.compile("^(git|hg|svn|bzr)(\\+[a-z-]+)?:");
  private static final Pattern RPM_VERSIONED = Pattern.compile("^(.+?)-(\\d[^/]*)$");

  static PackageSpec spec(PackageManager pm, String raw, Invocation inv, Span span) {
    boolean file = raw.contains("/") || raw.endsWith(".deb") || raw.endsWith(".rpm") || raw.endsWith(".apk") || raw.endsWith(".whl")
        || raw.endsWith(".tar.gz") || raw.endsWith(".tgz") || raw.endsWith(".gem") || (raw.contains("://") && URL.matcher(raw).matches());
    switch (pm) {
      case APT_GET, APT, ZYPPER -> {
        int eq = indexOfAny(raw, "=");
        if (pm == PackageManager.ZYPPER) {
          eq = indexOfAny(raw, "=<>");
        }
        if (eq > 0) {
          String v = raw.substring(eq).replaceFirst("^[=<>]+", "");
          return new PackageSpec(raw, raw.substring(0, eq), v, false, span);
        }
        // apt's pkg/release selects a release: hadolint counts it as pinned
        return new PackageSpec(raw, raw, null, file, span);
      }
      case APK -> {
        int op = indexOfAny(raw, "=~<>");
        if (op > 0) {
          return new PackageSpec(raw, raw.substring(0, op), raw.substring(op).replaceFirst("^[=~<>]+", ""), false, span);
        }
        return new PackageSpec(raw, raw, null, file, span);
      }
      case YUM, DNF, MICRODNF -> {
        Matcher m = RPM_VERSIONED.matcher(raw);
        if (m.matches() && !file) {
          return new PackageSpec(raw, m.group(1), m.group(2), false, span);
        }
        return new PackageSpec(raw, raw, null, file, span);
      }
      case PIP -> {
        if (PIP_VCS.matcher(raw).find()) {
          // git+https://host/org/repo@v1.2: pinned by the ref after the repository (hadolint DL3013)
          String repo = raw.substring(raw.lastIndexOf('/') + 1);
          int at = repo.indexOf('@');
          return new PackageSpec(raw, raw, at >= 0 ? repo.substring(at + 1) : null, false, span);
        }
        if (raw.contains(" @ ") || file || raw.startsWith(".")) {
          return new PackageSpec(raw, raw, null, true, span);
        }
        Matcher m = PIP_SPEC.matcher(raw);
        if (m.matches()) {
          return new PackageSpec(raw, m.group(1), m.group(3), false, span);
        }
        return new PackageSpec(raw, raw, null, false, span);
      }
      case NPM, YARN, PNPM -> {
        int from = raw.startsWith("@") ? 1 : 0;
        int at = raw.indexOf('@', from);
        boolean local = raw.startsWith(".") || raw.startsWith("/") || raw.startsWith("git") || raw.startsWith("file:")
            || raw.startsWith("github:") || raw.endsWith(".tgz") || URL.matcher(raw).matches();
        if (at > 0) {
          return new PackageSpec(raw, raw.substring(0, at), raw.substring(at + 1), local, span);
        }
        return new PackageSpec(raw, raw, null, local, span);
      }
      case GEM -> {
        int colon = raw.indexOf(':');
        if (colon > 0) {
          return new PackageSpec(raw, raw.substring(0, colon), raw.substring(colon + 1), false, span);
        }
        return new PackageSpec(raw, raw, inv.flagValue("-v", "--version"), file, span);
      }
      case CARGO -> {
        int at = raw.indexOf('@');
        if (at > 0) {
          return new PackageSpec(raw, raw.substring(0, at), raw.substring(at + 1), false, span);
        }
        return new PackageSpec(raw, raw, inv.flagValue("--version", "--vers"), inv.flagValue("--git", "--path") != null, span);
      }
      default -> {
        return new PackageSpec(raw, raw, null, file, span);
      }
    }
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
