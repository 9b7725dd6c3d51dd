package dev.bulwark.lint.rules;

import dev.bulwark.core.Linter;
import dev.bulwark.core.Rule;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.rules.baseimage.BaseImageNotAllowed;
import dev.bulwark.lint.rules.baseimage.ConstantPlatform;
import dev.bulwark.lint.rules.baseimage.EndOfLifeBase;
import dev.bulwark.lint.rules.baseimage.EndOfLifeSoon;
import dev.bulwark.lint.rules.baseimage.LatestBaseImage;
import dev.bulwark.lint.rules.baseimage.MovingBaseTag;
import dev.bulwark.lint.rules.baseimage.NoSecurityUpdates;
import dev.bulwark.lint.rules.baseimage.RedundantTargetPlatform;
import dev.bulwark.lint.rules.baseimage.UntrustedRegistry;
import dev.bulwark.lint.rules.build.SingleStageBuildTools;
import dev.bulwark.lint.rules.build.ToolsInFinalImage;
import dev.bulwark.lint.rules.build.WeakCFlags;
import dev.bulwark.lint.rules.build.WeakGoBuildFlags;
import dev.bulwark.lint.rules.build.WeakRustBuildFlags;
import dev.bulwark.lint.rules.context.BuildDirsSent;
import dev.bulwark.lint.rules.context.GitDirSent;
import dev.bulwark.lint.rules.context.NoDockerignore;
import dev.bulwark.lint.rules.context.SecretsSent;
import dev.bulwark.lint.rules.hygiene.ArchiveCopiedThenExtracted;
import dev.bulwark.lint.rules.hygiene.ConsecutiveRuns;
import dev.bulwark.lint.rules.hygiene.ConsistentInstructionCasing;
import dev.bulwark.lint.rules.hygiene.CopyDestNotDirectory;
import dev.bulwark.lint.rules.hygiene.CopyFromLaterStage;
import dev.bulwark.lint.rules.hygiene.CopyFromOwnStage;
import dev.bulwark.lint.rules.hygiene.CopyRelativeNoWorkdir;
import dev.bulwark.lint.rules.hygiene.CopyWholeFilesystem;
import dev.bulwark.lint.rules.hygiene.DuplicateStageName;
import dev.bulwark.lint.rules.hygiene.EnvSelfReference;
import dev.bulwark.lint.rules.hygiene.ExposePortOutOfRange;
import dev.bulwark.lint.rules.hygiene.FromAsCasing;
import dev.bulwark.lint.rules.hygiene.LabelProblems;
import dev.bulwark.lint.rules.hygiene.LegacyKeyValueFormat;
import dev.bulwark.lint.rules.hygiene.LinkBinSh;
import dev.bulwark.lint.rules.hygiene.MaintainerDeprecated;
import dev.bulwark.lint.rules.hygiene.MultipleInstructions;
import dev.bulwark.lint.rules.hygiene.NonNumericUser;
import dev.bulwark.lint.rules.hygiene.PipeWithoutPipefail;
import dev.bulwark.lint.rules.hygiene.PointlessTools;
import dev.bulwark.lint.rules.hygiene.ReservedStageName;
import dev.bulwark.lint.rules.hygiene.StageNameCasing;
import dev.bulwark.lint.rules.hygiene.UndefinedArgInFrom;
import dev.bulwark.lint.rules.hygiene.WgetAndCurl;
import dev.bulwark.lint.rules.hygiene.WgetProgress;
import dev.bulwark.lint.rules.language.DebugModeOn;
import dev.bulwark.lint.rules.language.DevDependenciesInFinal;
import dev.bulwark.lint.rules.language.PrivilegedPort;
import dev.bulwark.lint.rules.language.PythonEnvMissing;
import dev.bulwark.lint.rules.language.PythonNoVenv;
import dev.bulwark.lint.rules.packages.AptUsed;
import dev.bulwark.lint.rules.packages.DistUpgrade;
import dev.bulwark.lint.rules.packages.NoInstallRecommends;
import dev.bulwark.lint.rules.packages.NonInteractiveFlagMissing;
import dev.bulwark.lint.rules.packages.NpmInstallNotCi;
import dev.bulwark.lint.rules.packages.PackageCacheLeft;
import dev.bulwark.lint.rules.packages.UnpinnedPackages;
import dev.bulwark.lint.rules.packages.UpdateAlone;
import dev.bulwark.lint.rules.privilege.CdInRun;
import dev.bulwark.lint.rules.privilege.HostNetwork;
import dev.bulwark.lint.rules.privilege.InsecureSecurityMode;
import dev.bulwark.lint.rules.privilege.NoHealthcheck;
import dev.bulwark.lint.rules.privilege.RelativeWorkdir;
import dev.bulwark.lint.rules.privilege.RootUser;
import dev.bulwark.lint.rules.privilege.SetuidBit;
import dev.bulwark.lint.rules.privilege.ShellFormEntrypoint;
import dev.bulwark.lint.rules.privilege.SshExposed;
import dev.bulwark.lint.rules.privilege.SudoInRun;
import dev.bulwark.lint.rules.privilege.UidZeroUser;
import dev.bulwark.lint.rules.privilege.UseraddLargeUid;
import dev.bulwark.lint.rules.privilege.WorkdirSystemDir;
import dev.bulwark.lint.rules.privilege.WorldWritable;
import dev.bulwark.lint.rules.secrets.CredentialValue;
import dev.bulwark.lint.rules.secrets.CredentialsInUrl;
import dev.bulwark.lint.rules.secrets.SecretFileCopied;
import dev.bulwark.lint.rules.secrets.SecretNameInArgOrEnv;
import dev.bulwark.lint.rules.supplychain.AddInsteadOfCopy;
import dev.bulwark.lint.rules.supplychain.AddRemoteWithoutChecksum;
import dev.bulwark.lint.rules.supplychain.CurlPipeShell;
import dev.bulwark.lint.rules.supplychain.InsecureTransport;
import dev.bulwark.lint.rules.supplychain.PlainHttpDownload;
import dev.bulwark.lint.rules.syntax.ParseDiagnostics;
import java.util.List;

/** The Dockerfile rule set (build-context and parse rules included), in id order, and the linter that runs it. */
public final class DockerfileRules {
  private static final List<Rule<DockerfileTarget>> ALL = List.of(
      new RootUser(), new LatestBaseImage(), new SingleStageBuildTools(), new MovingBaseTag(), new NoSecurityUpdates(), new EndOfLifeBase(), new EndOfLifeSoon(),
      new UntrustedRegistry(), new BaseImageNotAllowed(), new ConstantPlatform(),
      new RedundantTargetPlatform(), new ToolsInFinalImage(), new WeakGoBuildFlags(),
      new WeakRustBuildFlags(), new WeakCFlags(),
      new UnpinnedPackages(), new NoInstallRecommends(), new PackageCacheLeft(),
      new NonInteractiveFlagMissing(), new UpdateAlone(), new AptUsed(),
      new DistUpgrade(), new NpmInstallNotCi(), new DevDependenciesInFinal(),
      new CurlPipeShell(), new AddRemoteWithoutChecksum(), new AddInsteadOfCopy(),
      new InsecureTransport(), new PlainHttpDownload(),
      new SecretNameInArgOrEnv(), new CredentialValue(), new SecretFileCopied(),
      new CredentialsInUrl(),
      new PythonNoVenv(), new PythonEnvMissing(), new DebugModeOn(),
      new PrivilegedPort(),
      new SudoInRun(), new WorldWritable(), new SetuidBit(),
      new InsecureSecurityMode(), new HostNetwork(), new SshExposed(),
      new NoHealthcheck(), new ShellFormEntrypoint(), new RelativeWorkdir(),
      new CdInRun(), new UseraddLargeUid(), new UidZeroUser(),
      new WorkdirSystemDir(),
      new PointlessTools(), new MultipleInstructions(), new CopyDestNotDirectory(),
      new CopyFromOwnStage(), new DuplicateStageName(), new EnvSelfReference(),
      new CopyRelativeNoWorkdir(), new WgetProgress(), new ConsecutiveRuns(),
      new ReservedStageName(), new NonNumericUser(), new CopyWholeFilesystem(),
      new MaintainerDeprecated(), new WgetAndCurl(), new LinkBinSh(),
      new PipeWithoutPipefail(), new StageNameCasing(), new FromAsCasing(),
      new ConsistentInstructionCasing(), new LegacyKeyValueFormat(), new UndefinedArgInFrom(),
      new LabelProblems(), new ArchiveCopiedThenExtracted(), new ExposePortOutOfRange(), new CopyFromLaterStage(),
      new NoDockerignore(), new SecretsSent(), new GitDirSent(), new BuildDirsSent(),
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
