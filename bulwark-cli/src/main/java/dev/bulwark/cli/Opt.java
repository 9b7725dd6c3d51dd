package dev.bulwark.cli;

import dev.bulwark.scan.OutputFormat;

/**
 * The command line's option names and defaults, written once: picocli's annotations and the
 * picocli-free {@link FastPath} both take them from here (annotations need compile-time constants,
 * hence strings rather than an enum).
 */
final class Opt {
  private Opt() {}

  static final String FORMAT = "--format";
  static final String FAIL_ON = "--fail-on";
  static final String NO_FAIL = "--no-fail";
  static final String NO_COLOR = "--no-color";
  static final String CONFIG = "--config";
  static final String BASELINE = "--baseline";
  static final String WRITE_BASELINE = "--write-baseline";
  static final String EXCLUDE = "--exclude";
  static final String PLATFORM = "--platform";
  static final String INSECURE = "--insecure";
  static final String DB = "--db";
  static final String BASE = "--base";
  static final String OFFLINE = "--offline";
  static final String SEVERITY = "--severity";
  static final String IGNORE_UNFIXED = "--ignore-unfixed";
  static final String ONLY_BASE = "--only-base";
  static final String IGNORE_BASE = "--ignore-base";
  static final String TO = "--to";
  static final String VEX = "--vex";
  static final String IGNORE_FILE = "--ignore-file";
  static final String VULNS = "--vulns";
  static final String EXIT_ON = "--exit-on";

  /** {@code image}'s threshold when none is given ({@code scan}'s comes from the config file, else high). */
  static final String IMAGE_FAIL_ON_DEFAULT = "high";
  static final String SBOM_FORMAT_DEFAULT = "table";

  /** The report formats of scan and image, as help texts list them. */
  static final String FORMATS = OutputFormat.NAMES;
}
