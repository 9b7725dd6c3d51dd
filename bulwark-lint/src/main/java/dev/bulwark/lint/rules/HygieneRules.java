package dev.bulwark.lint.rules;

import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.shell.Invocation;
import dev.bulwark.dockerfile.shell.ShellFact.Download;
import dev.bulwark.dockerfile.syntax.Instruction;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Correctness and maintainability rules kept for parity with hadolint, Trivy and BuildKit checks. */
final class HygieneRules {
  private HygieneRules() {}

  /** BW-D080: tools that make no sense inside a container. */
  static final class PointlessTools extends AbstractRule {
    private static final Set<String> TOOLS = Set.of("ssh", "vim", "shutdown", "service", "ps", "free", "top", "kill", "mount", "ifconfig");

    PointlessTools() {
      super("BW-D080", "Command that has no effect in a container build", Severity.INFO, "maintainability",
          "Interactive or system-management tools (service, shutdown, vim, top, mount) do nothing useful in a build step"
              + " and usually signal a misunderstanding of how the image runs.",
          "Remove the command; configure services through the image's ENTRYPOINT/CMD.", List.of("DL3001"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (RunStep step : target.runs()) {
        for (Invocation inv : step.facts().invocations()) {
          if (TOOLS.contains(inv.name())) {
            report.accept(finding(inv.name() + " has no place in a build step", step.spanOf(inv), step.stage()));
          }
        }
      }
    }
  }

  /** BW-D081: more than one CMD/ENTRYPOINT/HEALTHCHECK in a stage; only the last counts. */
  static final class MultipleInstructions extends AbstractRule {
    MultipleInstructions() {
      super("BW-D081", "Repeated CMD, ENTRYPOINT or HEALTHCHECK in a stage", Severity.LOW, "reliability",
          "Only the last one takes effect; the earlier ones mislead readers about what the container runs.",
          "Keep one per stage.", List.of("DL4003", "DL4004", "DL3012", "DS007", "DS016", "DS023", "MultipleInstructionsDisallowed"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Stage stage : target.model().stages()) {
        Map<String, Integer> seen = new HashMap<>();
        for (Command c : stage.commands()) {
          String kind = c.instruction().command();
          if (kind.equals("cmd") || kind.equals("entrypoint") || kind.equals("healthcheck")) {
            if (seen.merge(kind, 1, Integer::sum) > 1) {
              List<String> aliases = switch (kind) {
                case "cmd" -> List.of("DL4003", "DS016", "MultipleInstructionsDisallowed");
                case "entrypoint" -> List.of("DL4004", "DS007", "MultipleInstructionsDisallowed");
                default -> List.of("DL3012", "DS023", "MultipleInstructionsDisallowed");
              };
              report.accept(finding("another " + kind.toUpperCase(Locale.ROOT) + " in the same stage overrides the earlier one",
                  c.instruction().span(), stage).withAliases(aliases));
            }
          }
        }
      }
    }
  }

  /** BW-D082: COPY of several sources to a destination without a trailing slash. */
  static final class CopyDestNotDirectory extends AbstractRule {
    CopyDestNotDirectory() {
      super("BW-D082", "COPY of several sources to a destination not ending in /", Severity.MEDIUM, "reliability",
          "With more than one source the destination must be a directory; BuildKit fails the build otherwise.",
          "End the destination with a slash: `COPY a b /app/`.", List.of("DL3021", "DS011"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Stage stage : target.model().stages()) {
        for (Command c : stage.commands()) {
          List<String> src = c instanceof Command.Copy cp ? cp.sources() : c instanceof Command.Add a ? a.sources() : List.of();
          String dest = c instanceof Command.Copy cp ? cp.destination() : c instanceof Command.Add a ? a.destination() : "";
          String rawDest = c.instruction().args().isEmpty() ? "" : c.instruction().args().getLast();
          if (src.size() > 1 && !dest.endsWith("/") && !rawDest.contains("$")) {
            report.accept(finding("several sources but " + dest + " does not end in /", c.instruction().locate(dest), stage));
          }
        }
      }
    }
  }

  /** BW-D083: COPY --from naming the stage it is in. */
  static final class CopyFromOwnStage extends AbstractRule {
    CopyFromOwnStage() {
      super("BW-D083", "COPY --from refers to its own stage", Severity.HIGH, "reliability",
          "A stage cannot copy from itself; the build fails.", "Name an earlier stage or an image in --from.", List.of("DL3023", "DS006"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Stage stage : target.model().stages()) {
        for (Command.Copy cp : stage.commands(Command.Copy.class)) {
          if (cp.from() != null && (cp.from().equalsIgnoreCase(stage.name()) || cp.from().equals(String.valueOf(stage.index())))) {
            report.accept(finding("COPY --from=" + cp.from() + " is the stage it is in", cp.instruction().locate("--from"), stage));
          }
        }
      }
    }
  }

  /** BW-D084: two stages with the same name. */
  static final class DuplicateStageName extends AbstractRule {
    DuplicateStageName() {
      super("BW-D084", "Duplicate stage name", Severity.HIGH, "reliability",
          "BuildKit refuses duplicate stage names; older builders silently used the last one.",
          "Give every stage a unique name.", List.of("DL3024", "DS012", "DuplicateStageName"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      Set<String> seen = new HashSet<>();
      for (Stage stage : target.model().stages()) {
        if (stage.name() != null && !seen.add(stage.name())) {
          report.accept(finding("stage name '" + stage.name() + "' is used twice", stage.from().instruction().span(), stage));
        }
      }
    }
  }

  /** BW-D085: ENV using a variable set in the same ENV instruction. */
  static final class EnvSelfReference extends AbstractRule {
    EnvSelfReference() {
      super("BW-D085", "ENV uses a variable defined in the same instruction", Severity.LOW, "reliability",
          "Values in one ENV are expanded with the environment from before it: `ENV A=1 B=$A` does not set B to 1.",
          "Split into two ENV instructions.", List.of("DL3044"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Instruction in : target.file().instructions()) {
        if (!in.command().equals("env") || in.args().size() < 4) {
          continue;
        }
        Set<String> defined = new HashSet<>();
        for (int i = 0; i + 1 < in.args().size(); i += 2) {
          String value = in.args().get(i + 1);
          for (String d : defined) {
            if (Pattern.compile("\\$\\{?" + Pattern.quote(d) + "(?![A-Za-z0-9_])").matcher(value).find()) {
              report.accept(finding(in.args().get(i) + " uses $" + d + " from the same ENV, which is not set yet", in.locate(value),
                  SecretRules.stageAt(target, in)));
            }
          }
          defined.add(in.args().get(i));
        }
      }
    }
  }

  /** BW-D086: COPY to a relative destination before any WORKDIR. */
  static final class CopyRelativeNoWorkdir extends AbstractRule {
    CopyRelativeNoWorkdir() {
      super("BW-D086", "COPY to a relative path with no WORKDIR", Severity.LOW, "reliability",
          "Relative destinations resolve against the base image's working directory, which the Dockerfile does not control.",
          "Set `WORKDIR /app` first, or copy to an absolute path.", List.of("DL3045"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Stage stage : target.model().stages()) {
        if (!(stage.base() instanceof dev.bulwark.dockerfile.model.BaseImage.Image)) {
          continue;
        }
        for (var step : stage.steps()) {
          if (step.command() instanceof Command.Copy cp && step.state().workdir() == null && !cp.destination().startsWith("/")
              && !cp.destination().startsWith("$") && !cp.destination().isEmpty() && !cp.destination().matches("^[A-Za-z]:.*")) {
            report.accept(finding("COPY to " + cp.destination() + " before any WORKDIR", cp.instruction().locate(cp.destination()), stage));
          }
        }
      }
    }
  }

  /** BW-D087: wget printing progress bars into the build log. */
  static final class WgetProgress extends AbstractRule {
    WgetProgress() {
      super("BW-D087", "wget without --progress or -q", Severity.INFO, "maintainability",
          "wget's progress output floods build logs.", "Add `-q` or `--progress=dot:giga`.", List.of("DL3047"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (RunStep step : target.runs()) {
        for (Download d : step.facts().facts(Download.class)) {
          Invocation inv = d.invocation();
          if (inv.name().equals("wget") && !inv.hasFlag("-q", "--quiet", "-nv", "--no-verbose") && inv.args().stream().noneMatch(a -> a.startsWith("--progress"))) {
            report.accept(finding("wget without --progress or -q", step.spanOf(inv), step.stage()));
          }
        }
      }
    }
  }

  /** BW-D088: consecutive RUN instructions. */
  static final class ConsecutiveRuns extends AbstractRule {
    ConsecutiveRuns() {
      super("BW-D088", "Consecutive RUN instructions", Severity.INFO, "maintainability",
          "Each RUN is a layer; files deleted in a later RUN still ship in the earlier one.",
          "Join related commands with `&&` in one RUN (or use a heredoc).", List.of("DL3059"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Stage stage : target.model().stages()) {
        Command prev = null;
        for (Command c : stage.commands()) {
          if (c instanceof Command.Run r && prev instanceof Command.Run p && r.mounts().equals(p.mounts()) && r.heredocs().isEmpty()
              && p.heredocs().isEmpty() && r.instruction().comments().isEmpty()) {
            report.accept(finding("this RUN could be merged with the previous one", r.instruction().span(), stage));
          }
          prev = c;
        }
      }
    }
  }

  /** BW-D089: stage names that mean something else. */
  static final class ReservedStageName extends AbstractRule {
    ReservedStageName() {
      super("BW-D089", "Reserved word used as a stage name", Severity.MEDIUM, "reliability",
          "`scratch` and `context` have fixed meanings in FROM and COPY --from; a stage with that name is never used.",
          "Rename the stage.", List.of("DL3063", "ReservedStageName"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Stage stage : target.model().stages()) {
        if ("scratch".equals(stage.name()) || "context".equals(stage.name())) {
          report.accept(finding("'" + stage.name() + "' is reserved", stage.from().instruction().locate(stage.from().instruction().args().getLast()), stage));
        }
      }
    }
  }

  /** BW-D090: USER given by name only. */
  static final class NonNumericUser extends AbstractRule {
    NonNumericUser() {
      super("BW-D090", "USER given by name, not UID", Severity.INFO, "runtime",
          "Kubernetes' runAsNonRoot can only verify a numeric user; a name must be resolved from /etc/passwd inside the"
              + " image, and the pod is refused when it cannot.",
          "Use the numeric UID:GID (`USER 10001:10001`).", List.of("DL3066"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      Stage last = target.model().finalStage().orElse(null);
      if (last == null) {
        return;
      }
      List<Command.User> users = last.commands(Command.User.class);
      if (!users.isEmpty()) {
        Command.User u = users.getLast();
        boolean variable = u.instruction().args().stream().anyMatch(a -> a.contains("$"));
        if (!u.name().matches("\\d+") && !variable && !RootUser.isRoot(u.user())) {
          report.accept(finding("USER " + u.user() + " is a name; runAsNonRoot cannot check it", u.instruction().span(), last));
        }
      }
    }
  }

  /** BW-D091: copying another stage's whole filesystem. */
  static final class CopyWholeFilesystem extends AbstractRule {
    CopyWholeFilesystem() {
      super("BW-D091", "COPY of a whole filesystem from another stage", Severity.MEDIUM, "attack-surface",
          "Copying / brings everything the other stage had: package managers, shells, caches and secrets used while building.",
          "Copy only the artifacts: `COPY --from=build /out/app /app`.", List.of("DL3067"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Stage stage : target.model().stages()) {
        for (Command.Copy cp : stage.commands(Command.Copy.class)) {
          if (cp.from() != null && cp.sources().stream().anyMatch(s -> s.equals("/") || s.equals("/."))) {
            report.accept(finding("COPY --from=" + cp.from() + " / copies the whole filesystem", cp.instruction().span(), stage));
          }
        }
      }
    }
  }

  /** BW-D092: MAINTAINER. */
  static final class MaintainerDeprecated extends AbstractRule {
    MaintainerDeprecated() {
      super("BW-D092", "MAINTAINER is deprecated", Severity.INFO, "maintainability",
          "MAINTAINER was deprecated in favour of labels.", "Use `LABEL org.opencontainers.image.authors=\"name <mail>\"`.",
          List.of("DL4000", "DS022", "MaintainerDeprecated"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Instruction in : target.file().instructions()) {
        if (in.command().equals("maintainer")) {
          report.accept(finding("MAINTAINER is deprecated; use a LABEL", in.span(), SecretRules.stageAt(target, in)));
        }
      }
    }
  }

  /** BW-D093: both wget and curl installed or used. */
  static final class WgetAndCurl extends AbstractRule {
    WgetAndCurl() {
      super("BW-D093", "Both wget and curl used", Severity.INFO, "attack-surface",
          "Two download tools where one would do: more packages, more CVEs.", "Pick one of curl or wget.", List.of("DL4001", "DS014"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Stage stage : target.model().stages()) {
        Invocation curl = null;
        Invocation wget = null;
        RunStep wgetStep = null;
        for (RunStep step : target.runs()) {
          if (step.stage() != stage) {
            continue;
          }
          for (Invocation inv : step.facts().invocations()) {
            if (inv.name().equals("curl") && curl == null) {
              curl = inv;
            }
            if (inv.name().equals("wget") && wget == null) {
              wget = inv;
              wgetStep = step;
            }
          }
        }
        if (curl != null && wget != null) {
          report.accept(finding("stage uses both curl and wget", wgetStep.spanOf(wget), stage));
        }
      }
    }
  }

  /** BW-D094: replacing /bin/sh with a symlink. */
  static final class LinkBinSh extends AbstractRule {
    LinkBinSh() {
      super("BW-D094", "ln changes /bin/sh", Severity.LOW, "reliability",
          "Scripts of the base image expect its /bin/sh; swapping it breaks them in subtle ways.",
          "Use `SHELL [\"/bin/bash\", \"-c\"]` to change the shell of RUN.", List.of("DL4005"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (RunStep step : target.runs()) {
        for (Invocation inv : step.facts().invocations()) {
          if (inv.name().equals("ln") && !inv.args().isEmpty() && inv.args().getLast().equals("/bin/sh")) {
            report.accept(finding("ln replaces /bin/sh; use SHELL", step.spanOf(inv), step.stage()));
          }
        }
      }
    }
  }

  /** BW-D095: a pipe without pipefail hides failures on the left. */
  static final class PipeWithoutPipefail extends AbstractRule {
    PipeWithoutPipefail() {
      super("BW-D095", "Pipe in RUN without pipefail", Severity.LOW, "reliability",
          "`/bin/sh -c` reports only the last command's status: `curl … | tar x` succeeds even when the download failed,"
              + " and the image is built from partial data.",
          "Start with `set -o pipefail &&` under bash, or `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]`.", List.of("DL4006"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (RunStep step : target.runs()) {
        if (step.facts().setsPipefail() || step.run().command() instanceof dev.bulwark.dockerfile.model.CommandLine.Exec) {
          continue;
        }
        var shell = step.run().command() instanceof dev.bulwark.dockerfile.model.CommandLine.Shell s ? s.shell() : List.<String>of();
        if (shell.contains("pipefail")) {
          continue;
        }
        for (var p : step.facts().script().pipelines()) {
          if (p.commands().size() > 1) {
            report.accept(finding("a pipeline without pipefail ignores failures before the last command", step.run().instruction().span(),
                step.stage()));
            break;
          }
        }
      }
    }
  }

  /** BW-D096/097/098: casing consistency checks from BuildKit. */
  static final class StageNameCasing extends AbstractRule {
    StageNameCasing() {
      super("BW-D096", "Stage name not lower case", Severity.INFO, "maintainability",
          "Stage names are matched case-insensitively; mixed case suggests a distinction that does not exist.",
          "Write stage names in lower case.", List.of("StageNameCasing"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Stage stage : target.model().stages()) {
        List<String> args = stage.from().instruction().args();
        if (args.size() == 3 && !args.get(2).equals(args.get(2).toLowerCase(Locale.ROOT))) {
          report.accept(finding("stage name '" + args.get(2) + "' should be lower case", stage.from().instruction().locate(args.get(2)), stage));
        }
      }
    }
  }

  static final class FromAsCasing extends AbstractRule {
    FromAsCasing() {
      super("BW-D097", "FROM and AS in different case", Severity.INFO, "maintainability",
          "Mixed keyword casing reads as a mistake.", "Write `FROM … AS …` or `from … as …`.", List.of("FromAsCasing"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Stage stage : target.model().stages()) {
        Instruction in = stage.from().instruction();
        if (in.args().size() == 3) {
          String as = in.args().get(1);
          boolean fromUpper = in.keyword().equals(in.keyword().toUpperCase(Locale.ROOT));
          boolean asUpper = as.equals(as.toUpperCase(Locale.ROOT));
          if (fromUpper != asUpper) {
            report.accept(finding("'" + as + "' does not match the case of '" + in.keyword() + "'", in.locate(" " + as + " "), stage));
          }
        }
      }
    }
  }

  static final class ConsistentInstructionCasing extends AbstractRule {
    ConsistentInstructionCasing() {
      super("BW-D098", "Inconsistent instruction casing", Severity.INFO, "maintainability",
          "Mixing `RUN` and `run` makes the file harder to scan.", "Write every instruction in upper case.",
          List.of("ConsistentInstructionCasing"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      int upper = 0;
      int lower = 0;
      for (Instruction in : target.file().instructions()) {
        if (in.keyword().equals(in.keyword().toUpperCase(Locale.ROOT))) {
          upper++;
        } else if (in.keyword().equals(in.keyword().toLowerCase(Locale.ROOT))) {
          lower++;
        }
      }
      boolean expectUpper = upper >= lower;
      for (Instruction in : target.file().instructions()) {
        String k = in.keyword();
        boolean ok = expectUpper ? k.equals(k.toUpperCase(Locale.ROOT)) : k.equals(k.toLowerCase(Locale.ROOT));
        if (!ok) {
          report.accept(finding(k + " should be written " + (expectUpper ? "in upper case" : "in lower case") + " like the rest",
              in.locate(k), SecretRules.stageAt(target, in)));
        }
      }
    }
  }

  /** BW-D099: ENV/LABEL in the legacy space-separated form. */
  static final class LegacyKeyValueFormat extends AbstractRule {
    LegacyKeyValueFormat() {
      super("BW-D099", "ENV or LABEL in legacy \"key value\" form", Severity.INFO, "maintainability",
          "`ENV key value` takes the rest of the line as the value, which surprises readers; the form is deprecated.",
          "Write `ENV key=value`.", List.of("LegacyKeyValueFormat"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Instruction in : target.file().instructions()) {
        if ((in.command().equals("env") || in.command().equals("label")) && in.args().size() == 2) {
          String firstWord = in.rest().split("[\\s]+", 2)[0];
          if (!firstWord.contains("=")) {
            report.accept(finding(in.keyword().toUpperCase(Locale.ROOT) + " " + firstWord + " <value>: use " + firstWord + "=<value>",
                in.span(), SecretRules.stageAt(target, in)));
          }
        }
      }
    }
  }

  private static final Pattern VAR_REF = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");
  private static final Set<String> PREDEFINED_ARGS = Set.of("BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT", "TARGETPLATFORM",
      "TARGETOS", "TARGETARCH", "TARGETVARIANT", "TARGETSTAGE", "BUILDKIT_SYNTAX", "HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY",
      "ALL_PROXY", "http_proxy", "https_proxy", "ftp_proxy", "no_proxy", "all_proxy");

  /** BW-D100: FROM uses an ARG that is not declared before it. */
  static final class UndefinedArgInFrom extends AbstractRule {
    UndefinedArgInFrom() {
      super("BW-D100", "FROM uses an undeclared ARG", Severity.MEDIUM, "reliability",
          "An undeclared variable expands to nothing, so FROM resolves to a different image than intended (or fails).",
          "Declare it before the first FROM: `ARG BASE=alpine:3.23`.", List.of("UndefinedArgInFrom"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      Set<String> declared = new HashSet<>();
      target.model().globalArgs().forEach(a -> declared.add(a.name()));
      for (Stage stage : target.model().stages()) {
        Instruction in = stage.from().instruction();
        List<String> texts = new ArrayList<>(in.args().isEmpty() ? List.of() : List.of(in.args().getFirst()));
        if (in.flag("platform") != null) {
          texts.add(in.flag("platform"));
        }
        for (String text : texts) {
          Matcher m = VAR_REF.matcher(text);
          while (m.find()) {
            String v = m.group(1);
            if (!declared.contains(v) && !PREDEFINED_ARGS.contains(v)) {
              report.accept(finding("FROM uses $" + v + ", which no ARG before the first FROM declares", in.locate(m.group()), stage));
            }
          }
        }
      }
    }
  }

  /** BW-D104: LABEL keys that are not valid; BW-D105 empty label values. */
  static final class LabelProblems extends AbstractRule {
    private static final Pattern KEY = Pattern.compile("^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$");

    LabelProblems() {
      super("BW-D104", "Invalid or empty LABEL", Severity.INFO, "maintainability",
          "Label keys should be lower-case reverse-DNS names (org.opencontainers.image.*); empty values carry no information"
              + " and break tools that read them.",
          "Use keys like `org.opencontainers.image.source` and give every label a value.", List.of("DL3048", "DL3051"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Stage stage : target.model().stages()) {
        for (Command.Label l : stage.commands(Command.Label.class)) {
          for (var kv : l.pairs()) {
            if (!KEY.matcher(kv.key()).matches() || kv.key().contains("..") || kv.key().startsWith("com.docker.")
                || kv.key().startsWith("io.docker.") || kv.key().startsWith("org.dockerproject.")) {
              report.accept(finding("label key '" + kv.key() + "' is not a valid lower-case reverse-DNS key", l.instruction().locate(kv.key()), stage)
                  .withAliases(List.of("DL3048")));
            } else if (kv.value().isBlank()) {
              report.accept(finding("label '" + kv.key() + "' has an empty value", l.instruction().locate(kv.key()), stage)
                  .withAliases(List.of("DL3051")));
            }
          }
        }
      }
    }
  }

  /** BW-D106: an archive copied in and then unpacked. */
  static final class ArchiveCopiedThenExtracted extends AbstractRule {
    ArchiveCopiedThenExtracted() {
      super("BW-D106", "Archive copied and then extracted", Severity.INFO, "attack-surface",
          "The archive stays in the COPY layer even after extraction, doubling the size it adds.",
          "Extract with a bind mount: `RUN --mount=type=bind,source=app.tar.gz,target=/tmp/app.tar.gz tar xzf /tmp/app.tar.gz -C /opt`.",
          List.of("DL3010"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Stage stage : target.model().stages()) {
        Set<String> archives = new HashSet<>();
        for (Command.Copy cp : stage.commands(Command.Copy.class)) {
          for (String s : cp.sources()) {
            if (SupplyChainRules.AddInsteadOfCopy.isArchive(s)) {
              archives.add(s.substring(s.lastIndexOf('/') + 1));
            }
          }
        }
        if (archives.isEmpty()) {
          continue;
        }
        for (RunStep step : target.runs()) {
          if (step.stage() != stage) {
            continue;
          }
          for (Invocation inv : step.facts().invocations()) {
            if ((inv.name().equals("tar") || inv.name().equals("unzip")) && inv.args().stream().anyMatch(a -> archives.stream().anyMatch(a::endsWith))) {
              report.accept(finding("the archive is copied, then extracted; its layer keeps a second copy", step.spanOf(inv), stage));
            }
          }
        }
      }
    }
  }
}
