package dev.bulwark.lint.rules.supplychain;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.CopySources;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** BW-D032: ADD where COPY does the same with fewer surprises. */
public final class AddInsteadOfCopy extends DockerfileRule {
  public AddInsteadOfCopy() {
    super("BW-D032", "ADD used for local files", Severity.LOW, Category.SUPPLY_CHAIN,
        "ADD also fetches URLs and unpacks archives; for plain files that hidden behaviour only adds surprises (a .tar.gz"
            + " gets extracted).",
        "Use `COPY` for local files and directories; keep ADD for remote sources with --checksum or archives you mean to unpack.",
        List.of("DL3020", "DS005"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Stage stage : target.stages()) {
      for (Command.Add add : stage.commandsAndTriggers(Command.Add.class)) {
        boolean allLocalPlain = !add.sources().isEmpty() && add.heredocs().isEmpty();
        for (String src : add.sources()) {
          if (CopySources.isRemote(src) || CopySources.isArchive(src) || src.contains("$")) {
            allLocalPlain = false;
          }
        }
        if (allLocalPlain) {
          report.accept(finding("ADD of local files: use COPY", add.instruction().span(), stage));
        }
      }
    }
  }
}
