package dev.bulwark.report;

import dev.bulwark.lint.Finding;
import java.util.List;

/**
 * The outcome for one scanned file: its findings, or the error that kept it from being read.
 * {@code source} is the file text (for showing the offending line), null when unread.
 */
public record FileReport(String path, List<Finding> findings, String source, String error) {

  public static FileReport of(String path, List<Finding> findings, String source) {
    return new FileReport(path, List.copyOf(findings), source, null);
  }

  public static FileReport failed(String path, String error) {
    return new FileReport(path, List.of(), null, error);
  }
}
