package dev.bulwark.lint.rules;

import dev.bulwark.dockerfile.model.Mount;
import dev.bulwark.dockerfile.shell.Invocation;
import dev.bulwark.dockerfile.shell.ShellFact.PackageManager;
import dev.bulwark.dockerfile.shell.ShellFact.PackageOperation;
import dev.bulwark.dockerfile.shell.ShellFact.PackageSpec;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Rules about package-manager calls in RUN: pins, caches, prompts, recommends. */
final class PackageRules {
  private PackageRules() {}

  /** The hadolint id for "not pinned" per manager (hadolint's pin semantics are followed). */
  private static final Map<PackageManager, String> PIN_ALIAS = Map.of(
      PackageManager.APT_GET, "DL3008", PackageManager.APT, "DL3008", PackageManager.APK, "DL3018", PackageManager.PIP, "DL3013",
      PackageManager.NPM, "DL3016", PackageManager.YARN, "DL3016", PackageManager.PNPM, "DL3016", PackageManager.GEM, "DL3028",
      PackageManager.YUM, "DL3033", PackageManager.GO, "DL3062");

  static boolean hasCacheMount(RunStep step, String... targets) {
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

  /** BW-D020: packages installed without a version (hadolint DL3008/DL3018/DL3013/...). */
  static final class UnpinnedPackages extends AbstractRule {
    UnpinnedPackages() {
      super("BW-D020", "Packages installed without a version pin", Severity.LOW, "supply-chain",
          "Unpinned packages make every build pull whatever version is current: builds stop being reproducible, and a"
              + " compromised or broken release flows straight into the image.",
          "Pin versions (`apt-get install curl=8.5.0-2`, `pip install flask==3.0.3`, `npm install express@4.19.2`) or install"
              + " from a lock file (`pip install -r requirements.txt` with hashes, `npm ci`).",
          List.of("DL3008", "DL3018", "DL3013", "DL3016", "DL3028", "DL3033", "DL3037", "DL3041", "DL3062"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (RunStep step : target.runs()) {
        for (PackageOperation op : step.facts().facts(PackageOperation.class)) {
          if (!op.isInstall() || op.action().equals("ci")) {
            continue;
          }
          List<String> loose = new ArrayList<>();
          for (PackageSpec p : op.packages()) {
            if (!p.isPinned() && !p.name().contains("$")) {
              loose.add(p.name());
            }
          }
          if (!loose.isEmpty()) {
            String alias = switch (op.manager()) {
              case ZYPPER -> "DL3037";
              case DNF, MICRODNF -> "DL3041";
              default -> PIN_ALIAS.getOrDefault(op.manager(), "DL3008");
            };
            report.accept(finding(op.manager().command() + " installs without a version: " + String.join(", ", loose),
                step.spanOf(op.invocation()), step.stage()).withAliases(List.of(alias)));
          }
        }
      }
    }
  }

  /** BW-D021: apt installs recommended packages. */
  static final class NoInstallRecommends extends AbstractRule {
    NoInstallRecommends() {
      super("BW-D021", "apt-get install without --no-install-recommends", Severity.LOW, "attack-surface",
          "Recommended packages are not needed to run the software; they add binaries, libraries and CVEs to every image.",
          "Add `--no-install-recommends` to `apt-get install`.", List.of("DL3015", "DS029"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (RunStep step : target.runs()) {
        for (PackageOperation op : step.facts().facts(PackageOperation.class)) {
          if ((op.manager() == PackageManager.APT_GET || op.manager() == PackageManager.APT) && op.isInstall()
              && !op.invocation().hasFlag("--no-install-recommends") && !hasOption(op.invocation(), "APT::Install-Recommends")) {
            report.accept(finding(op.manager().command() + " install pulls in recommended packages", step.spanOf(op.invocation()),
                step.stage()));
          }
        }
      }
    }

    private static boolean hasOption(Invocation inv, String key) {
      for (String a : inv.args()) {
        if (a.contains(key) && (a.endsWith("false") || a.endsWith("0"))) {
          return true;
        }
      }
      return false;
    }
  }

  /** BW-D022: package-manager caches left in the layer. */
  static final class PackageCacheLeft extends AbstractRule {
    PackageCacheLeft() {
      super("BW-D022", "Package manager cache left in the image", Severity.LOW, "attack-surface",
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
              String noCache = op.invocation().env().getOrDefault("PIP_NO_CACHE_DIR", envOf(step).get("PIP_NO_CACHE_DIR"));
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
            report.accept(finding(problem, step.spanOf(op.invocation()), step.stage()).withAliases(aliases));
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

  /** BW-D023: installs that would stop at an interactive prompt. */
  static final class NonInteractiveFlagMissing extends AbstractRule {
    NonInteractiveFlagMissing() {
      super("BW-D023", "Package install without the non-interactive flag", Severity.LOW, "reliability",
          "Without -y the package manager asks for confirmation; a build has no terminal, so it aborts (or waits).",
          "Add `-y` (`apt-get`, `yum`, `dnf`, `microdnf`) or `-n`/`--non-interactive` (`zypper`).",
          List.of("DL3014", "DS021", "DL3030", "DL3034", "DL3038"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (RunStep step : target.runs()) {
        for (PackageOperation op : step.facts().facts(PackageOperation.class)) {
          Invocation inv = op.invocation();
          boolean install = op.isInstall() || op.isUpgrade() || op.action().equals("remove") || op.action().equals("purge");
          String alias = switch (op.manager()) {
            case APT_GET, APT -> inv.hasFlag("-y", "--yes", "--assume-yes", "-qq") ? null : "DL3014";
            case YUM -> inv.hasFlag("-y", "--assumeyes") ? null : "DL3030";
            case DNF, MICRODNF -> inv.hasFlag("-y", "--assumeyes") || op.manager() == PackageManager.MICRODNF ? null : "DL3038";
            case ZYPPER -> inv.hasFlag("-n", "--non-interactive", "-y", "--no-confirm") ? null : "DL3034";
            default -> null;
          };
          if (install && alias != null) {
            report.accept(finding(op.manager().command() + " " + op.action() + " without a non-interactive flag (-y)",
                step.spanOf(inv), step.stage()).withAliases(alias.equals("DL3014") ? List.of("DL3014", "DS021") : List.of(alias)));
          }
        }
      }
    }
  }

  /** BW-D024: an index update in a RUN of its own. */
  static final class UpdateAlone extends AbstractRule {
    UpdateAlone() {
      super("BW-D024", "Package index update in a RUN without an install", Severity.MEDIUM, "reliability",
          "The layer with the updated index is cached: a later `RUN apt-get install` reuses the stale index and installs"
              + " old, vulnerable versions (or fails when they are gone from the mirror).",
          "Update and install in the same RUN: `RUN apt-get update && apt-get install -y --no-install-recommends pkg`.",
          List.of("DS017"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (RunStep step : target.runs()) {
        List<PackageOperation> ops = step.facts().facts(PackageOperation.class);
        for (PackageOperation op : ops) {
          boolean update = op.action().equals("update") && (op.manager() == PackageManager.APT_GET || op.manager() == PackageManager.APT
              || op.manager() == PackageManager.APK);
          if (update && ops.stream().noneMatch(o -> o.isInstall() || o.isUpgrade())) {
            report.accept(finding(op.manager().command() + " update without an install in the same RUN", step.spanOf(op.invocation()),
                step.stage()));
          }
        }
      }
    }
  }

  /** BW-D025: apt (the interactive front end) in a script. */
  static final class AptUsed extends AbstractRule {
    AptUsed() {
      super("BW-D025", "apt used instead of apt-get", Severity.INFO, "reliability",
          "apt's command-line interface is not stable for scripts and warns so; apt-get's is.",
          "Use `apt-get` (and `apt-cache`) in Dockerfiles.", List.of("DL3027"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (RunStep step : target.runs()) {
        for (PackageOperation op : step.facts().facts(PackageOperation.class)) {
          if (op.manager() == PackageManager.APT) {
            report.accept(finding("apt " + op.action() + ": use apt-get in scripts", step.spanOf(op.invocation()), step.stage()));
          }
        }
      }
    }
  }

  /** BW-D026: whole-distribution upgrades. */
  static final class DistUpgrade extends AbstractRule {
    DistUpgrade() {
      super("BW-D026", "dist-upgrade in a Dockerfile", Severity.INFO, "reliability",
          "dist-upgrade may change the distribution release under the base image; pick a newer base image instead.",
          "Use `apt-get upgrade -y` (security updates) or a newer base image tag.", List.of("DL3035", "DS024"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (RunStep step : target.runs()) {
        for (PackageOperation op : step.facts().facts(PackageOperation.class)) {
          if (op.action().equals("dist-upgrade") || op.action().equals("dup") || op.action().equals("full-upgrade")) {
            report.accept(finding(op.manager().command() + " " + op.action() + " changes more than security fixes",
                step.spanOf(op.invocation()), step.stage()).withAliases(op.manager() == PackageManager.ZYPPER ? List.of("DL3035")
                : List.of("DS024")));
          }
        }
      }
    }
  }

  /** BW-D027: npm install where npm ci would honour the lock file. */
  static final class NpmInstallNotCi extends AbstractRule {
    NpmInstallNotCi() {
      super("BW-D027", "npm install instead of npm ci", Severity.LOW, "supply-chain",
          "`npm install` may resolve newer versions than package-lock.json records and rewrites the lock file; the image"
              + " then runs dependencies nobody reviewed.",
          "Copy package.json and package-lock.json, then `RUN npm ci --omit=dev`.", List.of());
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (RunStep step : target.runs()) {
        for (PackageOperation op : step.facts().facts(PackageOperation.class)) {
          if (op.manager() == PackageManager.NPM && (op.action().equals("install") || op.action().equals("i")) && op.packages().isEmpty()
              && !op.invocation().hasFlag("-g", "--global")) {
            report.accept(finding("npm install of the project's dependencies: use npm ci", step.spanOf(op.invocation()), step.stage()));
          }
        }
      }
    }
  }
}
