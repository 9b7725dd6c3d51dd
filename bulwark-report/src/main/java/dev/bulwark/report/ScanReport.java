package dev.bulwark.report;

import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Everything one {@code bulwark scan} found, file by file in a stable order. */
public record ScanReport(List<FileReport> files) {

  public Map<Severity, Integer> counts() {
    Map<Severity, Integer> m = new EnumMap<>(Severity.class);
    for (FileReport f : files) {
      for (Finding x : f.findings()) {
        m.merge(x.severity(), 1, Integer::sum);
      }
    }
    return m;
  }

  public int findingCount() {
    return files.stream().mapToInt(f -> f.findings().size()).sum();
  }

  /** "1 critical, 5 high, 2 medium" (severities with no finding left out), or "no findings". */
  public String summary() {
    Map<Severity, Integer> counts = counts();
    List<String> parts = new ArrayList<>();
    for (Severity s : Severity.values()) {
      Integer n = counts.get(s);
      if (n != null) {
        parts.add(n + " " + s.label());
      }
    }
    return parts.isEmpty() ? "no findings" : String.join(", ", parts);
  }

  /** True when any finding is at or above {@code threshold}. */
  public boolean failsAt(Severity threshold) {
    return files.stream().flatMap(f -> f.findings().stream()).anyMatch(f -> f.severity().atLeast(threshold));
  }

  /** What was scanned, for the summary: {@code 3 files scanned}, {@code 1 image}. */
  public String scanned() {
    int n = files.size();
    if (n > 0 && files.stream().allMatch(f -> f.kind() == FileReport.Kind.IMAGE)) {
      return n + (n == 1 ? " image" : " images");
    }
    return n + (n == 1 ? " file scanned" : " files scanned");
  }

  public boolean hasErrors() {
    return files.stream().anyMatch(f -> f.error() != null);
  }
}
