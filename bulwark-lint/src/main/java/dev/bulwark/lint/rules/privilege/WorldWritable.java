package dev.bulwark.lint.rules.privilege;

import dev.bulwark.core.Purpose;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.Severity;
import dev.bulwark.core.text.Span;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.shell.ShellFact.PermissionChange;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D061: chmod 777 and friends. */
public final class WorldWritable extends DockerfileRule {
  /** Octal or symbolic modes that let everyone write. */
  private static boolean worldWritable(String mode) {
    if (mode.matches("[0-7]{3,4}")) {
      int others = mode.charAt(mode.length() - 1) - '0';
      return (others & 2) != 0;
    }
    for (String clause : mode.split(",")) {
      if (clause.matches("[ugoa]*[+=][rwxXst]*w[rwxXst]*") && (clause.startsWith("o") || clause.startsWith("a") || clause.matches("[+=].*")
          || clause.matches("[ug]*o[ug]*[+=].*"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The sticky bit ({@code 1777}, {@code +t}): a /tmp-style shared directory where everyone may
   * create files but only their owner may remove or rename them; runtime directories are made so
   * on purpose (as the image check BW-M007 already judges them).
   */
  private static boolean sticky(String mode) {
    if (mode.matches("[0-7]{4}")) {
      return ((mode.charAt(0) - '0') & 1) != 0;
    }
    return mode.matches("(?:[ugoa]*[+=][rwxXst]*,)*[ugoa]*[+=][rwxXs]*t[rwxXst]*(?:,.*)?");
  }

  public WorldWritable() {
    super("BW-D061", "World-writable permissions", Severity.HIGH, Category.PRIVILEGE,
        "Files any user can write let a compromised low-privilege process replace binaries, configs or scripts that"
            + " other (possibly privileged) processes run.",
        "Give ownership to the user that needs to write (`COPY --chown=app:app`, `chown app:app /data`) with 755/644 modes.",
        List.of());
    // rust's and golang's official images open their toolchain homes to every user on purpose, so images built FROM them can install
    inPurpose(Purpose.BASE, Severity.LOW, "base image: toolchain homes are often opened to every user on purpose");
    // a dev container is one user's machine: opening the SDK folder (chmod -R a+w /usr/share/dotnet) lets that user install into it
    inPurpose(Purpose.DEVELOPMENT, Severity.LOW, "development image, not deployed");
    inPurpose(Purpose.FIXTURE, Severity.LOW, "test fixture");
    RuleInfo all = info();
    systemDirs = new RuleInfo(all.id(), all.title(), all.severity(), all.category(), all.rationale(), all.fix(), all.aliases(),
        all.references()).withPurpose(Purpose.FIXTURE, Severity.LOW, "test fixture");
  }

  /**
   * The rule without its base and development grading: a system binary, library or config directory
   * open to every user lets any process replace what root runs, whatever the image is for.
   */
  private final RuleInfo systemDirs;

  /** Directories whose files root runs or reads (and their ancestors, which a -R chmod reaches them through). */
  private static final List<String> SYSTEM_DIRS = List.of("/bin", "/sbin", "/lib", "/lib64", "/usr/bin", "/usr/sbin", "/usr/lib",
      "/usr/lib64", "/usr/libexec", "/usr/local/bin", "/usr/local/sbin", "/usr/local/lib", "/etc");

  static boolean systemDir(String path) {
    String p = path.replace("\"", "").replace("'", "");
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.equals("/") || p.equals("/usr") || p.equals("/usr/local")) {
      return true;
    }
    for (String dir : SYSTEM_DIRS) {
      if (p.equals(dir) || p.startsWith(dir + "/")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      for (PermissionChange pc : step.facts().facts(PermissionChange.class)) {
        if (pc.invocation().name().equals("chmod") && worldWritable(pc.mode()) && !sticky(pc.mode()) && !onlyTmp(pc.paths())
            && !madeByMktemp(step.run().command().display(), pc.paths())) {
          String message = "chmod " + pc.mode() + " makes " + String.join(" ", pc.paths()) + " writable by every user";
          Span at = pc.invocation().argSpan(pc.mode());
          if (pc.paths().stream().anyMatch(WorldWritable::systemDir)) {
            boolean graded = target.purpose().purpose() == Purpose.BASE || target.purpose().purpose() == Purpose.DEVELOPMENT;
            report.accept(finding(systemDirs, message + (graded ? " (a system directory, whatever the image is for)" : ""), at, step.stage()));
          } else if (serviceData(target, pc.paths(), step.env())) {
            report.accept(finding(message + " (the service's own data directory, given to its user or declared a VOLUME: opened so the"
                + " image runs under any --user)", at, step.stage()).withSeverity(Severity.LOW));
          } else {
            report.accept(finding(message, at, step.stage()));
          }
        }
      }
    }
    for (Stage stage : target.stages()) {
      for (Command c : stage.commands()) {
        String mode = c instanceof Command.Copy cp ? cp.chmod() : c instanceof Command.Add a ? a.chmod() : null;
        if (mode != null && worldWritable(mode)) {
          report.accept(finding("--chmod=" + mode + " makes the copied files writable by every user", c.instruction().flagNamed("chmod").span(), stage));
        }
      }
    }
  }

  /**
   * True when every path is a variable the same RUN set from {@code mktemp}: a scratch directory
   * under /tmp (nginx makes one 777 for apt's _apt user and removes it at the end of the RUN).
   */
  private static boolean madeByMktemp(String script, List<String> paths) {
    if (paths.isEmpty()) {
      return false;
    }
    for (String p : paths) {
      String var = p.replace("\"", "").replace("{", "").replace("}", "");
      if (!var.startsWith("$") || var.length() < 2) {
        return false;
      }
      String name = var.substring(1);
      if (!script.contains(name + "=\"$(mktemp") && !script.contains(name + "=$(mktemp") && !script.contains(name + "=`mktemp")) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when every path is one the image chowns to a non-root user or declares a VOLUME: the
   * service's own data or config directory (cassandra's, plex's), which official images open to
   * every user so that the container also runs under an arbitrary {@code --user}.
   */
  private static boolean serviceData(DockerfileTarget target, List<String> paths, java.util.Map<String, String> env) {
    java.util.Set<String> owned = new java.util.HashSet<>();
    for (RunStep step : target.runs()) {
      for (PermissionChange pc : step.facts().facts(PermissionChange.class)) {
        String owner = pc.mode().contains(":") ? pc.mode().substring(0, pc.mode().indexOf(':')) : pc.mode();
        if (pc.invocation().name().equals("chown") && !owner.isEmpty() && !dev.bulwark.lint.Users.isRoot(owner)) {
          pc.paths().forEach(p -> owned.add(plainPath(p, step.env())));
        }
      }
    }
    for (Stage stage : target.stages()) {
      for (Command.Volume v : stage.commands(Command.Volume.class)) {
        v.paths().forEach(p -> owned.add(plainPath(p, java.util.Map.of()))); // VOLUME's paths are expanded already
      }
    }
    return !paths.isEmpty() && paths.stream().allMatch(p -> owned.contains(plainPath(p, env)));
  }

  private static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

  /**
   * A path without quotes or a trailing slash, with the variables of the RUN's environment (ENV, ARG)
   * put in: "${DIR}/", $DIR and the /srv/data it is set to are one.
   */
  private static String plainPath(String path, java.util.Map<String, String> env) {
    String p = path.replace("\"", "").replace("'", "");
    p = VARIABLE.matcher(p).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(env.getOrDefault(m.group(1), m.group())));
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  private static boolean onlyTmp(List<String> paths) {
    return !paths.isEmpty() && paths.stream().allMatch(p -> p.equals("/tmp") || p.equals("/var/tmp"));
  }
}
