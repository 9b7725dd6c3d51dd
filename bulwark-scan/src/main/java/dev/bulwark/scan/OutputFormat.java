package dev.bulwark.scan;

import dev.bulwark.report.GitlabReport;
import dev.bulwark.report.JsonReport;
import dev.bulwark.report.MarkdownReport;
import dev.bulwark.report.ReportWriter;
import dev.bulwark.report.SarifReport;
import dev.bulwark.report.TtyReport;
import dev.bulwark.report.XmlReports;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The report formats of {@code scan} and {@code image}: the one list the CLI's options, help and parsers take. */
public enum OutputFormat {
  TTY,
  JSON,
  SARIF,
  JUNIT,
  GITLAB,
  CHECKSTYLE,
  MARKDOWN;

  /**
   * The names as help texts list them. A constant because picocli's annotations need one;
   * OutputFormatTest checks it against the enum.
   */
  public static final String NAMES = "tty, json, sarif, junit, gitlab, checkstyle or markdown";

  /** The name on the command line: {@code tty}, {@code json}, … */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The names in order, joined as {@link #NAMES} writes them. */
  static String names() {
    String all = Stream.of(values()).map(OutputFormat::cliName).collect(Collectors.joining(", "));
    int last = all.lastIndexOf(", ");
    return all.substring(0, last) + " or " + all.substring(last + 2);
  }

  public static Optional<OutputFormat> of(String cliName) {
    return Stream.of(values()).filter(f -> f.cliName().equals(cliName)).findFirst();
  }

  /** The writer; {@code color} only matters for tty on a terminal. */
  public ReportWriter writer(Supplier<String> version, boolean color) {
    return switch (this) {
      case TTY -> new TtyReport(color);
      case JSON -> new JsonReport(version.get());
      case SARIF -> new SarifReport(version.get());
      case JUNIT -> new XmlReports.JUnit();
      case CHECKSTYLE -> new XmlReports.Checkstyle();
      case GITLAB -> new GitlabReport();
      case MARKDOWN -> new MarkdownReport();
    };
  }
}
