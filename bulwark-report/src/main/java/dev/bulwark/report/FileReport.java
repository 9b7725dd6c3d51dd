package dev.bulwark.report;

import dev.bulwark.core.Finding;
import dev.bulwark.core.PurposeVerdict;
import java.util.List;

/**
 * The outcome for one scanned target (a file, or a built image): its findings, or the error that
 * kept it from being read. {@code source} is the file text (for showing the offending line), null
 * when unread or when the target is not text. {@code warnings} say what of a target that was read
 * could not be (an image's package database past a limit, a binary over its bound): the checks
 * that needed it did not see it, and every report format says so rather than stay silent.
 * {@code suppressed}: findings taken out by VEX or an ignore file, shown apart and never gating.
 */
public record FileReport(String path, Kind kind, List<Finding> findings, String source, String error, PurposeVerdict purpose,
    List<String> warnings, List<Suppressed> suppressed) {

  /** What was scanned: summaries count "files scanned" or "images". */
  public enum Kind {
    FILE, IMAGE
  }

  public FileReport {
    findings = List.copyOf(findings);
    warnings = List.copyOf(warnings);
    suppressed = List.copyOf(suppressed);
  }

  /** Nothing suppressed. */
  public FileReport(String path, Kind kind, List<Finding> findings, String source, String error, PurposeVerdict purpose,
      List<String> warnings) {
    this(path, kind, findings, source, error, purpose, warnings, List.of());
  }

  public FileReport(String path, Kind kind, List<Finding> findings, String source, String error, PurposeVerdict purpose) {
    this(path, kind, findings, source, error, purpose, List.of());
  }

  /** Without a purpose verdict (null: reports then say nothing of it). */
  public FileReport(String path, Kind kind, List<Finding> findings, String source, String error) {
    this(path, kind, findings, source, error, null);
  }

  public static FileReport of(String path, List<Finding> findings, String source) {
    return new FileReport(path, Kind.FILE, findings, source, null);
  }

  public static FileReport ofImage(String reference, List<Finding> findings) {
    return new FileReport(reference, Kind.IMAGE, findings, null, null);
  }

  public static FileReport failed(String path, String error) {
    return new FileReport(path, Kind.FILE, List.of(), null, error);
  }

  public FileReport withFindings(List<Finding> kept) {
    return new FileReport(path, kind, kept, source, error, purpose, warnings, suppressed);
  }

  /** With what the target was judged to be for, which reports show beside its path. */
  public FileReport withPurpose(PurposeVerdict verdict) {
    return new FileReport(path, kind, findings, source, error, verdict, warnings, suppressed);
  }

  /** With what could not be read of the target. */
  public FileReport withWarnings(List<String> said) {
    return new FileReport(path, kind, findings, source, error, purpose, said, suppressed);
  }

  /**
   * With the vulnerabilities a VEX statement or the ignore file took out of the findings: every format but the problem
   * lists (JUnit, Checkstyle, GitLab) shows them apart, with why.
   */
  public FileReport withSuppressed(List<Suppressed> taken) {
    return new FileReport(path, kind, findings, source, error, purpose, warnings, taken);
  }
}
