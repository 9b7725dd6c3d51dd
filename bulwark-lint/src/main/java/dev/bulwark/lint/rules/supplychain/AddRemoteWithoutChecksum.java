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
import java.util.function.Consumer;

/** BW-D031: ADD of a URL with nothing to check what arrives. */
public final class AddRemoteWithoutChecksum extends DockerfileRule {
  public AddRemoteWithoutChecksum() {
    super("BW-D031", "ADD of a remote URL without --checksum", Severity.MEDIUM, Category.SUPPLY_CHAIN,
        "The file can change on the server between builds, or be swapped in transit; nothing notices.",
        "Add `--checksum=sha256:<digest>` (BuildKit), or for git sources pin a commit (`ADD https://…/repo.git#<sha>`).",
        List.of());
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Stage stage : target.stages()) {
      for (Command.Add add : stage.commandsAndTriggers(Command.Add.class)) {
        for (int i = 0; i < add.sources().size(); i++) {
          String src = add.sources().get(i);
          boolean gitPinned = src.contains(".git#") && src.substring(src.indexOf('#') + 1).matches("[0-9a-f]{40}");
          if (CopySources.isRemote(src) && add.checksum() == null && !gitPinned) {
            // the URL as written: an ARG without a default expands to nothing, which would misquote the line
            String written = i < add.instruction().args().size() ? add.instruction().args().get(i) : src;
            report.accept(finding("ADD " + written + " is not verified (no --checksum)", add.instruction().argSpan(i), stage));
          }
        }
      }
    }
  }
}
