package dev.bulwark.lint.rules.packages;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.core.fix.Edit;
import dev.bulwark.core.fix.Fix;
import dev.bulwark.core.text.SourceText;
import dev.bulwark.dockerfile.model.Mount;
import dev.bulwark.dockerfile.shell.Invocation;
import dev.bulwark.dockerfile.shell.ShellFact.PackageManager;
import dev.bulwark.dockerfile.shell.ShellFact.PackageOperation;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.FixEdits;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * BW-D022: package-manager caches left in the layer. A cleanup counts only when it runs after the
 * command that filled the cache: {@code yum clean all && yum install x} still leaves one, and so
 * does the second install of {@code dnf install a && dnf clean all && dnf install b}.
 */
public final class PackageCacheLeft extends DockerfileRule {
  /** dnf/microdnf subcommands that download packages and metadata (hadolint DL3040's, plus update). */
  private static final Set<String> RPM_DOWNLOADS = Set.of("install", "in", "reinstall", "rei", "groupinstall", "localinstall",
      "upgrade", "up", "update", "upgrade-minimal", "up-min", "distro-sync");
  /** zypper subcommands that download (hadolint DL3036: install/in; Trivy DS020 adds si and patch). */
  private static final Set<String> ZYPPER_DOWNLOADS = Set.of("install", "in", "source-install", "si", "patch", "update", "up",
      "dist-upgrade", "dup");
  private static final List<String> RPM_CACHES = List.of("/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5");

  private static boolean hasCacheMount(RunStep step, String... fragments) {
    for (Mount m : step.run().mounts()) {
      if ((m.isCache() || m.type().equals("tmpfs")) && m.target() != null) {
        for (String f : fragments) {
          if (m.target().contains(f)) {
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
            + " scanner or attacker can read, and slower pulls everywhere the image runs. The cleanup must run after the"
            + " last command that fills the cache.",
        "Clean in the same RUN, after the last install (`rm -rf /var/lib/apt/lists/*`, `apk add --no-cache`, `dnf clean all`,"
            + " `pip install --no-cache-dir`, `yarn cache clean`) or use a cache mount (`RUN --mount=type=cache,target=/var/cache/apt ...`).",
        List.of("DL3009", "DL3019", "DS025", "DL3032", "DS015", "DL3040", "DS019", "DL3036", "DS020", "DS027", "DL3042", "DL3060"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      List<Invocation> all = step.facts().invocations();
      Cleanups cleanups = null; // read once per RUN, when needed: a RUN can hold 100,000 commands
      for (PackageOperation op : step.facts().facts(PackageOperation.class)) {
        String problem = null;
        List<String> aliases = List.of();
        PackageManager pm = op.manager();
        String tool = pm.command();
        switch (pm) {
          case APT_GET, APT -> {
            // the lists come from the update (hadolint DL3009); they matter only in stages that ship
            if (op.action().equals("update") && step.inFinalStage() && !hasCacheMount(step, "/var/lib/apt/lists")
                && !(hasCacheMount(step, "/var/lib/apt") && hasCacheMount(step, "/var/cache/apt"))) {
              problem = tool + " update leaves the apt lists: no 'rm -rf /var/lib/apt/lists/*' after it";
              aliases = List.of("DL3009");
            }
          }
          case APK -> {
            // --no-network installs from what is already there: nothing is fetched into a cache
            if ((op.isInstall() || op.action().equals("upgrade")) && !op.invocation().hasFlag("--no-cache", "--no-network")
                && !hasCacheMount(step, "/var/cache/apk", "/etc/apk/cache")) {
              problem = "apk " + op.action() + " without --no-cache";
              aliases = List.of("DL3019", "DS025");
            }
          }
          case YUM, DNF, MICRODNF -> {
            if (RPM_DOWNLOADS.contains(op.action()) && !hasCacheMount(step, "/var/cache/yum", "/var/cache/dnf", "libdnf5")) {
              problem = tool + " " + op.action() + " without '" + tool + " clean all' after it";
              aliases = switch (pm) {
                case YUM -> List.of("DL3032", "DS015");
                case DNF -> List.of("DL3040", "DS019");
                default -> List.of("DL3040", "DS027");
              };
            }
          }
          case ZYPPER -> {
            if (ZYPPER_DOWNLOADS.contains(op.action()) && !hasCacheMount(step, "/var/cache/zypp")) {
              problem = "zypper " + op.action() + " without 'zypper clean' after it";
              aliases = List.of("DL3036", "DS020");
            }
          }
          case PIP -> {
            String noCache = op.invocation().env().getOrDefault("PIP_NO_CACHE_DIR", step.env().get("PIP_NO_CACHE_DIR"));
            if (op.isInstall() && !op.invocation().hasFlag("--no-cache-dir") && (noCache == null || noCache.isEmpty())
                && !hasCacheMount(step, "/root/.cache", ".cache/pip")) {
              problem = "pip install without --no-cache-dir";
              aliases = List.of("DL3042");
            }
          }
          case YARN -> {
            // hadolint DL3060: only stages that ship
            if (op.isInstall() && step.inFinalStage() && !hasCacheMount(step, "/usr/local/share/.cache", ".cache/yarn", "/root/.yarn")) {
              problem = "yarn " + op.action() + " without 'yarn cache clean' after it";
              aliases = List.of("DL3060");
            }
          }
          default -> {}
        }
        if (problem == null) {
          continue;
        }
        if (cleanups == null) {
          cleanups = new Cleanups(all);
        }
        int at = cleanups.indexOf(op.invocation());
        if (cleanups.last[pm.ordinal()] > at) {
          continue;
        }
        if (cleanups.first[pm.ordinal()] < at) { // the cleanup is there but runs before the cache is filled again
          problem += "; the cleanup before it does not remove what it downloads";
        }
        Finding f = finding(problem, op.invocation().span(), step.stage()).withAliases(aliases);
        Fix fix = fix(target, step, op);
        report.accept(fix == null ? f : f.withFix(fix));
      }
    }
  }

  /**
   * The cleanup in the same RUN: a flag where the manager has one (apk, pip), else a command
   * after the RUN's last one (so after every install), run through sudo when the install was.
   */
  private static Fix fix(DockerfileTarget target, RunStep step, PackageOperation op) {
    SourceText source = target.file().source();
    String sudo = op.invocation().viaSudo() ? "sudo " : "";
    String tool = op.manager().command();
    return switch (op.manager()) {
      case APK -> fix("Add --no-cache to apk " + op.action(), FixEdits.insertAfterArg(source, op.invocation(), op.action(), " --no-cache"));
      case PIP -> fix("Add --no-cache-dir to pip install", FixEdits.insertAfterArg(source, op.invocation(), op.action(), " --no-cache-dir"));
      case APT_GET, APT -> append(source, step, sudo + "rm -rf /var/lib/apt/lists/*");
      case YUM, DNF, MICRODNF -> append(source, step, sudo + tool + " clean all");
      case ZYPPER -> append(source, step, sudo + "zypper clean --all");
      case YARN -> append(source, step, "yarn cache clean");
      default -> null;
    };
  }

  private static Fix append(SourceText source, RunStep step, String command) {
    return fix("Run '" + command + "' at the end of the RUN", FixEdits.appendToRun(source, step, " && " + command));
  }

  private static Fix fix(String description, Edit edit) {
    return edit == null ? null : Fix.safe(description, edit);
  }

  /** Where each manager's cache is cleaned in one RUN: the first and last such command, by position. */
  private static final class Cleanups {
    private final IdentityHashMap<Invocation, Integer> position = new IdentityHashMap<>(); // records compare field by field
    final int[] first = new int[PackageManager.values().length];
    final int[] last = new int[PackageManager.values().length];

    Cleanups(List<Invocation> all) {
      Arrays.fill(first, Integer.MAX_VALUE);
      Arrays.fill(last, -1);
      for (int i = 0; i < all.size(); i++) {
        Invocation inv = all.get(i);
        position.putIfAbsent(inv, i);
        for (PackageManager pm : PackageManager.values()) {
          if (cleans(pm, inv)) {
            first[pm.ordinal()] = Math.min(first[pm.ordinal()], i);
            last[pm.ordinal()] = i;
          }
        }
      }
    }

    int indexOf(Invocation inv) {
      return position.getOrDefault(inv, -1);
    }
  }

  /** True when {@code inv} removes {@code pm}'s cache. */
  private static boolean cleans(PackageManager pm, Invocation inv) {
    List<String> args = inv.args();
    return switch (pm) {
      case APT_GET, APT -> removes(inv, List.of("/var/lib/apt/lists"))
          || ((inv.name().equals("apt-get") || inv.name().equals("apt")) && args.contains("dist-clean")); // apt 2.7+, Debian 13
      case APK -> removes(inv, List.of("/var/cache/apk"));
      case YUM, DNF, MICRODNF -> (inv.name().equals(pm.command()) && args.contains("clean") && args.contains("all"))
          || removes(inv, RPM_CACHES);
      case ZYPPER -> (inv.name().equals("zypper") && (args.contains("clean") || args.contains("cc")))
          || removes(inv, List.of("/var/cache/zypp"));
      case YARN -> inv.name().equals("yarn") && args.contains("cache") && args.contains("clean");
      default -> false;
    };
  }

  /** An {@code rm} of one of {@code paths} or something below it. */
  private static boolean removes(Invocation inv, List<String> paths) {
    if (!inv.name().equals("rm")) {
      return false;
    }
    for (String a : inv.args()) {
      for (String p : paths) {
        if (a.startsWith(p)) {
          return true;
        }
      }
    }
    return false;
  }
}
