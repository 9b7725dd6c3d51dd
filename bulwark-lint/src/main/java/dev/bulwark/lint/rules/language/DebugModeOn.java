package dev.bulwark.lint.rules.language;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.CommandLine;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** BW-D052: debug or development mode switched on in the image. */
public final class DebugModeOn extends DockerfileRule {
  private static final Pattern DEBUG_ENV = Pattern.compile("(?i)^(FLASK_DEBUG|DJANGO_DEBUG|DEBUG|APP_DEBUG|RAILS_ENV|RACK_ENV|APP_ENV|NODE_ENV|FLASK_ENV)$");

  public DebugModeOn() {
    super("BW-D052", "Debug or development mode on", Severity.MEDIUM, Category.RUNTIME,
        "Debug modes serve stack traces with source and settings, and some (Flask/Werkzeug's debugger) run arbitrary code"
            + " from the browser.",
        "Leave debug off in images (`FLASK_DEBUG=0`, `NODE_ENV=production`, `DEBUG=False`); turn it on per run when needed.",
        List.of());
  }

  /** A start command that runs the app's debug or development server (compiled once: it is tried on every CMD). */
  private static final Pattern DEBUG_COMMAND = Pattern.compile("(?s)--debug\\b|flask .*run .*--debugger|manage\\.py runserver");

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    Stage last = target.model().finalStage().orElse(null);
    if (last == null) {
      return;
    }
    for (Command.Env env : last.commands(Command.Env.class)) {
      for (var kv : env.pairs()) {
        if (DEBUG_ENV.matcher(kv.key()).matches() && isDebugValue(kv.key(), kv.value())) {
          report.accept(finding(kv.key() + "=" + kv.value() + " ships the app in debug/development mode", kv.keySpan(), last));
        }
      }
    }
    for (Command c : last.commands()) {
      CommandLine line = c instanceof Command.Cmd cmd ? cmd.command() : c instanceof Command.Entrypoint ep ? ep.command() : null;
      if (line != null && DEBUG_COMMAND.matcher(line.display()).find()) {
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
