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

  /**
   * True when a RUN of the final image, after the install, runs the tool ({@code apk add curl && curl -o … }): a build step
   * needed it, so keeping it is a leftover rather than a choice.
   */
  private static boolean usedByTheBuild(DockerfileTarget target, PackageLedger.Install install) {
    String text = target.file().source().text();
    String tool = binary(install.pkg().name());
    int after = install.pkg().span().endOffset();
    for (DockerfileTarget.RunStep step : target.runs()) {
      if (!target.inFinalImage(step.stage())) {
        continue;
      }
      int start = Math.max(after, step.run().instruction().extent().startOffset());
      int end = step.run().instruction().extent().endOffset();
      for (int at = start < end ? text.indexOf(tool, start) : -1; at >= 0 && at + tool.length() <= end; at = text.indexOf(tool, at + 1)) {
        boolean before = at == 0 || !isNameChar(text.charAt(at - 1));
        boolean behind = at + tool.length() == text.length() || !isNameChar(text.charAt(at + tool.length()));
        if (before && behind) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.';
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
      byCommand.forEach((op, tools) -> {
        Finding f = finding("the final image keeps " + String.join(", ", tools.stream().map(t -> t.pkg().name()).toList()),
            tools.getFirst().pkg().span(), stage);
        boolean deliberate = tools.stream().allMatch(t -> NETWORK_TOOLS.contains(t.pkg().name()) && !usedByTheBuild(target, t));
        // rehook's runtime stage: apk add bash coreutils curl jq for its webhook scripts; installed for the program, not the build
        report.accept(deliberate ? f.withSeverity(Severity.LOW).withMessage(f.message() + ", installed in the runtime image and not used"
            + " by its build, so kept for the program on purpose, presumably; remove it if the program does not need it") : f);
      });
    }
  }
}
