package dev.bulwark.lint.rules.build;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.shell.ShellFact.PackageOperation;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import dev.bulwark.core.text.Span;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** BW-D013: network and build tools left in the final image of a multi-stage build. */
public final class ToolsInFinalImage extends DockerfileRule {
  private static final Set<String> NETWORK_TOOLS = Set.of("curl", "wget", "netcat", "netcat-openbsd", "nc", "ncat", "nmap", "socat",
      "telnet", "openssh-client", "ftp", "tcpdump");

  private static final Set<String> COMPILERS = Set.of("gcc", "g++", "clang", "build-essential", "build-base", "make", "go", "golang",
      "rust", "cargo", "musl-dev", "libc6-dev", "gdb", "strace");

  public ToolsInFinalImage() {
    super("BW-D013", "Download or build tools left in the final image", Severity.MEDIUM, Category.ATTACK_SURFACE,
        "curl, wget, netcat or a compiler in the runtime image are exactly what an attacker needs after a foothold: fetch"
            + " a payload, build it, open a connection back.",
        "Install them only in a build stage, or remove them in the same RUN that used them (`apk del .fetch-deps`).",
        List.of());
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    if (!target.model().isMultiStage()) {
      return; // BW-D003 covers single-stage builds
    }
    for (RunStep step : target.runs()) {
      if (!step.inFinalStage()) {
        continue;
      }
      Set<String> removed = new LinkedHashSet<>();
      for (PackageOperation op : step.facts().facts(PackageOperation.class)) {
        if (op.action().equals("del") || op.action().equals("remove") || op.action().equals("purge") || op.action().equals("autoremove")) {
          op.packages().forEach(p -> removed.add(p.name()));
        }
      }
      for (PackageOperation op : step.facts().facts(PackageOperation.class)) {
        if (!op.isInstall() || !op.manager().isOsPackageManager()) {
          continue;
        }
        String virtual = op.invocation().flagValue("--virtual", "-t");
        if (virtual != null && removed.contains(virtual)) {
          continue;
        }
        List<String> tools = new ArrayList<>();
        Span first = null; // the finding points at the first such package
        for (var p : op.packages()) {
          if ((NETWORK_TOOLS.contains(p.name()) || COMPILERS.contains(p.name())) && !removed.contains(p.name())) {
            tools.add(p.name());
            first = first == null ? p.span() : first;
          }
        }
        if (!tools.isEmpty()) {
          report.accept(finding("the final image keeps " + String.join(", ", tools), first, step.stage()));
        }
      }
    }
  }
}
