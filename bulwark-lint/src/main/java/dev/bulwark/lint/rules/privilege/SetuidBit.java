package dev.bulwark.lint.rules.privilege;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.shell.ShellFact.PermissionChange;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D062: setuid/setgid bits added. */
public final class SetuidBit extends DockerfileRule {
  /**
   * setgid alone matters on programs; on a directory ({@code chmod g+s /srv/shared}, or what
   * {@code find -type d | xargs chmod g+s} lists) it only makes new files inherit the group.
   * So a setgid-only mode counts when a path is a program in a bin or libexec directory.
   */
  private static final java.util.regex.Pattern EXECUTABLE = java.util.regex.Pattern.compile("(^|/)(s?bin|libexec)/[^/$]+$");

  private static final java.util.regex.Pattern SYMBOLIC_S = java.util.regex.Pattern.compile("^([ugoa]*)[+=][rwxX]*s");

  /** The setuid bit itself: octal 4xxx, or {@code u+s}/{@code +s}/{@code a+s}. */
  private static boolean setsUserBit(String mode) {
    if (mode.matches("[0-7]{4}")) {
      return ((mode.charAt(0) - '0') & 4) != 0;
    }
    for (String clause : mode.split(",")) {
      java.util.regex.Matcher m = SYMBOLIC_S.matcher(clause);
      if (m.find() && (m.group(1).isEmpty() || m.group(1).contains("u") || m.group(1).contains("a"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean setsSetuid(String mode) {
    if (mode.matches("[0-7]{4}")) {
      int special = mode.charAt(0) - '0';
      return (special & 6) != 0;
    }
    return mode.matches(".*[ugoa]*[+=][rwxX]*s.*");
  }

  public SetuidBit() {
    super("BW-D062", "setuid or setgid bit set", Severity.HIGH, Category.PRIVILEGE,
        "A setuid-root binary is a standing privilege-escalation path: any bug in it turns a foothold into root.",
        "Drop the bit; grant a specific capability at run time if one is truly needed (`setcap`, `--cap-add`).", List.of());
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      for (PermissionChange pc : step.facts().facts(PermissionChange.class)) {
        if (pc.invocation().name().equals("chmod") && setsSetuid(pc.mode())
            && (setsUserBit(pc.mode()) || pc.paths().stream().anyMatch(p -> EXECUTABLE.matcher(p).find()))) {
          report.accept(finding("chmod " + pc.mode() + " sets setuid/setgid on " + String.join(" ", pc.paths()),
              pc.invocation().argSpan(pc.mode()), step.stage()));
        }
      }
    }
  }
}
