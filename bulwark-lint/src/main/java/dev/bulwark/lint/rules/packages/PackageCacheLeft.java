package dev.bulwark.lint.rules.packages;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Mount;
import dev.bulwark.dockerfile.shell.Invocation;
import dev.bulwark.dockerfile.shell.ShellFact.PackageOperation;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** BW-D022: package-manager caches left in the layer. */
public final class PackageCacheLeft extends DockerfileRule {
  private static boolean hasCacheMount(RunStep step, String... targets) {
    for (Mount m : step.run().mounts()) {
      if ((m.isCache() || m.type().equals("tmpfs")) && m.target() != null) {
        for (String t : targets) {
          if (m.target().startsWith(t)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  public PackageCacheLeft() {
    super("BW-D022", "Package manager cache left in the image", Severity.LOW, Category.ATTACK_SURFACE,
        "Package indexes and downloaded archives stay in the layer: tens of megabytes per image, stale metadata a"
            + " scanner or attacker can read, and slower pulls everywhere the image runs.",
        "Clean in the same RUN (`rm -rf /var/lib/apt/lists/*`, `apk add --no-cache`, `dnf clean all`, `pip install"
            + " --no-cache-dir`, `yarn cache clean`) or use a cache mount (`RUN --mount=type=cache,target=/var/cache/apt ...`).",
        List.of("DL3009", "DL3019", "DS025", "DL3032", "DS015", "DL3040", "DS019", "DL3036", "DS020", "DS027", "DL3042", "DL3060"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      List<Invocation> all = step.facts().invocations();
      for (PackageOperation op : step.facts().facts(PackageOperation.class)) {
        String problem = null;
        List<String> aliases = List.of();
        switch (op.manager()) {
          case APT_GET, APT -> {
            if (op.isInstall() && !removes(all, "/var/lib/apt/lists") && !hasCacheMount(step, "/var/lib/apt", "/var/cache/apt")) {
              problem = "apt lists are not removed (rm -rf /var/lib/apt/lists/*)";
              aliases = List.of("DL3009");
            }
          }
          case APK -> {
            if ((op.isInstall() || op.action().equals("upgrade")) && !op.invocation().hasFlag("--no-cache")
                && !removes(all, "/var/cache/apk") && !hasCacheMount(step, "/var/cache/apk", "/etc/apk/cache")) {
              problem = "apk " + op.action() + " without --no-cache";
              aliases = List.of("DL3019", "DS025");
            }
          }
          case YUM, DNF, MICRODNF, ZYPPER -> {
            String tool = op.manager().command();
            if (op.isInstall() && !runs(all, tool, "clean") && !removes(all, "/var/cache/" + (tool.equals("microdnf") ? "dnf" : tool))
                && !hasCacheMount(step, "/var/cache")) {
              problem = tool + " install without '" + tool + " clean all' in the same RUN";
              aliases = switch (op.manager()) {
                case YUM -> List.of("DL3032", "DS015");
                case DNF -> List.of("DL3040", "DS019");
                case MICRODNF -> List.of("DS027");
                default -> List.of("DL3036", "DS020");
              };
            }
          }
          case PIP -> {
            String noCache = op.invocation().env().getOrDefault("PIP_NO_CACHE_DIR", step.env().get("PIP_NO_CACHE_DIR"));
            if (op.isInstall() && !op.invocation().hasFlag("--no-cache-dir") && (noCache == null || noCache.isEmpty())
                && !hasCacheMount(step, "/root/.cache")) {
              problem = "pip install without --no-cache-dir";
              aliases = List.of("DL3042");
            }
          }
          case YARN -> {
            if (op.isInstall() && !runs(all, "yarn", "cache") && !hasCacheMount(step, "/usr/local/share/.cache", "/root/.cache/yarn",
                "/root/.yarn")) {
              problem = "yarn install without 'yarn cache clean'";
              aliases = List.of("DL3060");
            }
          }
          default -> {}
        }
        if (problem != null) {
          report.accept(finding(problem, op.invocation().span(), step.stage()).withAliases(aliases));
        }
      }
    }
  }

  static Map<String, String> envOf(RunStep step) {
    for (var s : step.stage().steps()) {
      if (s.command() == step.run()) {
        return s.state().expansionEnv();
      }
    }
    return Map.of();
  }

  static boolean removes(List<Invocation> all, String path) {
    for (Invocation i : all) {
      if (i.name().equals("rm")) {
        for (String a : i.args()) {
          if (a.startsWith(path)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  static boolean runs(List<Invocation> all, String tool, String sub) {
    for (Invocation i : all) {
      if (i.name().equals(tool) && i.args().contains(sub)) {
        return true;
      }
    }
    return false;
  }
}
