package dev.bulwark.dockerfile.shell;

import dev.bulwark.core.text.Span;
import java.util.List;
import java.util.Map;

/** Something a RUN line does that security rules care about, recognized from the parsed shell. */
public sealed interface ShellFact {

  /** The command the fact was read from. */
  Invocation invocation();

  /** The package managers the recognizers know. */
  enum PackageManager {
    APT_GET("apt-get"), APT("apt"), APK("apk"), YUM("yum"), DNF("dnf"), MICRODNF("microdnf"), ZYPPER("zypper"),
    PIP("pip"), NPM("npm"), YARN("yarn"), PNPM("pnpm"), GEM("gem"), GO("go"), CARGO("cargo");

    private final String command;

    PackageManager(String command) {
      this.command = command;
    }

    public String command() {
      return command;
    }

    /** Distribution package managers, as opposed to language ones. */
    public boolean isOsPackageManager() {
      return ordinal() <= ZYPPER.ordinal();
    }
  }

  /**
   * A package named on a command line. {@code version} is what pins it, as written: the part
   * after {@code =} for apt/apk/zypper, the specifier for pip ({@code ==1.2}), after {@code @}
   * for npm/go, after {@code -v}/{@code :} for gem; null when none is given. {@code local} is
   * true for files, paths, URLs and VCS references, which carry their own version. {@code span}
   * is the word.
   */
  record PackageSpec(String raw, String name, String version, boolean local, Span span) {
    public boolean isPinned() {
      return local || (version != null && !version.isEmpty());
    }
  }

  /**
   * {@code apt-get install -y curl}: {@code action} is the subcommand (install, add, upgrade,
   * update, remove, ci, ...), {@code options} every option word.
   */
  record PackageOperation(Invocation invocation, PackageManager manager, String action, List<PackageSpec> packages, List<String> options)
      implements ShellFact {
    public boolean isInstall() {
      return switch (action) {
        case "install", "add", "in", "i", "groupinstall", "localinstall", "ci" -> !simulates();
        default -> false;
      };
    }

    /** {@code apt-get install -s pkg} (a "can it be installed?" probe): apt only prints what it would do. */
    public boolean simulates() {
      return (manager == PackageManager.APT_GET || manager == PackageManager.APT)
          && invocation.hasFlag("-s", "--simulate", "--just-print", "--dry-run", "--recon", "--no-act");
    }

    /** Applies pending updates to installed packages (security fixes). */
    public boolean isUpgrade() {
      return switch (manager) {
        case APT_GET, APT -> action.equals("upgrade") || action.equals("dist-upgrade") || action.equals("full-upgrade");
        case APK -> action.equals("upgrade");
        case YUM, DNF, MICRODNF -> action.equals("update") || action.equals("upgrade");
        case ZYPPER -> action.equals("update") || action.equals("up") || action.equals("dup") || action.equals("dist-upgrade")
            || action.equals("patch");
        default -> false;
      };
    }
  }

  /**
   * {@code curl}/{@code wget}: URLs fetched, TLS checks off, the interpreter it is piped into, and the variable its output
   * only sets ({@code V=$(curl -s URL | jq -r .version)}; null when it is not captured).
   */
  record Download(Invocation invocation, List<String> urls, boolean insecure, String pipedInto, String capturedInto) implements ShellFact {}

  /** {@code useradd}, {@code adduser}, {@code groupadd}, {@code addgroup}. */
  record UserCreation(Invocation invocation, boolean group, String name, String id, boolean system, boolean noLogInit)
      implements ShellFact {}

  /** {@code chmod}/{@code chown}/{@code chgrp}: the mode or owner, the paths, and -R. */
  record PermissionChange(Invocation invocation, String mode, List<String> paths, boolean recursive) implements ShellFact {}

  /** A command run through {@code sudo}. */
  record Sudo(Invocation invocation) implements ShellFact {}

  /** {@code go build}/{@code go install} of local code, {@code cargo build}: args and environment. */
  record Compile(Invocation invocation, String tool, List<String> args, Map<String, String> env) implements ShellFact {}
}
