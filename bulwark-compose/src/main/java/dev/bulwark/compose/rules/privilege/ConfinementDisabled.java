package dev.bulwark.compose.rules.privilege;

import dev.bulwark.compose.ComposeRule;
import dev.bulwark.compose.ComposeService;
import dev.bulwark.compose.ComposeTarget;
import dev.bulwark.compose.rules.model.Fields;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** BW-C006: seccomp, AppArmor or SELinux confinement turned off ({@code seccomp:unconfined}, {@code apparmor:unconfined}, {@code label:disable}). */
public final class ConfinementDisabled extends ComposeRule {
  public ConfinementDisabled() {
    super("BW-C006", "Seccomp, AppArmor or SELinux confinement disabled", Severity.HIGH, Category.PRIVILEGE,
        "Docker's default seccomp profile blocks the system calls most container escapes use (unshare, mount, keyctl, bpf,"
            + " ptrace on old kernels); its AppArmor profile and SELinux labels stop writes to /proc and /sys and access to host"
            + " files. `unconfined` and `label:disable` remove that layer: a kernel bug or an added capability is then an escape."
            + " Privileged services (BW-C001) are unconfined anyway and are not reported again.",
        "Remove the `security_opt` entry; if a system call is missing, use a custom profile"
            + " (`seccomp:./seccomp.json`) that adds only it.",
        List.of("404fde2c-bc4b-4371-9747-7054132ac953", "check_5_22", "check_5_2", "check_5_3"));
  }

  private static final List<String> SECCOMP = List.of("404fde2c-bc4b-4371-9747-7054132ac953", "check_5_22");
  private static final List<String> APPARMOR = List.of("check_5_2");
  private static final List<String> SELINUX = List.of("check_5_3");

  @Override
  public void check(ComposeTarget target, Consumer<Finding> report) {
    for (ComposeService s : target.services()) {
      if (Fields.isPrivileged(s)) {
        continue;
      }
      for (Fields.Opt o : Fields.securityOpts(s)) {
        String v = o.value().toLowerCase(Locale.ROOT);
        boolean off = (o.name().equals("seccomp") || o.name().equals("apparmor")) && v.equals("unconfined")
            || o.name().equals("label") && v.equals("disable");
        if (off) {
          String what = o.name().equals("seccomp") ? "the seccomp filter" : o.name().equals("apparmor") ? "AppArmor" : "SELinux labelling";
          List<String> ids = o.name().equals("seccomp") ? SECCOMP : o.name().equals("apparmor") ? APPARMOR : SELINUX;
          report.accept(finding(target, info().severity(), s.displayName() + " turns off " + what + " (`" + o.node().value() + "`)",
              o.node(), s.name(), ids));
        }
      }
    }
  }
}
