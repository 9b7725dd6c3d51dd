package dev.bulwark.lint.rules.build;

import dev.bulwark.core.Purpose;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.shell.ShellFact.PackageOperation;
import dev.bulwark.lint.ComposeService;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.PackageLedger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** BW-D013: network and build tools left in the final image of a multi-stage build. */
public final class ToolsInFinalImage extends DockerfileRule {
  private static final Set<String> NETWORK_TOOLS = Set.of("curl", "wget", "netcat", "netcat-openbsd", "nc", "ncat", "nmap", "socat",
      "telnet", "ftp", "tcpdump");

  private static final Set<String> COMPILERS = Set.of("gcc", "g++", "clang", "build-essential", "build-base", "make", "go", "golang",
      "rust", "cargo", "musl-dev", "libc6-dev", "gdb", "strace");

  public ToolsInFinalImage() {
    super("BW-D013", "Download or build tools left in the final image", Severity.MEDIUM, Category.ATTACK_SURFACE,
        "curl, wget, netcat or a compiler in the runtime image are exactly what an attacker needs after a foothold: fetch"
            + " a payload, build it, open a connection back.",
        "Install them only in a build stage, or remove them in the same RUN that used them (`apk del .fetch-deps`).",
        List.of());
    inPurpose(Purpose.BASE, null, "");
    inPurpose(Purpose.DEVELOPMENT, null, "");
    inPurpose(Purpose.FIXTURE, null, "");
  }

  /** The command a network-tool package installs: the netcat packages install nc. */
  private static String binary(String pkg) {
    return pkg.startsWith("netcat") ? "nc" : pkg;
  }

  /**
   * The program names of the image's HEALTHCHECK command ({@code curl -f http://localhost/ || exit 1}):
   * a tool it runs is kept for the health check, not left over from the build; so is one the Compose
   * service's healthcheck runs in the container.
   */
  private static List<String> healthcheckWords(Stage last) {
    if (last.healthcheck() == null || last.healthcheck().none() || last.healthcheck().test() == null) {
      return List.of();
    }
    return ComposeService.commandWords(last.healthcheck().test().display());
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    if (!target.model().isMultiStage()) {
      return; // BW-D003 covers single-stage builds
    }
    Stage last = target.model().finalStage().orElse(null);
    List<String> probe = new ArrayList<>(last == null ? List.of() : healthcheckWords(last));
    probe.addAll(target.compose().healthcheck());
    for (Stage stage : target.stages()) {
      if (!target.inFinalImage(stage)) {
        continue;
      }
      // one finding per install command, at its first such package; packages removed again are gone
      Map<PackageOperation, List<PackageLedger.Install>> byCommand = new LinkedHashMap<>();
      for (PackageLedger.Install i : target.packages(stage).kept()) {
        String name = i.pkg().name();
        if ((NETWORK_TOOLS.contains(name) && !probe.contains(binary(name))) || COMPILERS.contains(name)) {
          byCommand.computeIfAbsent(i.operation(), op -> new ArrayList<>()).add(i);
        }
      }
      byCommand.forEach((op, tools) -> report.accept(finding(
          "the final image keeps " + String.join(", ", tools.stream().map(t -> t.pkg().name()).toList()), tools.getFirst().pkg().span(),
          stage)));
    }
  }
}
