package dev.bulwark.report;

import java.io.IOException;

/** Writes a scan report in one format. */
public interface ReportWriter {
  void write(ScanReport report, Appendable out) throws IOException;
}
