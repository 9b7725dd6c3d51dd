package dev.bulwark.lint.rules;

import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.CommandLine;
import dev.bulwark.dockerfile.model.PortSpec;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.shell.Invocation;
import dev.bulwark.dockerfile.shell.ShellFact.PackageOperation;
import dev.bulwark.dockerfile.shell.ShellFact.PermissionChange;
import dev.bulwark.dockerfile.shell.ShellFact.Sudo;
import dev.bulwark.dockerfile.shell.ShellFact.UserCreation;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rules about privileges in the build and at run time. */
final class PrivilegeRules {
  private PrivilegeRules() {}

  /** BW-D060: sudo in a build. */
  static final class SudoInRun extends AbstractRule {
    SudoInRun() {
      super("BW-D060", "sudo used in RUN", Severity.HIGH, "privilege",
          "RUN already runs as the current USER; sudo in an image means a setuid binary and a sudoers policy shipped for an"
              + " attacker to abuse, and TTY/PAM quirks that break builds.",
          "Switch user with `USER root` around the privileged step and back to the unprivileged user; remove sudo from the image.",
          List.of("DL3004", "DS010"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (RunStep step : target.runs()) {
        for (Sudo s : step.facts().facts(Sudo.class)) {
          report.accept(finding("sudo " + s.invocation().name() + ": use USER instead", step.spanOf(s.invocation()), step.stage()));
        }
      }
    }
  }

  /** Octal or symbolic modes that let everyone write. */
  static boolean worldWritable(String mode) {
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

  static boolean setsSetuid(String mode) {
    if (mode.matches("[0-7]{4}")) {
      int special = mode.charAt(0) - '0';
      return (special & 6) != 0;
    }
    return mode.matches(".*[ugoa]*[+=][rwxX]*s.*");
  }

  /** BW-D061: chmod 777 and friends. */
  static final class WorldWritable extends AbstractRule {
    WorldWritable() {
      super("BW-D061", "World-writable permissions", Severity.HIGH, "privilege",
          "Files any user can write let a compromised low-privilege process replace binaries, configs or scripts that"
              + " other (possibly privileged) processes run.",
          "Give ownership to the user that needs to write (`COPY --chown=app:app`, `chown app:app /data`) with 755/644 modes.",
          List.of());
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (RunStep step : target.runs()) {
        for (PermissionChange pc : step.facts().facts(PermissionChange.class)) {
          if (pc.invocation().name().equals("chmod") && worldWritable(pc.mode()) && !onlyTmp(pc.paths())) {
            report.accept(finding("chmod " + pc.mode() + " makes " + String.join(" ", pc.paths()) + " writable by every user",
                step.spanOf(pc.invocation()), step.stage()));
          }
        }
      }
      for (Stage stage : target.model().stages()) {
        for (Command c : stage.commands()) {
          String mode = c instanceof Command.Copy cp ? cp.chmod() : c instanceof Command.Add a ? a.chmod() : null;
          if (mode != null && worldWritable(mode)) {
            report.accept(finding("--chmod=" + mode + " makes the copied files writable by every user", c.instruction().locate(mode), stage));
          }
        }
      }
    }

    private static boolean onlyTmp(List<String> paths) {
      return !paths.isEmpty() && paths.stream().allMatch(p -> p.equals("/tmp") || p.equals("/var/tmp"));
    }
  }

  /** BW-D062: setuid/setgid bits added. */
  static final class SetuidBit extends AbstractRule {
    SetuidBit() {
      super("BW-D062", "setuid or setgid bit set", Severity.HIGH, "privilege",
          "A setuid-root binary is a standing privilege-escalation path: any bug in it turns a foothold into root.",
          "Drop the bit; grant a specific capability at run time if one is truly needed (`setcap`, `--cap-add`).", List.of());
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (RunStep step : target.runs()) {
        for (PermissionChange pc : step.facts().facts(PermissionChange.class)) {
          if (pc.invocation().name().equals("chmod") && setsSetuid(pc.mode())) {
            report.accept(finding("chmod " + pc.mode() + " sets setuid/setgid on " + String.join(" ", pc.paths()),
                step.spanOf(pc.invocation()), step.stage()));
          }
        }
      }
    }
  }

  /** BW-D063: RUN --security=insecure. */
  static final class InsecureSecurityMode extends AbstractRule {
    InsecureSecurityMode() {
      super("BW-D063", "RUN --security=insecure", Severity.CRITICAL, "privilege",
          "The step runs without sandboxing, like a privileged container: full access to the build host's devices and kernel.",
          "Remove `--security=insecure`; if a step truly needs privileges, do it outside the image build.", List.of());
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (RunStep step : target.runs()) {
        if ("insecure".equals(step.run().security())) {
          report.accept(finding("RUN --security=insecure runs this step unsandboxed", step.run().instruction().locate("--security"), step.stage()));
        }
      }
    }
  }

  /** BW-D064: RUN --network=host. */
  static final class HostNetwork extends AbstractRule {
    HostNetwork() {
      super("BW-D064", "RUN --network=host", Severity.MEDIUM, "privilege",
          "The step shares the build host's network namespace: it can reach services bound to the host's localhost and"
              + " metadata endpoints.",
          "Use the default network, or `--network=none` for steps that need no network.", List.of());
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (RunStep step : target.runs()) {
        if ("host".equals(step.run().network())) {
          report.accept(finding("RUN --network=host shares the host's network", step.run().instruction().locate("--network"), step.stage()));
        }
      }
    }
  }

  /** BW-D065: SSH exposed or installed as a server. */
  static final class SshExposed extends AbstractRule {
    SshExposed() {
      super("BW-D065", "SSH server in the container", Severity.HIGH, "attack-surface",
          "An SSH daemon is a remote login surface with its own keys and CVEs; containers are entered with `docker exec` /"
              + " `kubectl exec`, audited by the orchestrator.",
          "Remove `EXPOSE 22` and openssh-server; use `kubectl exec` or `docker exec` for debugging.", List.of("DS004"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Stage stage : target.model().stages()) {
        for (Command.Expose e : stage.commands(Command.Expose.class)) {
          for (PortSpec p : e.ports()) {
            if (p.includes(22) && p.protocol().equals("tcp")) {
              report.accept(finding("EXPOSE " + p.raw() + " publishes SSH", e.instruction().locate(p.raw()), stage));
            }
          }
        }
      }
      for (RunStep step : target.runs()) {
        if (!step.inFinalStage()) {
          continue;
        }
        for (PackageOperation op : step.facts().facts(PackageOperation.class)) {
          if (op.isInstall() && op.packages().stream().anyMatch(p -> p.name().equals("openssh-server") || p.name().equals("dropbear"))) {
            report.accept(finding("an SSH server is installed in the final image", step.spanOf(op.invocation()), step.stage()));
          }
        }
      }
    }
  }

  /** BW-D066: no HEALTHCHECK for a long-running service. */
  static final class NoHealthcheck extends AbstractRule {
    NoHealthcheck() {
      super("BW-D066", "No HEALTHCHECK", Severity.LOW, "runtime",
          "Without a health check, Docker and Compose keep routing to a container whose process is alive but hung.",
          "Add `HEALTHCHECK --interval=30s --timeout=3s CMD [\"/app\", \"healthcheck\"]` (or rely on Kubernetes probes and say"
              + " so with `# bulwark ignore=BW-D066`).",
          List.of("DS026", "DL3057"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      Stage last = target.model().finalStage().orElse(null);
      if (last != null && last.healthcheck() == null && (last.cmd() != null || last.entrypoint() != null)) {
        report.accept(finding("the final stage sets no HEALTHCHECK", last.from().instruction().span(), last));
      }
    }
  }

  /** BW-D067: shell-form CMD/ENTRYPOINT. */
  static final class ShellFormEntrypoint extends AbstractRule {
    ShellFormEntrypoint() {
      super("BW-D067", "CMD or ENTRYPOINT in shell form", Severity.LOW, "runtime",
          "Shell form runs the program under `/bin/sh -c`: the shell is PID 1 and does not forward SIGTERM, so stops wait"
              + " for the kill timeout and in-flight work is cut off; it also needs a shell in the image.",
          "Use exec form: `CMD [\"/app\", \"--port\", \"8080\"]`.", List.of("DL3025", "JSONArgsRecommended"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Stage stage : target.model().stages()) {
        for (Command c : stage.commands()) {
          CommandLine line = c instanceof Command.Cmd cmd ? cmd.command() : c instanceof Command.Entrypoint ep ? ep.command() : null;
          if (line instanceof CommandLine.Shell sh && !sh.script().isBlank()) {
            report.accept(finding(c.instruction().keyword().toUpperCase() + " in shell form: signals do not reach the process",
                c.instruction().span(), stage));
          }
        }
      }
    }
  }

  /** BW-D068: relative WORKDIR. */
  static final class RelativeWorkdir extends AbstractRule {
    RelativeWorkdir() {
      super("BW-D068", "Relative WORKDIR", Severity.LOW, "reliability",
          "A relative WORKDIR depends on whatever directory the base image left; a base image change moves the app.",
          "Use an absolute path: `WORKDIR /app`.", List.of("DL3000", "DS009", "WorkdirRelativePath"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Stage stage : target.model().stages()) {
        for (var step : stage.steps()) {
          if (step.command() instanceof Command.Workdir w && !w.path().startsWith("/") && !w.path().startsWith("$")
              && !w.path().matches("^[A-Za-z]:[\\\\/].*") && step.state().workdir() == null) {
            report.accept(finding("WORKDIR " + w.path() + " is relative to the base image's directory", w.instruction().span(), stage));
          }
        }
      }
    }
  }

  private static final Set<String> SYSTEM_DIRS = Set.of("/proc", "/boot", "/dev", "/initrd", "/lost+found", "/sys");

  /** BW-D072: WORKDIR in a system directory. */
  static final class WorkdirSystemDir extends AbstractRule {
    WorkdirSystemDir() {
      super("BW-D072", "WORKDIR in a system directory", Severity.HIGH, "reliability",
          "/proc, /sys, /dev and /boot are kernel or host mounts at run time; files put there are hidden or clash with them.",
          "Use an application directory such as /app or /srv/app.", List.of("DS030"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Stage stage : target.model().stages()) {
        for (Command.Workdir w : stage.commands(Command.Workdir.class)) {
          for (String dir : SYSTEM_DIRS) {
            if (w.path().equals(dir) || w.path().startsWith(dir + "/")) {
              report.accept(finding("WORKDIR " + w.path() + " is under " + dir, w.instruction().span(), stage));
            }
          }
        }
      }
    }
  }

  /** BW-D069: cd in RUN. */
  static final class CdInRun extends AbstractRule {
    CdInRun() {
      super("BW-D069", "cd in RUN instead of WORKDIR", Severity.INFO, "maintainability",
          "A cd lasts only for that RUN; later instructions silently run elsewhere, which hides mistakes.",
          "Use `WORKDIR /path` (or `make -C`, `git -C`) instead of `cd`.", List.of("DL3003", "DS013"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (RunStep step : target.runs()) {
        for (Invocation inv : step.facts().invocations()) {
          if (inv.name().equals("cd") && !inv.command().words().isEmpty()
              && !inv.args().isEmpty() && !inv.args().getFirst().startsWith("/tmp") && !isInSubshell(step, inv)) {
            report.accept(finding("cd " + inv.args().getFirst() + ": use WORKDIR", step.spanOf(inv), step.stage()));
            break;
          }
        }
      }
    }

    private static boolean isInSubshell(RunStep step, Invocation inv) {
      String text = step.run().instruction().original();
      int at = text.indexOf("cd " + inv.args().getFirst());
      return at > 0 && text.lastIndexOf('(', at) > text.lastIndexOf(')', at);
    }
  }

  /** BW-D070: useradd with a large UID and no -l. */
  static final class UseraddLargeUid extends AbstractRule {
    UseraddLargeUid() {
      super("BW-D070", "useradd with a large UID without -l", Severity.LOW, "reliability",
          "useradd writes a sparse /var/log/lastlog and faillog sized by the UID; with a large UID the layer can grow by"
              + " gigabytes.",
          "Add `-l` / `--no-log-init` to `useradd`.", List.of("DL3046"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (RunStep step : target.runs()) {
        for (UserCreation u : step.facts().facts(UserCreation.class)) {
          if (u.invocation().name().equals("useradd") && !u.noLogInit() && u.id() != null && u.id().matches("\\d+")
              && Long.parseLong(u.id()) > 99_999) {
            report.accept(finding("useradd -u " + u.id() + " without -l", step.spanOf(u.invocation()), step.stage()));
          }
        }
      }
    }
  }

  /** BW-D071: a user created with UID 0 or a shared UID. */
  static final class UidZeroUser extends AbstractRule {
    UidZeroUser() {
      super("BW-D071", "User created with UID 0 or a shared UID", Severity.HIGH, "privilege",
          "A user with UID 0 is root whatever its name; a non-unique UID (-o) makes two names the same account, defeating"
              + " the point of a dedicated user.",
          "Create the user with its own UID above 10000 (`useradd -r -l -u 10001 app`).", List.of());
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (RunStep step : target.runs()) {
        for (UserCreation u : step.facts().facts(UserCreation.class)) {
          if (u.group()) {
            continue;
          }
          if ("0".equals(u.id())) {
            report.accept(finding("user " + u.name() + " is created with UID 0 (root)", step.spanOf(u.invocation()), step.stage()));
          } else if (u.invocation().hasFlag("-o", "--non-unique")) {
            report.accept(finding("user " + u.name() + " is created with a non-unique UID", step.spanOf(u.invocation()), step.stage()));
          }
        }
      }
    }
  }
}
