package dev.bulwark.lint.rules.privilege;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** BW-D072: WORKDIR in a system directory. */
public final class WorkdirSystemDir extends DockerfileRule {
  private static final Set<String> SYSTEM_DIRS = Set.of("/proc", "/boot", "/dev", "/initrd", "/lost+found", "/sys");

  public WorkdirSystemDir() {
    super("BW-D072", "WORKDIR in a system directory", Severity.HIGH, Category.RELIABILITY,
        "/proc, /sys, /dev and /boot are kernel or host mounts at run time; files put there are hidden or clash with them.",
        "Use an application directory such as /app or /srv/app.", List.of("DS030"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Stage stage : target.stages()) {
      for (Command.Workdir w : stage.commands(Command.Workdir.class)) {
        for (String dir : SYSTEM_DIRS) {
          if (w.path().equals(dir) || w.path().startsWith(dir + "/")) {
            report.accept(finding("WORKDIR " + w.path() + " is under " + dir, w.instruction().argSpan(0), stage));
          }
        }
      }
    }
  }
}
