package dev.bulwark.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.bulwark.core.Finding;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accepted findings: {@code --write-baseline FILE} records today's findings by fingerprint;
 * {@code --baseline FILE} then reports only what is new. Format:
 * {@code {"version": 2, "findings": [{"ruleId", "path", "fingerprint", "message"}]}}.
 *
 * <p>Version 2 fingerprints a file by its path relative to a {@link Root} (the CLI uses the
 * baseline file's directory), so {@code scan .}, {@code scan ./Dockerfile} and a scan from another
 * directory agree, as git's paths do. Version 1 fingerprinted the path as typed; such baselines
 * are still read that way.
 */
public record Baseline(int version, Set<String> fingerprints) {
  /** The version {@link #write} writes. */
  public static final int VERSION = 2;
  private static final JsonFactory FACTORY = new JsonFactory();

  public Baseline {
    fingerprints = Set.copyOf(fingerprints);
  }

  /** Raised for a file that is not a Bulwark baseline. */
  public static final class BaselineException extends Exception {
    public BaselineException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * What scanned paths are relative to: {@code dir}, for paths typed relative to {@code workingDir}
   * (both absolute). Pure: the caller finds them out.
   */
  public record Root(Path dir, Path workingDir) {
    /** {@code path} relative to {@code dir}, with / separators; outside it, absolute. */
    String key(String path) {
      try {
        Path p = workingDir.resolve(path).normalize();
        Path d = dir.normalize();
        return (p.startsWith(d) ? d.relativize(p) : p).toString().replace('\\', '/');
      } catch (InvalidPathException e) {
        return path;
      }
    }
  }

  public static Baseline parse(String json, String source) throws BaselineException {
    Set<String> out = new HashSet<>();
    Integer version = null;
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BaselineException(source + ": not a baseline (expected a JSON object)");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("version")) {
          if (value != JsonToken.VALUE_NUMBER_INT || p.getIntValue() < 1 || p.getIntValue() > VERSION) {
            throw new BaselineException(source + ": unsupported baseline version " + p.getText() + " (this Bulwark reads 1 to " + VERSION
                + "; a newer Bulwark wrote it?)");
          }
          version = p.getIntValue();
        } else if (field.equals("findings")) {
          if (value != JsonToken.START_ARRAY) {
            throw new BaselineException(source + ": \"findings\" must be a list");
          }
          readFindings(p, out);
        } else {
          p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new BaselineException(source + ": unexpected content after the baseline's closing '}'");
      }
    } catch (IOException e) {
      throw new BaselineException(source + ": invalid baseline JSON: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
    if (version == null) {
      throw new BaselineException(source + ": not a baseline (no \"version\")");
    }
    return new Baseline(version, out);
  }

  private static void readFindings(JsonParser p, Set<String> out) throws IOException {
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
  }

  /** The report without the findings this baseline accepts; {@code root} places its paths. */
  public ScanReport filter(ScanReport report, Root root) {
    List<FileReport> files = new ArrayList<>();
    for (FileReport f : report.files()) {
      Map<Finding, String> fp = Fingerprints.of(f, version == 1 ? f.path() : root.key(f.path()));
      List<Finding> kept = f.findings().stream().filter(x -> !fingerprints.contains(fp.get(x))).toList();
      files.add(f.withFindings(kept));
    }
    return new ScanReport(files);
  }

  /** Today's findings as a baseline whose paths are relative to {@code root}. */
  public static String write(ScanReport report, Root root) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("version", VERSION);
      g.writeArrayFieldStart("findings");
      for (FileReport f : report.files()) {
        String path = root.key(f.path());
        Map<Finding, String> fp = Fingerprints.of(f, path);
        for (Finding x : f.findings()) {
          g.writeStartObject();
          g.writeStringField("ruleId", x.ruleId());
          g.writeStringField("path", path);
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
