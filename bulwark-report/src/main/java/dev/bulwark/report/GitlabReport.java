package dev.bulwark.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Location;
import dev.bulwark.core.Severity;
import java.io.IOException;
import java.util.Map;

/** GitLab Code Quality (CodeClimate-style issues array) for merge-request widgets. */
public final class GitlabReport implements ReportWriter {
  private static final JsonFactory FACTORY = new JsonFactory();

  static String severity(Severity s) {
    return switch (s) {
      case CRITICAL -> "blocker";
      case HIGH -> "critical";
      case MEDIUM -> "major";
      case LOW -> "minor";
      case INFO -> "info";
    };
  }

  @Override
  public void write(ScanReport report, Appendable out) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(new JsonReport.AppendableWriter(out))) {
      g.useDefaultPrettyPrinter();
      g.writeStartArray();
      for (FileReport f : report.files()) {
        Map<Finding, String> fp = Fingerprints.of(f);
        for (Finding x : f.findings()) {
          g.writeStartObject();
          g.writeStringField("type", "issue");
          g.writeStringField("check_name", x.ruleId());
          g.writeStringField("description", x.ruleId() + ": " + x.message() + Where.suffix(x.location()));
          g.writeArrayFieldStart("categories");
          g.writeString("Security");
          g.writeEndArray();
          g.writeStringField("severity", severity(x.severity()));
          g.writeStringField("fingerprint", fp.get(x));
          g.writeObjectFieldStart("location");
          g.writeStringField("path", SarifReport.uri(f.path()).replace("%20", " "));
          g.writeObjectFieldStart("lines");
          // Code Quality requires lines; an image finding has none, so it is reported at the image's first line
          g.writeNumberField("begin", x.location() instanceof Location.Text t ? t.span().startLine() : 1);
          g.writeNumberField("end", x.location() instanceof Location.Text t ? t.span().endLine() : 1);
          g.writeEndObject();
          g.writeEndObject();
          g.writeEndObject();
        }
      }
      g.writeEndArray();
    }
    out.append('\n');
  }
}
