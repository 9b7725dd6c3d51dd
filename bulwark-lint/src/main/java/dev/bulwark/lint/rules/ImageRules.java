package dev.bulwark.lint.rules;

import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.shell.Invocation;
import dev.bulwark.dockerfile.shell.ShellFact;
import dev.bulwark.dockerfile.shell.ShellFact.PackageOperation;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.core.Finding;
import dev.bulwark.core.eol.EolCatalog;
import dev.bulwark.core.LintConfig;
import dev.bulwark.core.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** Rules about base images, what the final image carries, and how binaries are built. */
final class ImageRules {
  private ImageRules() {}

  private static final Set<String> MOVING_TAGS = Set.of("lts", "stable", "current", "edge", "rolling", "mainline", "slim", "alpine",
      "latest-dev", "dev", "nightly", "testing", "unstable", "sid", "rawhide");
  private static final Pattern MAJOR_ONLY = Pattern.compile("^v?\\d+(?:-[a-z][a-z0-9.-]*)?$");

  /** BW-D004: a tag that names only a major version or a moving channel. */
  static final class MovingBaseTag extends AbstractRule {
    MovingBaseTag() {
      super("BW-D004", "Base image pinned only to a major version or moving tag", Severity.MEDIUM, "supply-chain",
          "`python:3`, `node:lts` or `debian:testing` move to new minor releases without notice: builds drift, and a"
              + " rebuild can change the runtime under the app.",
          "Pin a specific version (`python:3.12.8-slim-bookworm`) and, for reproducibility, its digest (`@sha256:…`).",
          List.of());
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Stage stage : target.model().stages()) {
        ImageReference ref = stage.baseImage().orElse(null);
        if (ref == null || ref.digest() != null || ref.tag() == null || ref.tag().equals("latest")) {
          continue;
        }
        String tag = ref.tag();
        if (MOVING_TAGS.contains(tag) || MAJOR_ONLY.matcher(tag).matches()) {
          report.accept(finding("FROM " + stage.from().image() + " follows a moving tag (" + tag + ")",
              stage.from().instruction().locate(stage.from().image()), stage));
        }
      }
    }
  }

  /** BW-D005: packages installed on a distro base with no security upgrade. */
  static final class NoSecurityUpdates extends AbstractRule {
    NoSecurityUpdates() {
      super("BW-D005", "OS packages installed without applying security updates", Severity.MEDIUM, "vulnerabilities",
          "The base image's packages are as old as its last rebuild; without an upgrade the image ships every CVE fixed since.",
          "Upgrade in the same RUN as the install (`apk upgrade --no-cache`, `apt-get upgrade -y`), or rebuild on a"
              + " freshly published base image tag.",
          List.of());
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      Stage last = target.model().finalStage().orElse(null);
      if (last == null) {
        return;
      }
      PackageOperation firstInstall = null;
      RunStep where = null;
      boolean upgraded = false;
      for (RunStep step : target.runs()) {
        if (!target.inFinalImage(step.stage())) {
          continue;
        }
        for (PackageOperation op : step.facts().facts(PackageOperation.class)) {
          if (!op.manager().isOsPackageManager()) {
            continue;
          }
          upgraded |= op.isUpgrade() || (op.isInstall() && op.invocation().hasFlag("--upgrade", "-u") && op.manager() == ShellFact.PackageManager.APK);
          if (op.isInstall() && firstInstall == null) {
            firstInstall = op;
            where = step;
          }
        }
      }
      if (firstInstall != null && !upgraded) {
        report.accept(finding(firstInstall.manager().command() + " installs packages but the image never applies security updates",
            where.spanOf(firstInstall.invocation()), where.stage()));
      }
    }
  }

  /** BW-D007: FROM a registry outside the configured trusted list. */
  static final class UntrustedRegistry extends AbstractRule {
    UntrustedRegistry() {
      super("BW-D007", "Base image from an untrusted registry", Severity.MEDIUM, "supply-chain",
          "Images from registries the organisation does not control or mirror can change or vanish, and bypass its scanning.",
          "Pull base images from a trusted registry or mirror (`trustedRegistries` in .bulwark.yaml).", List.of("DL3026"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      List<String> trusted = target.config().trustedRegistries();
      if (trusted.isEmpty()) {
        return;
      }
      for (Stage stage : target.model().stages()) {
        ImageReference ref = stage.baseImage().orElse(null);
        if (ref != null && trusted.stream().noneMatch(t -> registryMatches(t, ref.registry()))) {
          report.accept(finding("FROM " + stage.from().image() + " comes from " + ref.registry() + ", not a trusted registry",
              stage.from().instruction().locate(stage.from().image()), stage));
        }
      }
    }

    static boolean registryMatches(String pattern, String registry) {
      String p = pattern.equals("hub.docker.com") || pattern.equals("index.docker.io") ? "docker.io" : pattern;
      return LintConfig.globMatches(p, registry);
    }
  }

  /** BW-D008: FROM an image outside the configured allow-list. */
  static final class BaseImageNotAllowed extends AbstractRule {
    BaseImageNotAllowed() {
      super("BW-D008", "Base image not in the allowed list", Severity.MEDIUM, "supply-chain",
          "Teams standardise on a few maintained, scanned base images; others are not patched on the same schedule.",
          "Use one of the images in `allowedBaseImages` (.bulwark.yaml), or add this one after review.", List.of());
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      List<String> allowed = target.config().allowedBaseImages();
      if (allowed.isEmpty()) {
        return;
      }
      for (Stage stage : target.model().stages()) {
        ImageReference ref = stage.baseImage().orElse(null);
        if (ref != null && allowed.stream().noneMatch(a -> LintConfig.globMatches(a, ref.familiarName()) || LintConfig.globMatches(a, ref.name()))) {
          report.accept(finding("FROM " + ref.familiarName() + " is not in allowedBaseImages", stage.from().instruction().locate(stage.from().image()), stage));
        }
      }
    }
  }

  /** BW-D009: FROM --platform with a constant. */
  static final class ConstantPlatform extends AbstractRule {
    ConstantPlatform() {
      super("BW-D009", "FROM --platform set to a constant", Severity.LOW, "reliability",
          "A fixed platform silently builds (and on other hosts emulates) that architecture whatever the build asks for.",
          "Drop the flag, or use `--platform=$BUILDPLATFORM` for build stages that cross-compile.",
          List.of("DL3029", "FromPlatformFlagConstDisallowed"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Stage stage : target.model().stages()) {
        String raw = stage.from().instruction().flag("platform");
        if (raw != null && !raw.contains("$")) {
          report.accept(finding("FROM --platform=" + raw + " pins the platform", stage.from().instruction().locate("--platform"), stage));
        }
      }
    }
  }

  /** BW-D010: --platform=$TARGETPLATFORM, which is the default anyway. */
  static final class RedundantTargetPlatform extends AbstractRule {
    RedundantTargetPlatform() {
      super("BW-D010", "Redundant --platform=$TARGETPLATFORM", Severity.INFO, "maintainability",
          "The target platform is already the default for FROM; the flag only adds noise.",
          "Remove `--platform=$TARGETPLATFORM`.", List.of("DL3065", "RedundantTargetPlatform"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Stage stage : target.model().stages()) {
        String raw = stage.from().instruction().flag("platform");
        if (raw != null && (raw.equals("$TARGETPLATFORM") || raw.equals("${TARGETPLATFORM}"))) {
          report.accept(finding("--platform=" + raw + " is the default", stage.from().instruction().locate("--platform"), stage));
        }
      }
    }
  }

  private static final Set<String> NETWORK_TOOLS = Set.of("curl", "wget", "netcat", "netcat-openbsd", "nc", "ncat", "nmap", "socat",
      "telnet", "openssh-client", "ftp", "tcpdump");
  private static final Set<String> COMPILERS = Set.of("gcc", "g++", "clang", "build-essential", "build-base", "make", "go", "golang",
      "rust", "cargo", "musl-dev", "libc6-dev", "gdb", "strace");

  /** BW-D013: network and build tools left in the final image of a multi-stage build. */
  static final class ToolsInFinalImage extends AbstractRule {
    ToolsInFinalImage() {
      super("BW-D013", "Download or build tools left in the final image", Severity.MEDIUM, "attack-surface",
          "curl, wget, netcat or a compiler in the runtime image are exactly what an attacker needs after a foothold: fetch"
              + " a payload, build it, open a connection back.",
          "Install them only in a build stage, or remove them in the same RUN that used them (`apk del .fetch-deps`).",
          List.of());
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      if (!target.model().isMultiStage()) {
        return; // BW-D003 covers single-stage builds
      }
      for (RunStep step : target.runs()) {
        if (!step.inFinalStage()) {
          continue;
        }
        Set<String> removed = new LinkedHashSet<>();
        for (PackageOperation op : step.facts().facts(PackageOperation.class)) {
          if (op.action().equals("del") || op.action().equals("remove") || op.action().equals("purge") || op.action().equals("autoremove")) {
            op.packages().forEach(p -> removed.add(p.name()));
          }
        }
        for (PackageOperation op : step.facts().facts(PackageOperation.class)) {
          if (!op.isInstall() || !op.manager().isOsPackageManager()) {
            continue;
          }
          String virtual = op.invocation().flagValue("--virtual", "-t");
          if (virtual != null && removed.contains(virtual)) {
            continue;
          }
          List<String> tools = new ArrayList<>();
          for (var p : op.packages()) {
            if ((NETWORK_TOOLS.contains(p.name()) || COMPILERS.contains(p.name())) && !removed.contains(p.name())) {
              tools.add(p.name());
            }
          }
          if (!tools.isEmpty()) {
            report.accept(finding("the final image keeps " + String.join(", ", tools), step.spanOf(op.invocation()), step.stage()));
          }
        }
      }
    }
  }

  /** BW-D014: Go binaries built without the usual hardening and reproducibility flags. */
  static final class WeakGoBuildFlags extends AbstractRule {
    WeakGoBuildFlags() {
      super("BW-D014", "Go build without CGO_ENABLED=0, -trimpath and -ldflags \"-s -w\"", Severity.MEDIUM, "build-hardening",
          "With cgo on, the binary links libc dynamically, so it cannot run on scratch/distroless-static and carries libc's"
              + " CVEs; without -trimpath it embeds build paths; without -s -w it ships symbol tables that help reverse"
              + " engineering and inflate the image.",
          "`RUN CGO_ENABLED=0 go build -trimpath -ldflags=\"-s -w\" -o /out/app ./cmd/app`.", List.of());
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (RunStep step : target.runs()) {
        Map<String, String> stageEnv = PackageRules.PackageCacheLeft.envOf(step);
        for (ShellFact.Compile c : step.facts().facts(ShellFact.Compile.class)) {
          if (!c.tool().equals("go")) {
            continue;
          }
          List<String> missing = new ArrayList<>();
          String cgo = c.env().getOrDefault("CGO_ENABLED", stageEnv.get("CGO_ENABLED"));
          if (!"0".equals(cgo)) {
            missing.add("CGO_ENABLED=0");
          }
          String goflags = c.env().getOrDefault("GOFLAGS", stageEnv.getOrDefault("GOFLAGS", ""));
          if (!c.args().contains("-trimpath") && !goflags.contains("-trimpath")) {
            missing.add("-trimpath");
          }
          String ldflags = String.join(" ", c.args());
          if (!(ldflags.contains("-s") && ldflags.contains("-w") && ldflags.contains("-ldflags")) && !goflags.contains("-ldflags")) {
            missing.add("-ldflags \"-s -w\"");
          }
          if (!missing.isEmpty()) {
            report.accept(finding("go build without " + String.join(", ", missing), step.spanOf(c.invocation()), step.stage()));
          }
        }
      }
    }
  }

  /** BW-D015: cargo build without --release / --locked. */
  static final class WeakRustBuildFlags extends AbstractRule {
    WeakRustBuildFlags() {
      super("BW-D015", "cargo build without --release and --locked", Severity.LOW, "build-hardening",
          "A debug build ships debug assertions, symbols and no optimisation; without --locked cargo may resolve dependency"
              + " versions other than Cargo.lock's.",
          "`RUN cargo build --release --locked`.", List.of());
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (RunStep step : target.runs()) {
        for (ShellFact.Compile c : step.facts().facts(ShellFact.Compile.class)) {
          if (!c.tool().equals("cargo")) {
            continue;
          }
          List<String> missing = new ArrayList<>();
          if (!c.args().contains("--release") && !c.args().contains("-r") && c.args().stream().noneMatch(a -> a.startsWith("--profile"))) {
            missing.add("--release");
          }
          if (!c.args().contains("--locked") && !c.args().contains("--frozen")) {
            missing.add("--locked");
          }
          if (!missing.isEmpty()) {
            report.accept(finding("cargo build without " + String.join(" and ", missing), step.spanOf(c.invocation()), step.stage()));
          }
        }
      }
    }
  }

  /** BW-D016: C/C++ compiled without hardening flags, where the command line is visible. */
  static final class WeakCFlags extends AbstractRule {
    WeakCFlags() {
      super("BW-D016", "C/C++ compiled without hardening flags", Severity.LOW, "build-hardening",
          "Without stack protection, FORTIFY_SOURCE, PIE and full RELRO, memory-safety bugs in the binary are far easier"
              + " to turn into code execution.",
          "Compile with `-O2 -fstack-protector-strong -D_FORTIFY_SOURCE=2 -fPIE -pie -Wl,-z,relro,-z,now` (e.g. via CFLAGS/LDFLAGS).",
          List.of());
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (RunStep step : target.runs()) {
        Map<String, String> stageEnv = PackageRules.PackageCacheLeft.envOf(step);
        for (Invocation inv : step.facts().invocations()) {
          if (!Set.of("gcc", "g++", "cc", "c++", "clang", "clang++").contains(inv.name()) || inv.args().contains("--version")) {
            continue;
          }
          String all = String.join(" ", inv.args()) + " " + inv.env().getOrDefault("CFLAGS", stageEnv.getOrDefault("CFLAGS", ""));
          if (!all.contains("-fstack-protector") && !all.contains("_FORTIFY_SOURCE")) {
            report.accept(finding(inv.name() + " without -fstack-protector-strong / -D_FORTIFY_SOURCE", step.spanOf(inv), step.stage()));
          }
        }
      }
    }
  }

  /** BW-D006: base image whose distribution or runtime is past its end of life. */
  static final class EndOfLifeBase extends AbstractRule {
    EndOfLifeBase() {
      super("BW-D006", "End-of-life base image", Severity.HIGH, "vulnerabilities",
          "Once a distribution or runtime reaches end of life, new vulnerabilities in it are no longer fixed; every scan"
              + " from then on only grows.",
          "Move to a supported release (see https://endoflife.date) and pin it, e.g. `python:3.12-slim` instead of `python:3.8-slim`.",
          List.of(), "https://endoflife.date");
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Stage stage : target.model().stages()) {
        ImageReference ref = stage.baseImage().orElse(null);
        if (ref == null) {
          continue;
        }
        EolCatalog.get().cycleOf(ref).filter(c -> c.isEndOfLife(target.asOf())).ifPresent(c -> report.accept(finding(
            "FROM " + stage.from().image() + ": " + c.product() + " " + c.cycle() + " reached end of life"
                + (c.eol() != null ? " on " + c.eol() : "") + (target.inFinalImage(stage) ? "" : " (build stage)"),
            stage.from().instruction().locate(stage.from().image()), stage)));
      }
    }
  }

  /** BW-D011: base image that reaches end of life within six months. */
  static final class EndOfLifeSoon extends AbstractRule {
    EndOfLifeSoon() {
      super("BW-D011", "Base image reaches end of life soon", Severity.LOW, "vulnerabilities",
          "Security fixes for this release stop within six months; moving now is cheaper than moving under pressure.",
          "Plan the move to the next supported release.", List.of(), "https://endoflife.date");
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Stage stage : target.model().stages()) {
        ImageReference ref = stage.baseImage().orElse(null);
        if (ref == null || !target.inFinalImage(stage)) {
          continue;
        }
        EolCatalog.get().cycleOf(ref)
            .filter(c -> !c.isEndOfLife(target.asOf()) && c.eol() != null && c.eol().isBefore(target.asOf().plusMonths(6)))
            .ifPresent(c -> report.accept(finding("FROM " + stage.from().image() + ": " + c.product() + " " + c.cycle()
                + " reaches end of life on " + c.eol(), stage.from().instruction().locate(stage.from().image()), stage)));
      }
    }
  }
}
