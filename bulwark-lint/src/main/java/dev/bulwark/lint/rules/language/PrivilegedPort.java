package dev.bulwark.lint.rules.language;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.CommandLine;
import dev.bulwark.dockerfile.model.PortSpec;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** BW-D053: privileged ports. */
public final class PrivilegedPort extends DockerfileRule {
  private static final Pattern LISTEN_PORT = Pattern.compile("(?:--port[= ]|-p |--bind[= ](?:[\\d.]+)?:|0\\.0\\.0\\.0:|--listen[= ](?:[\\d.]+)?:?)(\\d{1,5})\\b");

  public PrivilegedPort() {
    super("BW-D053", "Privileged port (below 1024)", Severity.LOW, Category.PRIVILEGE,
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
          report.accept(finding("EXPOSE " + p.raw() + " is a privileged port", p.span(), last));
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
