package dev.bulwark.lint.rules;

import dev.bulwark.core.Linter;
import dev.bulwark.core.Rule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;

/** The Dockerfile rule set (build-context and parse rules included), in id order, and the linter that runs it. */
public final class DockerfileRules {
  private static final List<Rule<DockerfileTarget>> ALL = List.of(
      new RootUser(), new LatestBaseImage(), new SingleStageBuildTools(), new ImageRules.MovingBaseTag(), new ImageRules.NoSecurityUpdates(), new ImageRules.EndOfLifeBase(), new ImageRules.EndOfLifeSoon(),
      new ImageRules.UntrustedRegistry(), new ImageRules.BaseImageNotAllowed(), new ImageRules.ConstantPlatform(),
      new ImageRules.RedundantTargetPlatform(), new ImageRules.ToolsInFinalImage(), new ImageRules.WeakGoBuildFlags(),
      new ImageRules.WeakRustBuildFlags(), new ImageRules.WeakCFlags(),
      new PackageRules.UnpinnedPackages(), new PackageRules.NoInstallRecommends(), new PackageRules.PackageCacheLeft(),
      new PackageRules.NonInteractiveFlagMissing(), new PackageRules.UpdateAlone(), new PackageRules.AptUsed(),
      new PackageRules.DistUpgrade(), new PackageRules.NpmInstallNotCi(), new LanguageRules.DevDependenciesInFinal(),
      new SupplyChainRules.CurlPipeShell(), new SupplyChainRules.AddRemoteWithoutChecksum(), new SupplyChainRules.AddInsteadOfCopy(),
      new SupplyChainRules.InsecureTransport(), new SupplyChainRules.PlainHttpDownload(),
      new SecretRules.SecretNameInArgOrEnv(), new SecretRules.CredentialValue(), new SecretRules.SecretFileCopied(),
      new SecretRules.CredentialsInUrl(),
      new LanguageRules.PythonNoVenv(), new LanguageRules.PythonEnvMissing(), new LanguageRules.DebugModeOn(),
      new LanguageRules.PrivilegedPort(),
      new PrivilegeRules.SudoInRun(), new PrivilegeRules.WorldWritable(), new PrivilegeRules.SetuidBit(),
      new PrivilegeRules.InsecureSecurityMode(), new PrivilegeRules.HostNetwork(), new PrivilegeRules.SshExposed(),
      new PrivilegeRules.NoHealthcheck(), new PrivilegeRules.ShellFormEntrypoint(), new PrivilegeRules.RelativeWorkdir(),
      new PrivilegeRules.CdInRun(), new PrivilegeRules.UseraddLargeUid(), new PrivilegeRules.UidZeroUser(),
      new PrivilegeRules.WorkdirSystemDir(),
      new HygieneRules.PointlessTools(), new HygieneRules.MultipleInstructions(), new HygieneRules.CopyDestNotDirectory(),
      new HygieneRules.CopyFromOwnStage(), new HygieneRules.DuplicateStageName(), new HygieneRules.EnvSelfReference(),
      new HygieneRules.CopyRelativeNoWorkdir(), new HygieneRules.WgetProgress(), new HygieneRules.ConsecutiveRuns(),
      new HygieneRules.ReservedStageName(), new HygieneRules.NonNumericUser(), new HygieneRules.CopyWholeFilesystem(),
      new HygieneRules.MaintainerDeprecated(), new HygieneRules.WgetAndCurl(), new HygieneRules.LinkBinSh(),
      new HygieneRules.PipeWithoutPipefail(), new HygieneRules.StageNameCasing(), new HygieneRules.FromAsCasing(),
      new HygieneRules.ConsistentInstructionCasing(), new HygieneRules.LegacyKeyValueFormat(), new HygieneRules.UndefinedArgInFrom(),
      new HygieneRules.LabelProblems(), new HygieneRules.ArchiveCopiedThenExtracted(),
      new ContextRules.NoDockerignore(), new ContextRules.SecretsSent(), new ContextRules.GitDirSent(), new ContextRules.BuildDirsSent(),
        ParseDiagnostics.errors(), ParseDiagnostics.warnings());

  private static final Linter<DockerfileTarget> LINTER = new Linter<>(ALL);

  private DockerfileRules() {}

  public static List<Rule<DockerfileTarget>> all() {
    return ALL;
  }

  /** The linter with every Dockerfile rule. */
  public static Linter<DockerfileTarget> linter() {
    return LINTER;
  }
}
