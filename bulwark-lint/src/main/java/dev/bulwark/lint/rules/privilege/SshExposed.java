package dev.bulwark.lint.rules.privilege;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.PortSpec;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.shell.ShellFact.PackageOperation;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D065: SSH exposed or installed as a server. */
public final class SshExposed extends DockerfileRule {
  public SshExposed() {
    super("BW-D065", "SSH server in the container", Severity.HIGH, Category.ATTACK_SURFACE,
        "An SSH daemon is a remote login surface with its own keys and CVEs; containers are entered with `docker exec` /"
            + " `kubectl exec`, audited by the orchestrator.",
        "Remove `EXPOSE 22` and openssh-server; use `kubectl exec` or `docker exec` for debugging.", List.of("DS004"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Stage stage : target.stages()) {
      for (Command.Expose e : stage.commands(Command.Expose.class)) {
        for (PortSpec p : e.ports()) {
          if (p.includes(22) && p.protocol().equals("tcp")) {
            report.accept(finding("EXPOSE " + p.raw() + " publishes SSH", p.span(), stage));
          }
        }
      }
    }
    for (RunStep step : target.runs()) {
      if (step.onbuild() || !step.inFinalStage()) { // what this image holds: ONBUILD triggers run in child builds
        continue;
      }
      for (PackageOperation op : step.facts().facts(PackageOperation.class)) {
        var server = op.packages().stream().filter(p -> p.name().equals("openssh-server") || p.name().equals("dropbear")).findFirst();
        if (op.isInstall() && server.isPresent()) {
          report.accept(finding("an SSH server is installed in the final image", server.get().span(), step.stage()));
        }
      }
    }
  }
}
