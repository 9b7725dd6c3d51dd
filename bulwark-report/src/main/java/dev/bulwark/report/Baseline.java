package dev.bulwark.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.bulwark.core.Finding;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accepted findings: {@code --write-baseline FILE} records today's findings by fingerprint;
 * {@code --baseline FILE} then reports only what is new. Format:
 * {@code {"version": 1, "findings": [{"ruleId", "path", "fingerprint", "message"}]}}.
 */
public record Baseline(Set<String> fingerprints) {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** Raised for a file that is not a Bulwark baseline. */
  public static final class BaselineException extends Exception {
    public BaselineException(String message) {
      super(message, null, false, false);
    }
  }

  public static Baseline parse(String json, String source) throws BaselineException {
    Set<String> out = new HashSet<>();
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BaselineException(source + ": not a baseline (expected a JSON object)");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals("findings") && p.currentToken() == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String f = p.currentName();
              p.nextToken();
              if (f.equals("fingerprint")) {
                out.add(p.getValueAsString());
              } else {
                p.skipChildren();
              }
            }
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new BaselineException(source + ": invalid baseline JSON: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
    return new Baseline(Set.copyOf(out));
  }

  /** The report without the findings this baseline accepts. */
  public ScanReport filter(ScanReport report) {
    List<FileReport> files = new ArrayList<>();
    for (FileReport f : report.files()) {
      Map<Finding, String> fp = Fingerprints.of(f);
      List<Finding> kept = f.findings().stream().filter(x -> !fingerprints.contains(fp.get(x))).toList();
      files.add(f.withFindings(kept));
    }
    return new ScanReport(files);
  }

  public static String write(ScanReport report) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("version", 1);
      g.writeArrayFieldStart("findings");
      for (FileReport f : report.files()) {
        Map<Finding, String> fp = Fingerprints.of(f);
        for (Finding x : f.findings()) {
          g.writeStartObject();
          g.writeStringField("ruleId", x.ruleId());
          g.writeStringField("path", f.path());
          g.writeStringField("fingerprint", fp.get(x));
          g.writeStringField("message", x.message());
          g.writeEndObject();
        }
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return out + "\n";
  }
}
