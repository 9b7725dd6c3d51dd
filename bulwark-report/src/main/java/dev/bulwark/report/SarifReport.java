package dev.bulwark.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Location;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.Severity;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 for GitHub code scanning and other viewers: the rules that fired (with help text,
 * default level and {@code security-severity}), one result per finding with its exact region
 * and a partial fingerprint so alerts survive unrelated edits.
 */
public final class SarifReport implements ReportWriter {
  private static final JsonFactory FACTORY = new JsonFactory();
  private final String toolVersion;

  public SarifReport(String toolVersion) {
    this.toolVersion = toolVersion;
  }

  static String level(Severity s) {
    return switch (s) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "note";
    };
  }

  /** GitHub's security-severity score: >= 9 critical, >= 7 high, >= 4 medium, else low. */
  static String securitySeverity(Severity s) {
    return switch (s) {
      case CRITICAL -> "9.5";
      case HIGH -> "8.0";
      case MEDIUM -> "5.5";
      case LOW -> "3.0";
      case INFO -> "1.0";
    };
  }

  static String uri(String path) {
    String p = path.replace('\\', '/');
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    return p.startsWith("/") ? "file://" + p.replace(" ", "%20") : p.replace(" ", "%20");
  }

  @Override
  public void write(ScanReport report, Appendable out) throws IOException {
    Map<String, RuleInfo> rules = new LinkedHashMap<>();
    for (FileReport f : report.files()) {
      for (Finding x : f.findings()) {
        rules.putIfAbsent(x.ruleId(), x.rule());
      }
      for (Suppressed x : f.suppressed()) {
        rules.putIfAbsent(x.ruleId(), x.finding().rule());
      }
    }
    List<String> ids = List.copyOf(rules.keySet());
    try (JsonGenerator g = FACTORY.createGenerator(new JsonReport.AppendableWriter(out))) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
      g.writeStringField("version", "2.1.0");
      g.writeArrayFieldStart("runs");
      g.writeStartObject();
      g.writeObjectFieldStart("tool");
      g.writeObjectFieldStart("driver");
      g.writeStringField("name", "bulwark");
      g.writeStringField("version", toolVersion);
      g.writeStringField("semanticVersion", toolVersion.replace("-SNAPSHOT", ""));
      g.writeArrayFieldStart("rules");
      for (RuleInfo r : rules.values()) {
        g.writeStartObject();
        g.writeStringField("id", r.id());
        g.writeStringField("name", r.title().replaceAll("[^A-Za-z0-9]+", " ").strip().replace(' ', '_'));
        g.writeObjectFieldStart("shortDescription");
        g.writeStringField("text", r.title());
        g.writeEndObject();
        g.writeObjectFieldStart("fullDescription");
        g.writeStringField("text", r.rationale());
        g.writeEndObject();
        if (!r.references().isEmpty()) {
          g.writeStringField("helpUri", r.references().getFirst());
        }
        g.writeObjectFieldStart("help");
        g.writeStringField("text", r.rationale() + "\n\nFix: " + r.fix());
        g.writeStringField("markdown", "**Why it matters.** " + r.rationale() + "\n\n**How to fix.** " + r.fix()
            + (r.aliases().isEmpty() ? "" : "\n\nAlso known as: " + String.join(", ", r.aliases())));
        g.writeEndObject();
        g.writeObjectFieldStart("defaultConfiguration");
        g.writeStringField("level", level(r.severity()));
        g.writeEndObject();
        g.writeObjectFieldStart("properties");
        g.writeArrayFieldStart("tags");
        g.writeString("security");
        g.writeString(r.category().label());
        g.writeEndArray();
        g.writeStringField("security-severity", securitySeverity(r.severity()));
        g.writeStringField("precision", "high");
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
      g.writeArrayFieldStart("results");
      for (FileReport f : report.files()) {
        Map<Finding, String> fp = Fingerprints.of(f);
        for (Finding x : f.findings()) {
          writeResult(g, f, x, fp.get(x), ids, null);
        }
        // the same fingerprint as when it was a finding: code scanning matches the alert and shows it dismissed
        Map<Finding, String> sfp = Fingerprints.of(f.withFindings(f.suppressed().stream().map(Suppressed::finding).toList()));
        for (Suppressed x : f.suppressed()) {
          writeResult(g, f, x.finding(), sfp.get(x.finding()), ids, x);
        }
      }
      g.writeEndArray();
      writeInvocation(g, report);
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    }
    out.append('\n');
  }

  /** One result; {@code suppressed} (null: none) makes it a suppressed one. */
  private static void writeResult(JsonGenerator g, FileReport f, Finding x, String fingerprint, List<String> ids, Suppressed suppressed)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("ruleId", x.ruleId());
    g.writeNumberField("ruleIndex", ids.indexOf(x.ruleId()));
    g.writeStringField("level", level(x.severity()));
    g.writeObjectFieldStart("message");
    g.writeStringField("text", x.message());
    g.writeEndObject();
    g.writeArrayFieldStart("locations");
    g.writeStartObject();
    g.writeObjectFieldStart("physicalLocation");
    g.writeObjectFieldStart("artifactLocation");
    g.writeStringField("uri", uri(f.path()));
    if (!f.path().startsWith("/")) {
      g.writeStringField("uriBaseId", "%SRCROOT%");
    }
    g.writeEndObject();
    if (x.location() instanceof Location.Text t) {
      g.writeObjectFieldStart("region");
      g.writeNumberField("startLine", t.span().startLine());
      g.writeNumberField("startColumn", t.span().startColumn());
      g.writeNumberField("endLine", t.span().endLine());
      g.writeNumberField("endColumn", Math.max(t.span().endColumn(), t.span().startColumn() + (t.span().endLine() > t.span().startLine() ? 0 : 1)));
      g.writeEndObject();
      g.writeEndObject();
    } else {
      // no region in an image: the config field or layer file is a logical location
      g.writeEndObject();
      g.writeArrayFieldStart("logicalLocations");
      g.writeStartObject();
      g.writeStringField("fullyQualifiedName", Where.detail(x.location()));
      g.writeStringField("kind", x.location() instanceof Location.ImageConfig ? "property" : "resource");
      g.writeEndObject();
      g.writeEndArray();
    }
    g.writeEndObject();
    g.writeEndArray();
    if (x.fix().isPresent()) {
      FixJson.writeSarif(g, x.fix().get(), uri(f.path()), !f.path().startsWith("/"));
    }
    if (suppressed != null) {
      // SARIF 2.1.0 §3.27.23, §3.35: an external suppression, accepted; GitHub code scanning shows it as dismissed
      g.writeArrayFieldStart("suppressions");
      g.writeStartObject();
      g.writeStringField("kind", "external");
      g.writeStringField("status", "accepted");
      g.writeStringField("justification", suppressed.why() + " (" + suppressed.source() + ")");
      g.writeEndObject();
      g.writeEndArray();
    }
    g.writeObjectFieldStart("partialFingerprints");
    g.writeStringField("primaryLocationLineHash", fingerprint);
    g.writeEndObject();
    g.writeObjectFieldStart("properties");
    g.writeStringField("severity", x.severity().label());
    if (suppressed != null) {
      g.writeStringField("suppressionStatus", suppressed.status());
      if (suppressed.justification() != null) {
        g.writeStringField("justification", suppressed.justification());
      }
      g.writeStringField("suppressionSource", suppressed.source());
    }
    if (x.stage() != null) {
      g.writeStringField("stage", x.stage());
    }
    if (f.purpose() != null) {
      g.writeStringField("purpose", f.purpose().purpose().key());
    }
    if (!x.aliases().isEmpty()) { // the other tools' ids of this occurrence, for matching their results
      g.writeArrayFieldStart("aliases");
      for (String a : x.aliases()) {
        g.writeString(a);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  /** What could not be read (an image's package database past a limit): warnings of the run's invocation, which code scanning lists apart from results. */
  private static void writeInvocation(JsonGenerator g, ScanReport report) throws IOException {
    if (report.files().stream().allMatch(f -> f.warnings().isEmpty())) {
      return;
    }
    g.writeArrayFieldStart("invocations");
    g.writeStartObject();
    g.writeBooleanField("executionSuccessful", true);
    g.writeArrayFieldStart("toolExecutionNotifications");
    for (FileReport f : report.files()) {
      for (String w : f.warnings()) {
        g.writeStartObject();
        g.writeStringField("level", "warning");
        g.writeObjectFieldStart("message");
        g.writeStringField("text", f.path() + ": " + w);
        g.writeEndObject();
        g.writeEndObject();
      }
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndArray();
  }
}
