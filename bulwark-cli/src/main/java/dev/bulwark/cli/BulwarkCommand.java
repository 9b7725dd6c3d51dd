package dev.bulwark.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code bulwark} command and its subcommands. */
@Command(
    name = "bulwark",
    mixinStandardHelpOptions = true,
    versionProvider = BulwarkCommand.Version.class,
    description = "Finds and fixes security problems in Dockerfiles and container images.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:nothing at or above the --fail-on severity", "1:findings at or above it (compare --exit-on vulns-increased: a new vulnerability)", "2:usage or input error (a missing or unreadable file, an output that cannot be written)",
        "3:internal error: a bug in Bulwark (run with --debug for the trace), or out of memory"})
public final class BulwarkCommand implements Runnable {

  /**
   * The subcommands, by name. Picocli reflects over every registered command at start-up, so
   * {@link Main} registers only the one being run (all of them for help): it halves start-up.
   */
  static final java.util.Map<String, java.util.function.Supplier<Object>> SUBCOMMANDS = subcommands();

  private static java.util.Map<String, java.util.function.Supplier<Object>> subcommands() {
    java.util.Map<String, java.util.function.Supplier<Object>> m = new java.util.LinkedHashMap<>();
    m.put("scan", ScanCommand::new);
    m.put("parse", ParseCommand::new);
    m.put("rules", RulesCommand::new);
    m.put("explain", ExplainCommand::new);
    m.put("sbom", SbomCommand::new);
    m.put("image", ImageCommand::new);
    m.put("vulns", VulnsCommand::new);
    m.put("compare", CompareCommand::new);
    m.put("runtime", RuntimeCommand::new);
    m.put("fix", FixCommand::new);
    m.put("harden", HardenCommand::new);
    m.put("db", DbCommand::new);
    m.put("recommend", RecommendCommand::new);
    m.put("report", ReportCommand::new);
    return java.util.Collections.unmodifiableMap(m);
  }

  @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces for errors.")
  boolean debug;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reads the version Maven wrote into the jar. */
  static final class Version implements IVersionProvider {
    static String get() {
      Properties p = new Properties();
      try (InputStream in = BulwarkCommand.class.getResourceAsStream("/bulwark-version.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        return "unknown";
      }
      return p.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
      return new String[] {"bulwark " + get()};
    }
  }
}
