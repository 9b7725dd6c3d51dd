package dev.bulwark.lint.rules.supplychain;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.core.fix.Edit;
import dev.bulwark.core.fix.Fix;
import dev.bulwark.core.text.Span;
import dev.bulwark.dockerfile.syntax.Flag;
import dev.bulwark.dockerfile.syntax.Instruction;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.CopySources;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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

  /** Flags COPY takes as ADD does; {@code --checksum}, {@code --keep-git-dir} and {@code --unpack} are ADD's own. */
  private static final Set<String> COPY_FLAGS = Set.of("chown", "chmod", "link", "exclude");

  /** The keyword replaced, in the case it was written in; nothing else of the line changes. */
  private static Fix toCopy(Instruction in) {
    for (Flag flag : in.flags()) {
      if (!COPY_FLAGS.contains(flag.name())) {
        return null;
      }
    }
    Span keyword = in.keywordSpan();
    String written = in.source().text().substring(keyword.startOffset(), keyword.endOffset());
    if (!written.equalsIgnoreCase("add")) {
      return null;
    }
    String copy = written.equals("add") ? "copy" : written.equals("Add") ? "Copy" : "COPY";
    return Fix.safe("Use COPY instead of ADD", Edit.replace(keyword, copy));
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
          Finding f = finding("ADD of local files: use COPY", add.instruction().span(), stage);
          Fix fix = toCopy(add.instruction());
          report.accept(fix == null ? f : f.withFix(fix));
        }
      }
    }
  }
}
