package dev.bulwark.lint.rules.packages;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.shell.ShellFact.PackageManager;
import dev.bulwark.dockerfile.shell.ShellFact.PackageOperation;
import dev.bulwark.dockerfile.shell.ShellFact.PackageSpec;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.ArrayList;
import dev.bulwark.core.text.Span;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** BW-D020: packages installed without a version (hadolint DL3008/DL3018/DL3013/...). */
public final class UnpinnedPackages extends DockerfileRule {
  /** The hadolint id for "not pinned" per manager (hadolint's pin semantics are followed). */
  private static final Map<PackageManager, String> PIN_ALIAS = Map.of(
      PackageManager.APT_GET, "DL3008", PackageManager.APT, "DL3008", PackageManager.APK, "DL3018", PackageManager.PIP, "DL3013",
      PackageManager.NPM, "DL3016", PackageManager.YARN, "DL3016", PackageManager.PNPM, "DL3016", PackageManager.GEM, "DL3028",
      PackageManager.YUM, "DL3033", PackageManager.GO, "DL3062");

  public UnpinnedPackages() {
    super("BW-D020", "Packages installed without a version pin", Severity.LOW, Category.SUPPLY_CHAIN,
        "Unpinned packages make every build pull whatever version is current: builds stop being reproducible, and a"
            + " compromised or broken release flows straight into the image.",
        "Pin versions (`apt-get install curl=8.5.0-2`, `pip install flask==3.0.3`, `npm install express@4.19.2`) or install"
            + " from a lock file (`pip install -r requirements.txt` with hashes, `npm ci`).",
        List.of("DL3008", "DL3018", "DL3013", "DL3016", "DL3028", "DL3033", "DL3037", "DL3041", "DL3062"));
  }

  /**
   * The commands whose packages must carry a version: installs (not {@code npm ci}, nor yum's
   * {@code groupinstall}/{@code localinstall} of groups and files), {@code dnf module install},
   * {@code go run PKG}; a pip install from requirements or constraints, or of the project itself
   * ({@code .}), is left alone as hadolint DL3013 does.
   */
  private static boolean checked(PackageOperation op) {
    List<PackageSpec> pkgs = op.packages();
    return switch (op.manager()) {
      case GO -> op.action().equals("run") || op.isInstall() || op.action().equals("get");
      case YUM, DNF, MICRODNF -> op.action().equals("module") ? !pkgs.isEmpty() && pkgs.getFirst().raw().equals("install")
          : op.isInstall() && !op.action().equals("groupinstall") && !op.action().equals("localinstall");
      case PIP -> op.isInstall() && !op.invocation().hasFlag("-r", "--requirement", "-c", "--constraint")
          && pkgs.stream().noneMatch(p -> p.raw().equals("."));
      default -> op.isInstall() && !op.action().equals("ci");
    };
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      for (PackageOperation op : step.facts().facts(PackageOperation.class)) {
        if (!checked(op)) {
          continue;
        }
        boolean module = op.action().equals("module"); // dnf module install NAME:STREAM
        List<String> loose = new ArrayList<>();
        Span first = null; // the finding points at the first unpinned package
        for (PackageSpec p : module ? op.packages().subList(1, op.packages().size()) : op.packages()) {
          boolean pinned = module ? p.raw().contains(":") : p.isPinned();
          if (!pinned && !p.name().contains("$")) {
            loose.add(p.name());
            first = first == null ? p.span() : first;
          }
        }
        if (!loose.isEmpty()) {
          String alias = switch (op.manager()) {
            case ZYPPER -> "DL3037";
            case DNF, MICRODNF -> "DL3041";
            case YARN, PNPM -> null; // hadolint's DL3016 reads npm only
            default -> PIN_ALIAS.getOrDefault(op.manager(), "DL3008");
          };
          report.accept(finding(op.manager().command() + (module ? " module install" : " " + op.action()) + " without a version: " + String.join(", ", loose),
              first, step.stage()).withAliases(alias == null ? List.of() : List.of(alias)));
        }
      }
    }
  }
}
