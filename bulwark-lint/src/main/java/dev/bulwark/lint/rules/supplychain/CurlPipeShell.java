package dev.bulwark.lint.rules.supplychain;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Purpose;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.shell.ShellFact.Download;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.OptInGuards;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D030: a downloaded script piped into an interpreter. */
public final class CurlPipeShell extends DockerfileRule {
  public CurlPipeShell() {
    super("BW-D030", "Downloaded script piped into a shell", Severity.HIGH, Category.SUPPLY_CHAIN,
        "Whatever the server (or anyone between it and the build) returns runs as root in the build, unreviewed and"
            + " unverifiable; a truncated download runs half a script. Behind a build ARG that is off by default"
            + " (`if [ \"$INSTALL_X\" = true ]`) a plain build never runs it: medium.",
        "Download to a file, verify a pinned checksum or signature, then run it: `curl -fsSLo /tmp/i.sh URL && echo 'SHA256"
            + "  /tmp/i.sh' | sha256sum -c - && sh /tmp/i.sh`; better, install a packaged version.",
        List.of());
    // a dev container or test image is built on one machine and not deployed: the installer it trusts (rustup, deno,
    // cpanminus) is the one its own documentation gives, and what runs it is the build, not production
    inPurpose(Purpose.DEVELOPMENT, Severity.LOW, "development image, not deployed");
    inPurpose(Purpose.FIXTURE, Severity.LOW, "test fixture");
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      for (Download d : step.facts().facts(Download.class)) {
        if (d.pipedInto() != null) {
          String message = d.invocation().name() + " output is run by " + d.pipedInto() + " without verification";
          String optIn = OptInGuards.offByDefault(step, d.invocation().command());
          Finding f = finding(message, d.invocation().span(), step.stage());
          // behind a build ARG that is off by default: a plain build never runs it, whoever sets the ARG asks for it
          report.accept(optIn == null ? f : f.withSeverity(Severity.MEDIUM)
              .withMessage(message + " (only when the build ARG " + optIn + " is set: off by default)"));
        }
      }
    }
  }
}
