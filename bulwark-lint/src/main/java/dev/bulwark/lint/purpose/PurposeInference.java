package dev.bulwark.lint.purpose;

import dev.bulwark.core.Purpose;
import dev.bulwark.core.PurposeVerdict;
import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.dockerfile.model.BaseImage;
import dev.bulwark.dockerfile.model.BuildModel;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.CommandLine;
import dev.bulwark.dockerfile.model.CopyEdge;
import dev.bulwark.dockerfile.model.DevelopmentStages;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.syntax.Instruction;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Works out what a Dockerfile is for from what a reviewer would look at: where the file is (a
 * tests/ or .devcontainer/ folder), what it is built FROM (a devcontainer base), and what its
 * final image holds and runs. An image that copies none of the project's sources and whose
 * command is an interpreter or shell (or that has none) runs no program of its own: it is a base
 * or toolchain image, as the official images of python, golang or buildpack-deps are. Pure.
 */
public final class PurposeInference {
  private PurposeInference() {}

  /** Folders that hold test inputs. */
  private static final Set<String> TEST_DIRS = Set.of("test", "tests", "testdata", "test-data", "testing", "fixtures", "fixture",
      "__tests__", "__fixtures__", "e2e", "spec", "integration-tests");
  /** Folders that hold development containers and CI job images. */
  private static final Set<String> DEV_DIRS = Set.of(".devcontainer", "devcontainer", ".devcontainers", ".github", ".gitlab", ".circleci",
      ".buildkite", ".gitpod", "ci", ".ci",
      "eng", // eng/: .NET's (Arcade's) folder for build and CI tooling
      "hack", "scripts", "tools", // helper tooling of the repository (hack/ is Kubernetes' name for it), not what it ships
      "genproto", "codegen", "protogen"); // code generation images, run to write generated sources back into the repository
  /**
   * Words of a folder name that make it a test folder ({@code e2e-test-echo/}, {@code test-runner/}, {@code api-e2e/}); not
   * "testing", which names services too ({@code ab-testing/}); a folder named exactly testing/ is one of {@link #TEST_DIRS}.
   */
  private static final Set<String> TEST_WORDS = Set.of("test", "tests", "e2e");
  /** Words of a folder name that say it holds a development environment ({@code dev-toolkit}, {@code local-dev}, {@code devenv}). */
  private static final Set<String> DEV_WORDS = Set.of("dev", "devenv", "devcontainer", "devcontainers");
  /** Programs that run a test suite: an image whose command is one is test scaffolding. */
  private static final Set<String> TEST_RUNNERS = Set.of("pytest", "py.test", "tox", "nox", "ginkgo", "jest", "mocha", "vitest", "karma",
      "cypress", "playwright", "bats", "phpunit", "rspec", "behave", "robot", "newman", "e2e.sh", "run-tests.sh", "run_tests.sh",
      "run-e2e.sh", "test.sh", "tests.sh");
  /** Build tools whose {@code test} (or {@code e2e}) subcommand runs a test suite: {@code go test}, {@code npm run test:e2e}. */
  private static final Set<String> TEST_TOOLS = Set.of("go", "npm", "yarn", "pnpm", "npx", "dotnet", "cargo", "mvn", "gradle", "./gradlew",
      "make", "bundle", "python", "python3");
  /** Words of a name that make the image one to build on. */
  private static final Set<String> BASE_WORDS = Set.of("foundation", "base");
  /** The users dev container images set up (devcontainers' common-utils and Codespaces). */
  private static final Set<String> DEVCONTAINER_USERS = Set.of("vscode", "codespace");
  /** Commands that are a shell, an interpreter's REPL or a tool run by hand, not a program of the image's own. */
  private static final Set<String> INTERPRETERS = Set.of("sh", "bash", "ash", "dash", "zsh", "fish", "python", "python2", "python3", "pypy",
      "pypy3", "node", "irb", "ruby", "php", "jshell", "ghci", "iex", "erl", "julia", "r", "pwsh", "powershell", "powershell.exe", "cmd",
      "cmd.exe", "perl", "lua", "groovysh", "scala", "swift", "deno", "bun", "tclsh", "elixir",
      // runtimes whose images the application's own image sets the arguments of (ENTRYPOINT ["dotnet"] CMD ["--info"])
      "dotnet", "java", "mono",
      // application servers of official images that host the application images built FROM them (tomcat's webapps/ is empty)
      "catalina.sh", "php-fpm", "apache2-foreground", "jetty.sh", "standalone.sh");
  /** Programs that make an image a place to work in (notebooks, browser IDEs, CI servers and agents), not an application. */
  private static final Set<String> WORKBENCHES = Set.of("start-notebook.py", "start-notebook.sh", "start-singleuser.py",
      "jupyter", "jupyterhub-singleuser", "code-server", "jenkins.sh", "jenkins-agent", "gitlab-runner", "buildkite-agent");
  /** Documentation builders: an image that runs one builds or previews the project's docs, it is not deployed as a service. */
  private static final Set<String> DOCUMENTATION_TOOLS = Set.of("mkdocs", "sphinx-build", "sphinx-autobuild", "jekyll", "mdbook",
      "antora");

  /**
   * Operating-system and language-toolchain images: an image FROM one of them that sets no CMD or
   * ENTRYPOINT of its own inherits a shell or an interpreter, so it runs nothing of its own either.
   */
  private static final Set<String> TOOLCHAIN_BASES = Set.of("debian", "ubuntu", "alpine", "fedora", "centos", "rockylinux", "almalinux",
      "amazonlinux", "oraclelinux", "busybox", "photon", "archlinux", "clearlinux", "buildpack-deps", "golang", "rust", "python", "pypy",
      "node", "ruby", "php", "perl", "eclipse-temurin", "openjdk", "amazoncorretto", "ibmjava", "sapmachine", "maven", "gradle", "erlang",
      "elixir", "haskell", "julia", "swift", "gcc", "clojure");
  private static final List<String> TOOLCHAIN_PREFIXES = List.of("opensuse/", "redhat/ubi", "registry.access.redhat.com/ubi",
      "registry.redhat.io/ubi", "mcr.microsoft.com/windows/", "mcr.microsoft.com/dotnet/", "mcr.microsoft.com/azurelinux",
      "mcr.microsoft.com/cbl-mariner/", "gcr.io/distroless/", "cgr.dev/chainguard/wolfi-base", "quay.io/centos/", "library/");
  /** File suffixes of helper files official images copy (scripts, configs, keys), not the project's sources. */
  private static final List<String> HELPER_SUFFIXES = List.of(".sh", ".bash", ".ps1", ".cmd", ".bat", ".conf", ".cnf", ".ini", ".cfg",
      ".repo", ".list", ".patch", ".diff", ".asc", ".gpg", ".crt", ".pem", ".template", ".tmpl", ".tar", ".tar.gz", ".tgz", ".tar.xz",
      ".tar.bz2", ".tar.zst");

  /** The purpose of the Dockerfile at {@code path} (as given: relative paths read best) with this build model. */
  public static PurposeVerdict infer(String path, BuildModel model) {
    String[] parts = path.replace('\\', '/').toLowerCase(Locale.ROOT).split("/");
    String name = parts[parts.length - 1];
    List<Templates.Placeholder> placeholders = Templates.placeholders(model);
    if (!placeholders.isEmpty()) {
      // not built as written: a script fills the base in, so nothing this file says ships as it is
      Templates.Placeholder p = placeholders.get(0);
      return PurposeVerdict.inferred(Purpose.FIXTURE, "a template: " + p.where() + " names the placeholder " + p.text());
    }
    for (int i = 0; i < parts.length - 1; i++) {
      if (TEST_DIRS.contains(parts[i]) || hasWord(parts[i], TEST_WORDS)) {
        return PurposeVerdict.inferred(Purpose.FIXTURE, "in a " + parts[i] + "/ folder");
      }
    }
    for (int i = 0; i < parts.length - 1; i++) {
      if (DEV_DIRS.contains(parts[i]) || hasWord(parts[i], DEV_WORDS)) {
        return PurposeVerdict.inferred(Purpose.DEVELOPMENT, "in a " + parts[i] + "/ folder");
      }
    }
    String named = devName(name);
    if (named != null) {
      return PurposeVerdict.inferred(Purpose.DEVELOPMENT, "named " + named);
    }
    Stage last = model.finalStage().orElse(null);
    if (last == null) {
      return PurposeVerdict.inferred(Purpose.APPLICATION, "no build stage to judge by");
    }
    if (last.name() != null && isDevelopmentStage(last.name())) {
      return PurposeVerdict.inferred(Purpose.DEVELOPMENT, "its final stage is '" + last.name() + "'");
    }
    String devBase = devcontainerBase(model, last);
    if (devBase != null) {
      return PurposeVerdict.inferred(Purpose.DEVELOPMENT, "built FROM " + devBase);
    }
    String devUser = devcontainerUser(last);
    if (devUser != null) {
      return PurposeVerdict.inferred(Purpose.DEVELOPMENT, "it sets up the dev container user " + devUser);
    }
    String runner = testRunner(last);
    if (runner != null) {
      return PurposeVerdict.inferred(Purpose.FIXTURE, "its command runs the tests (" + runner + ")");
    }
    String foundation = baseByName(parts, last);
    if (foundation != null) {
      return PurposeVerdict.inferred(Purpose.BASE, "named " + foundation + " and sets no CMD: the images built FROM it give the command");
    }
    for (Stage s : model.stages()) {
      if (!s.commands(Command.Onbuild.class).isEmpty()) {
        return PurposeVerdict.inferred(Purpose.BASE, "it has ONBUILD triggers for the images built FROM it");
      }
    }
    String program = program(last);
    if (program != null && WORKBENCHES.contains(program)) {
      return PurposeVerdict.inferred(Purpose.DEVELOPMENT, "it runs " + program + ", a notebook, IDE or CI server to work in");
    }
    if (program != null && DOCUMENTATION_TOOLS.contains(program)) {
      return PurposeVerdict.inferred(Purpose.DEVELOPMENT, "it runs " + program + ", which builds or previews documentation");
    }
    String parent = registryBase(model, last);
    if (program == null && parent != null && (parent.startsWith("quay.io/jupyter/") || parent.startsWith("jupyter/"))) {
      return PurposeVerdict.inferred(Purpose.DEVELOPMENT, "built FROM the notebook image " + parent);
    }
    if (shipsProjectSources(model, last)) {
      return PurposeVerdict.inferred(Purpose.APPLICATION, "copies the project's files into the image");
    }
    String wrapper = wrapperWithoutCommand(last);
    if (wrapper != null && parent != null && isToolchain(parent)) {
      // eclipse-temurin's __cacert_entrypoint.sh: it sets up the environment and execs the command the images built FROM it give
      return PurposeVerdict.inferred(Purpose.BASE, "no project sources copied and its ENTRYPOINT " + wrapper
          + " is a wrapper with no CMD to run, over " + parent);
    }
    if (program == null) {
      if (parent == null) {
        return PurposeVerdict.inferred(Purpose.BASE, "no project sources copied and no CMD or ENTRYPOINT");
      }
      if (isToolchain(parent)) {
        return PurposeVerdict.inferred(Purpose.BASE, "no project sources copied and no CMD or ENTRYPOINT over " + parent);
      }
      return PurposeVerdict.inferred(Purpose.APPLICATION, "runs what " + parent + " runs"); // FROM nginx + a config file
    }
    if (INTERPRETERS.contains(program)) {
      return PurposeVerdict.inferred(Purpose.BASE, "no project sources copied and its command is " + program);
    }
    return PurposeVerdict.inferred(Purpose.APPLICATION, "runs " + program);
  }

  /** The registry image at the root of the final image's chain (familiar name); null for scratch or a reference not known. */
  public static String registryBase(BuildModel model, Stage last) {
    return rootBase(model, last) instanceof BaseImage.Image image ? image.reference().familiarName() : null;
  }

  /**
   * What the final image's chain of stages is built FROM at its root: a registry image, scratch, or
   * an unresolved reference; never a stage (a chain that loops back, which BuildKit refuses, gives null).
   */
  public static BaseImage rootBase(BuildModel model, Stage last) {
    BaseImage base = model.rootOf(last).base();
    return base instanceof BaseImage.Stage ? null : base;
  }

  /**
   * True for an operating-system or language-toolchain image, by its familiar name
   * ({@code ubuntu}, {@code mcr.microsoft.com/dotnet/runtime-deps}) or, for mirrors
   * ({@code ubuntu.azurecr.io/ubuntu}), its last path segment.
   */
  public static boolean isToolchain(String familiarName) {
    String n = familiarName.toLowerCase(Locale.ROOT);
    if (TOOLCHAIN_BASES.contains(n) || TOOLCHAIN_BASES.contains(n.substring(n.lastIndexOf('/') + 1)) || n.contains("distroless")) {
      return true;
    }
    for (String prefix : TOOLCHAIN_PREFIXES) {
      if (n.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** True for a stage named for development work: dev, develop, development, dev-envs, devcontainer, debug. */
  public static boolean isDevelopmentStage(String name) {
    return DevelopmentStages.isDevelopmentName(name);
  }

  /** "Dockerfile.dev", "dev.Dockerfile", "Dockerfile.ci", "Dockerfile.test", "docs.Dockerfile": images to develop, test or build docs in. */
  private static String devName(String name) {
    String stem = name.replace("dockerfile", "").replace("containerfile", "");
    for (String word : stem.split("[.\\-_]")) {
      switch (word) {
        case "dev", "develop", "development", "devcontainer", "ci", "test", "tests", "e2e", "gitpod", "debug", "docs", "doc",
            "documentation":
          return name;
        default:
          break;
      }
    }
    return null;
  }

  /** True when a word of the folder name ({@code e2e-test-echo}: e2e, test, echo) is one of {@code words}. */
  private static boolean hasWord(String folder, Set<String> words) {
    for (String w : folder.split("[-_.]")) {
      if (words.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /** The user of a dev container the stage ends as, or names in ARG USERNAME (devcontainers' convention), or null. */
  private static String devcontainerUser(Stage last) {
    String user = last.finalState().user();
    String name = user == null ? null : user.toLowerCase(Locale.ROOT);
    if (name != null && DEVCONTAINER_USERS.contains(name)) {
      return name;
    }
    String arg = last.finalState().args().get("USERNAME");
    return arg != null && DEVCONTAINER_USERS.contains(arg.toLowerCase(Locale.ROOT)) ? arg.toLowerCase(Locale.ROOT) : null;
  }

  /** The test runner the image's command runs ({@code pytest}, {@code go test}), or null. */
  private static String testRunner(Stage last) {
    for (CommandLine line : new CommandLine[] {last.entrypoint(), last.cmd()}) {
      List<String> words = words(line);
      for (int i = 0; i < words.size() && i < 4; i++) {
        String w = fileName(words.get(i));
        if (TEST_RUNNERS.contains(w)) {
          return w;
        }
        if (TEST_TOOLS.contains(w) && i + 1 < words.size()) {
          String sub = words.get(i + 1).toLowerCase(Locale.ROOT);
          String next = i + 2 < words.size() ? words.get(i + 2).toLowerCase(Locale.ROOT) : "";
          if (sub.equals("test") || sub.equals("e2e") || (sub.equals("run") && (next.startsWith("test") || next.startsWith("e2e")))
              || (sub.equals("-m") && (next.equals("pytest") || next.equals("unittest")))) {
            return w + " " + sub + (sub.equals("run") || sub.equals("-m") ? " " + next : "");
          }
        }
      }
    }
    return null;
  }

  /** The words of a command line (a shell form split on blanks: enough to see what it runs). */
  private static List<String> words(CommandLine line) {
    if (line instanceof CommandLine.Exec exec) {
      return exec.argv();
    }
    if (line instanceof CommandLine.Shell shell) {
      String script = shell.script().strip();
      return script.isEmpty() ? List.of() : List.of(script.split("\\s+"));
    }
    return List.of();
  }

  /**
   * A folder or file name that says the image is a foundation to build on ({@code docker-stacks-foundation/},
   * {@code base/}, {@code node-base/}), when the final stage sets no CMD of its own; null otherwise.
   */
  private static String baseByName(String[] parts, Stage last) {
    if (last.cmd() != null) {
      return null;
    }
    for (int i = parts.length - 1; i >= 0 && i >= parts.length - 2; i--) { // the file and its folder: not a repository named knowledge-base
      String stem = i == parts.length - 1 ? parts[i].replace("dockerfile", "").replace("containerfile", "") : parts[i];
      if (hasWord(stem, BASE_WORDS)) {
        return parts[i];
      }
    }
    return null;
  }

  /** A devcontainer or workspace base image at the root of the final image's chain, or null. */
  private static String devcontainerBase(BuildModel model, Stage last) {
    if (rootBase(model, last) instanceof BaseImage.Image image) {
      String repo = image.reference().name();
      if (repo.startsWith("mcr.microsoft.com/devcontainers/") || repo.startsWith("mcr.microsoft.com/vscode/devcontainers/")
          || repo.startsWith("docker.io/gitpod/workspace-")) {
        return image.reference().familiarName();
      }
    }
    return null;
  }

  /**
   * True when the stage (or one it is built FROM, or copies files from) takes files from the build
   * context other than helper scripts and configs: the project's own code or its build output.
   */
  private static boolean shipsProjectSources(BuildModel model, Stage last) {
    boolean[] seen = new boolean[model.stages().size()];
    java.util.ArrayDeque<Stage> todo = new java.util.ArrayDeque<>(); // a worklist: chains of 100,000 stages must not recurse
    todo.push(last);
    while (!todo.isEmpty()) {
      Stage stage = todo.pop();
      if (seen[stage.index()]) {
        continue;
      }
      seen[stage.index()] = true;
      for (Command c : stage.commands()) {
        List<String> sources = c instanceof Command.Copy cp && cp.from() == null ? cp.sources()
            : c instanceof Command.Add a ? a.sources() : List.of();
        for (String src : sources) {
          if (!isHelperFile(src)) {
            return true;
          }
        }
      }
      for (CopyEdge edge : stage.copyFrom()) {
        if (edge.stageIndex() >= 0) {
          todo.push(model.stages().get(edge.stageIndex()));
        }
      }
      if (stage.base() instanceof BaseImage.Stage parent) {
        todo.push(model.stages().get(parent.index()));
      }
    }
    return false;
  }

  /** An entrypoint script, a config or key file, or a tarball (an OS root file system): not the project's code. */
  static boolean isHelperFile(String source) {
    String s = source.toLowerCase(Locale.ROOT);
    if (s.contains("://")) {
      return true; // ADD of a URL downloads, it copies nothing of the project
    }
    String base = s.substring(s.lastIndexOf('/', s.length() - 2) + 1);
    // httpd-foreground, apache2-foreground: official images' wrappers that start the server in the foreground
    if (base.contains("entrypoint") || base.startsWith("docker-") || base.endsWith("-foreground")) {
      return true;
    }
    for (String suffix : HELPER_SUFFIXES) {
      if (base.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The program the image runs, by file name, lower case: the CMD's first word when the
   * ENTRYPOINT is absent or a wrapper script (docker-entrypoint.sh execs its arguments), else the
   * ENTRYPOINT's; null when there is neither.
   */
  public static String program(Stage stage) {
    String entry = firstWord(stage.entrypoint());
    if (("tini".equals(entry) || "dumb-init".equals(entry)) && stage.entrypoint() instanceof CommandLine.Exec exec) {
      // an init that reaps zombies runs the real program: ["/usr/bin/tini", "--", "jenkins.sh"]
      for (int i = 1; i < exec.argv().size(); i++) {
        String a = exec.argv().get(i);
        if (!a.startsWith("-")) {
          entry = fileName(a);
          break;
        }
      }
    }
    String cmd = firstWord(stage.cmd());
    if (entry != null && !entry.contains("entrypoint") && !entry.equals("tini") && !entry.equals("dumb-init")) {
      return entry;
    }
    if (cmd != null) {
      return cmd;
    }
    return entry;
  }

  /**
   * Libraries and helpers only a program with a window or a sound device needs (X11, Wayland, GTK, Qt, PulseAudio, ALSA,
   * Chromium's NSS and GBM): a desktop application packaged to run on a workstation, not a service.
   */
  private static final Pattern DESKTOP_LIBRARIES = Pattern.compile("(?i)(?<![\\w.-])(?:libx11|libxext|libxrender|libxtst|libxss1|libxrandr"
      + "|libxkbcommon|libgtk[\\w.-]*|gtk[23][\\w.-]*|libqt[56][\\w.-]*|qt[56]-[\\w.-]*|libgl1[\\w.-]*|mesa-[\\w.-]*|xauth|x11-[\\w.-]*"
      + "|libpulse[\\w.-]*|pulseaudio[\\w.-]*|libasound2[\\w.-]*|alsa-utils|libnss3|libgbm1|libcanberra[\\w.-]*|dbus-x11|xdg-utils"
      + "|libwayland[\\w.-]*|libnotify[\\w.-]*)(?![\\w.-])");
  /**
   * Programs that are command-line tools by what they are: run on demand with the user's arguments, then exit (cloud and
   * storage CLIs, media and document converters, network probes, security tools). Servers are not listed.
   */
  private static final Set<String> COMMAND_LINE_TOOLS = Set.of("aws", "az", "gcloud", "gsutil", "b2", "s3cmd", "rclone", "restic",
      "kubectl", "helm", "terraform", "tofu", "packer", "ansible", "ansible-playbook", "jq", "yq", "curl", "wget", "http", "ffmpeg",
      "yt-dlp", "youtube-dl", "pandoc", "beet", "speedtest", "speedtest-cli", "checkup", "nmap", "masscan", "sqlmap", "nikto", "john",
      "hashcat", "hydra", "mc", "htop", "ncdu", "lynx", "w3m", "irssi", "weechat", "mutt", "neomutt", "vim", "nvim", "emacs", "nano",
      "shellcheck", "hadolint", "trivy", "grype", "syft", "cosign", "crane", "skopeo", "dig", "whois", "traceroute", "mtr", "iperf3",
      "tesseract", "mpsyt", "mps-youtube", "diffoscope", "rtl_433", "imagemagick", "convert", "magick", "exiftool", "gs", "qpdf", "pdftk", "sox", "lame");
  /** A command that only asks the program for its usage: the image's user gives the real arguments (docker run jess/curl URL). */
  private static final Set<String> HELP_ONLY = Set.of("-h", "--help", "help", "--version", "-v", "version");

  /**
   * The program of a desktop or command-line tool image, or null. A program known as a command-line tool
   * ({@link #COMMAND_LINE_TOOLS}) is one even when the image copies the project's own binary (trivy's image). Otherwise both kinds copy none of the project's files, run an
   * installed program (not an interpreter, a wrapper script alone or a workbench) and publish no port nor declare a
   * volume; a desktop application also installs window or sound libraries (X11, GTK, Qt, PulseAudio…), a command-line tool
   * has an ENTRYPOINT whose CMD only asks for its usage ({@code ENTRYPOINT ["curl"] CMD ["-h"]}), and either may say so in
   * its comments ({@link #documentsInteractiveRun}). Such an image (kicad,
   * firefox, jess/curl) is run on demand on a workstation, not deployed as a service. Images that merely lack a port are
   * not enough: servers packaged this way (coredns, consul) publish theirs in Compose or on the command line.
   */
  public static String toolProgram(BuildModel model, Stage last) {
    String program = program(last);
    if (program == null || program.contains("entrypoint") || INTERPRETERS.contains(program) || WORKBENCHES.contains(program)
        || !last.exposedPorts().isEmpty() || !last.commands(Command.Volume.class).isEmpty()) {
      return null;
    }
    if (COMMAND_LINE_TOOLS.contains(program)) {
      return program; // trivy's and hadolint's own images copy the project's binary: the project is the tool
    }
    if (shipsProjectSources(model, last)) {
      return null;
    }
    List<String> cmd = words(last.cmd());
    if (last.entrypoint() != null && !cmd.isEmpty() && cmd.stream().allMatch(HELP_ONLY::contains)) {
      return program;
    }
    if (last.entrypoint() == null && cmd.size() > 1 && cmd.subList(1, cmd.size()).stream().allMatch(HELP_ONLY::contains)) {
      return program; // CMD ["b2", "--help"]: the user replaces the command with a real one
    }
    if (last.finalState().env().containsKey("TERM")) {
      return program; // ENV TERM: a full-screen terminal program (mc, htop) run with -it
    }
    if (documentsInteractiveRun(model)) {
      return program;
    }
    for (Command.Run run : last.commands(Command.Run.class)) {
      String rest = run.instruction().rest();
      if (rest != null && DESKTOP_LIBRARIES.matcher(rest).find()) {
        return program;
      }
    }
    return null;
  }

  /**
   * True when the Dockerfile's own comments show it run interactively or once and never as a service: a {@code docker run}
   * usage with {@code -it} or {@code --rm}, or on a display ({@code DISPLAY}, the X11 socket, even detached), and none with
   * {@code -d}, {@code --restart} or a published port otherwise. What the author documents is how the image is used (jessfraz's and
   * tianon's tool images carry such a usage block).
   */
  static boolean documentsInteractiveRun(BuildModel model) {
    boolean interactive = false;
    for (Instruction in : model.file().instructions()) {
      List<String> lines = in.comments();
      for (int i = 0; i < lines.size(); i++) {
        int at = lines.get(i).indexOf("docker run");
        if (at < 0) {
          continue;
        }
        StringBuilder usage = new StringBuilder(lines.get(i).substring(at));
        while (lines.get(i).strip().endsWith("\\") && i + 1 < lines.size()) {
          usage.append(' ').append(lines.get(++i));
        }
        List<String> flags = List.of(usage.toString().replace("\\", " ").split("\\s+"));
        if (usage.indexOf("DISPLAY") >= 0 || usage.indexOf("X11-unix") >= 0) {
          interactive = true; // a window on the user's display, detached (-d) or not: a desktop application
          continue;
        }
        for (String f : flags) {
          if (f.equals("-d") || f.equals("--detach") || f.startsWith("--restart") || f.equals("-p") || f.startsWith("--publish")
              || f.equals("-P") || f.startsWith("-p=")) {
            return false; // one service usage is enough: the image is (also) deployed
          }
        }
        interactive |= flags.stream().anyMatch(f -> f.equals("-it") || f.equals("-ti") || f.equals("-i") || f.equals("-t")
            || f.equals("--interactive") || f.equals("--tty") || f.equals("--rm"));
      }
    }
    return interactive;
  }

  /**
   * The ENTRYPOINT's file name when it is a wrapper script (its name says entrypoint) and the stage
   * sets no CMD at all: ENTRYPOINT resets the inherited CMD, so the wrapper has nothing of the image's
   * own to exec, unless the image declares ports or volumes. Null otherwise; an explicit {@code CMD []}
   * says the entrypoint is the program (docker:dind's dockerd-entrypoint.sh starts dockerd).
   */
  private static String wrapperWithoutCommand(Stage last) {
    String entry = firstWord(last.entrypoint());
    if (entry == null || !entry.contains("entrypoint") || last.cmd() != null) {
      return null;
    }
    // ports or volumes of its own say the script starts a service (an sshd, a VPN server), not a command to be given
    return last.exposedPorts().isEmpty() && last.commands(Command.Volume.class).isEmpty() ? entry : null;
  }

  private static String firstWord(CommandLine line) {
    if (line == null) {
      return null;
    }
    String word;
    if (line instanceof CommandLine.Exec exec) {
      if (exec.argv().isEmpty()) {
        return null;
      }
      word = exec.argv().getFirst();
    } else {
      String script = ((CommandLine.Shell) line).script().strip();
      if (script.isEmpty()) {
        return null;
      }
      int end = 0;
      while (end < script.length() && !Character.isWhitespace(script.charAt(end))) {
        end++;
      }
      word = script.substring(0, end);
    }
    return fileName(word);
  }

  /** A command word as a program name: its file name, lower case ({@code /usr/bin/Tini} is tini). */
  private static String fileName(String word) {
    String w = word.replace('\\', '/').toLowerCase(Locale.ROOT);
    return w.substring(w.lastIndexOf('/') + 1);
  }
}
