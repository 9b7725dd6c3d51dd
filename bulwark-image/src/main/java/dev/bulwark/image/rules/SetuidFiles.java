package dev.bulwark.image.rules;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.image.fs.FileEntry;
import java.util.List;
import java.util.function.Consumer;

/** BW-M006: setuid or setgid executables. */
public final class SetuidFiles extends ImageRule {
  public SetuidFiles() {
    super("BW-M006", "setuid or setgid executables", Severity.MEDIUM, Category.PRIVILEGE,
        "Each setuid/setgid binary is a privilege-escalation path for a process that gets code execution in the container.",
        "Remove the bits in the Dockerfile (`RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} +`) or use a minimal base.",
        List.of("CIS-DI-0008"));
  }

  @Override
  public void check(ImageTarget t, Consumer<Finding> report) {
    reportFiles(t, e -> e.type() == FileEntry.Type.FILE && (e.isSetuid() || e.isSetgid()), "setuid/setgid file(s)", report);
  }
}
