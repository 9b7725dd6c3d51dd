package dev.bulwark.lint.rules;

import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.CommandLine;
import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.dockerfile.model.PortSpec;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.shell.ShellFact.PackageManager;
import dev.bulwark.dockerfile.shell.ShellFact.PackageOperation;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Python and Node hygiene: virtualenvs, interpreter settings, debug modes, dev dependencies, ports. */
final class LanguageRules {
  private LanguageRules() {}

  static boolean isPythonImage(Stage stage) {
    return stage.baseImage().map(r -> lastPart(r).equals("python") || lastPart(r).startsWith("python")).orElse(false);
  }

  static boolean isNodeImage(Stage stage) {
    return stage.baseImage().map(r -> lastPart(r).equals("node")).orElse(false);
  }

  static String lastPart(ImageReference r) {
    return r.repository().substring(r.repository().lastIndexOf('/') + 1);
  }

  static boolean usesPip(DockerfileTarget target, Stage stage) {
    return target.runs().stream().filter(r -> r.stage() == stage)
        .anyMatch(r -> r.facts().facts(PackageOperation.class).stream().anyMatch(o -> o.manager() == PackageManager.PIP && o.isInstall()));
  }

  /** BW-D050: multi-stage Python builds that install into the system site-packages. */
  static final class PythonNoVenv extends AbstractRule {
    PythonNoVenv() {
      super("BW-D050", "Python dependencies installed without a virtualenv in a multi-stage build", Severity.LOW, "attack-surface",
          "Without a venv the build stage's packages are scattered over the system site-packages, so the runtime stage"
              + " ends up copying the whole interpreter tree (or the build tools) instead of one directory.",
          "Build into a venv and copy only it: `RUN python -m venv /opt/venv && /opt/venv/bin/pip install --no-cache-dir -r"
              + " requirements.txt`, then `COPY --from=build /opt/venv /opt/venv` and `ENV PATH=/opt/venv/bin:$PATH`.",
          List.of());
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      if (!target.model().isMultiStage()) {
        return;
      }
      for (RunStep step : target.runs()) {
        if (step.inFinalStage()) {
          continue;
        }
        boolean venv = step.stage().finalState().env().getOrDefault("VIRTUAL_ENV", "").length() > 0
            || step.stage().finalState().env().getOrDefault("PATH", "").contains("venv")
            || step.facts().invocations().stream().anyMatch(i -> i.args().contains("venv") || i.name().equals("virtualenv")
                || i.name().equals("uv") || i.name().equals("poetry") || i.name().equals("pipenv") || i.command().name().contains("venv"));
        for (PackageOperation op : step.facts().facts(PackageOperation.class)) {
          if (op.manager() == PackageManager.PIP && op.isInstall() && !venv && !op.invocation().hasFlag("--target", "-t", "--prefix", "--user")) {
            report.accept(finding("pip installs into the system site-packages of a build stage; use a venv", step.spanOf(op.invocation()), step.stage()));
          }
        }
      }
    }
  }

  /** BW-D051: Python runtime images without PYTHONDONTWRITEBYTECODE / PYTHONUNBUFFERED. */
  static final class PythonEnvMissing extends AbstractRule {
    PythonEnvMissing() {
      super("BW-D051", "Python image without PYTHONDONTWRITEBYTECODE and PYTHONUNBUFFERED", Severity.INFO, "runtime",
          "Bytecode written at run time fails on a read-only root filesystem (or litters it); buffered output loses the last"
              + " log lines when the container is killed.",
          "`ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1` in the runtime stage.", List.of());
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      Stage last = target.model().finalStage().orElse(null);
      if (last == null || !(isPythonImage(last) || usesPip(target, last))) {
        return;
      }
      Map<String, String> env = last.finalState().env();
      List<String> missing = new java.util.ArrayList<>();
      for (String k : List.of("PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED")) {
        if (env.getOrDefault(k, "").isEmpty()) {
          missing.add(k);
        }
      }
      if (!missing.isEmpty()) {
        report.accept(finding("the Python runtime stage does not set " + String.join(" or ", missing), last.from().instruction().span(), last));
      }
    }
  }

  private static final Pattern DEBUG_ENV = Pattern.compile("(?i)^(FLASK_DEBUG|DJANGO_DEBUG|DEBUG|APP_DEBUG|RAILS_ENV|RACK_ENV|APP_ENV|NODE_ENV|FLASK_ENV)$");

  /** BW-D052: debug or development mode switched on in the image. */
  static final class DebugModeOn extends AbstractRule {
    DebugModeOn() {
      super("BW-D052", "Debug or development mode on", Severity.MEDIUM, "runtime",
          "Debug modes serve stack traces with source and settings, and some (Flask/Werkzeug's debugger) run arbitrary code"
              + " from the browser.",
          "Leave debug off in images (`FLASK_DEBUG=0`, `NODE_ENV=production`, `DEBUG=False`); turn it on per run when needed.",
          List.of());
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      Stage last = target.model().finalStage().orElse(null);
      if (last == null) {
        return;
      }
      for (Command.Env env : last.commands(Command.Env.class)) {
        for (var kv : env.pairs()) {
          if (DEBUG_ENV.matcher(kv.key()).matches() && isDebugValue(kv.key(), kv.value())) {
            report.accept(finding(kv.key() + "=" + kv.value() + " ships the app in debug/development mode", env.instruction().locate(kv.key()), last));
          }
        }
      }
      for (Command c : last.commands()) {
        CommandLine line = c instanceof Command.Cmd cmd ? cmd.command() : c instanceof Command.Entrypoint ep ? ep.command() : null;
        if (line != null && line.display().matches("(?s).*(--debug\\b|flask .*run .*--debugger|manage\\.py runserver).*")) {
          report.accept(finding("the container starts in debug/development mode", c.instruction().span(), last));
        }
      }
    }

    static boolean isDebugValue(String key, String value) {
      String v = value.toLowerCase(Locale.ROOT);
      return switch (key.toUpperCase(Locale.ROOT)) {
        case "NODE_ENV", "RAILS_ENV", "RACK_ENV", "APP_ENV", "FLASK_ENV" -> v.equals("development") || v.equals("dev") || v.equals("debug");
        default -> v.equals("1") || v.equals("true") || v.equals("yes") || v.equals("on");
      };
    }
  }

  private static final Pattern LISTEN_PORT = Pattern.compile("(?:--port[= ]|-p |--bind[= ](?:[\\d.]+)?:|0\\.0\\.0\\.0:|--listen[= ](?:[\\d.]+)?:?)(\\d{1,5})\\b");

  /** BW-D053: privileged ports. */
  static final class PrivilegedPort extends AbstractRule {
    PrivilegedPort() {
      super("BW-D053", "Privileged port (below 1024)", Severity.LOW, "privilege",
          "Binding a port below 1024 needs root or CAP_NET_BIND_SERVICE, which pushes the container to run with privileges it"
              + " otherwise does not need.",
          "Listen on an unprivileged port (8080, 8443) and map it at run time (`-p 80:8080`, a Service port).", List.of());
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      Stage last = target.model().finalStage().orElse(null);
      if (last == null) {
        return;
      }
      for (Command.Expose e : last.commands(Command.Expose.class)) {
        for (PortSpec p : e.ports()) {
          if (p.isPrivileged() && p.start() != 22) {
            report.accept(finding("EXPOSE " + p.raw() + " is a privileged port", e.instruction().locate(p.raw()), last));
          }
        }
      }
      for (Command c : last.commands()) {
        CommandLine line = c instanceof Command.Cmd cmd ? cmd.command() : c instanceof Command.Entrypoint ep ? ep.command() : null;
        if (line == null) {
          continue;
        }
        Matcher m = LISTEN_PORT.matcher(line.display());
        while (m.find()) {
          int port = Integer.parseInt(m.group(1));
          if (port > 0 && port < 1024) {
            report.accept(finding("the app listens on privileged port " + port, c.instruction().span(), last));
          }
        }
      }
    }
  }

  /** BW-D028: development dependencies installed in the final image. */
  static final class DevDependenciesInFinal extends AbstractRule {
    DevDependenciesInFinal() {
      super("BW-D028", "Development dependencies in the final image", Severity.LOW, "attack-surface",
          "Test runners, linters and build tools are code the app never runs in production but an attacker can; they add"
              + " hundreds of packages and their CVEs.",
          "`npm ci --omit=dev` (or NODE_ENV=production), `pip install -r requirements.txt` without the dev file, or build them"
              + " in a separate stage.",
          List.of());
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (RunStep step : target.runs()) {
        if (!step.inFinalStage()) {
          continue;
        }
        Map<String, String> env = PackageRules.PackageCacheLeft.envOf(step);
        for (PackageOperation op : step.facts().facts(PackageOperation.class)) {
          var inv = op.invocation();
          if (op.manager() == PackageManager.NPM && (op.action().equals("ci") || (op.isInstall() && op.packages().isEmpty()))
              && !inv.hasFlag("--omit", "--production", "--only") && !"production".equals(inv.env().getOrDefault("NODE_ENV", env.get("NODE_ENV")))
              && !inv.hasFlag("-g", "--global")) {
            report.accept(finding("npm " + op.action() + " installs devDependencies (no --omit=dev)", step.spanOf(inv), step.stage()));
          }
          if (op.manager() == PackageManager.YARN && op.action().equals("install") && !inv.hasFlag("--production")
              && !"production".equals(env.get("NODE_ENV"))) {
            report.accept(finding("yarn install includes devDependencies (no --production)", step.spanOf(inv), step.stage()));
          }
          if (op.manager() == PackageManager.PIP && op.isInstall()) {
            String req = inv.flagValue("-r", "--requirement");
            if (req != null && req.matches("(?i).*(dev|test|lint).*")) {
              report.accept(finding("pip installs " + req + " into the final image", step.spanOf(inv), step.stage()));
            }
          }
        }
      }
    }
  }
}
