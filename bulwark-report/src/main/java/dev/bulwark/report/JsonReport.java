package dev.bulwark.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Location;
import dev.bulwark.core.Severity;
import dev.bulwark.core.VulnerablePackage;
import java.io.IOException;
import java.io.Writer;

/**
 * The machine format, schema version 1: {@code {schemaVersion, tool, summary, files: [{path,
 * error?, purpose?: {kind, source, reason}, findings: [{ruleId, severity, title, message, line, column, endLine, endColumn,
 * stage, aliases, fix?: {description, safe, edits: [{line, column, endLine, endColumn, offset, length, text}]},
 * package?: {name, installed, fixedIn, note?, binaries, layer?, origin?: base|added}}],
 * suppressed?: [{the finding's fields, status, justification, detail, source}]}]}}. Fields are only ever added within a schema version.
 */
public final class JsonReport implements ReportWriter {
  public static final int SCHEMA_VERSION = 1;
  private static final JsonFactory FACTORY = new JsonFactory();
  private final String toolVersion;

  public JsonReport(String toolVersion) {
    this.toolVersion = toolVersion;
  }

  /** Text findings keep the flat line/column fields of schema 1; image findings say which config field or layer file. */
  private static void writeLocation(JsonGenerator g, Location location) throws IOException {
    // an instanceof chain, not a pattern switch (whose bootstrap costs start-up time)
    if (location instanceof Location.Text t) {
      g.writeNumberField("line", t.span().startLine());
      g.writeNumberField("column", t.span().startColumn());
      g.writeNumberField("endLine", t.span().endLine());
      g.writeNumberField("endColumn", t.span().endColumn());
      return;
    }
    g.writeObjectFieldStart("location");
    if (location instanceof Location.ImageConfig c) {
      g.writeStringField("kind", "image-config");
      g.writeStringField("field", c.field());
    } else if (location instanceof Location.LayerFile f) {
      g.writeStringField("kind", "layer-file");
      g.writeNumberField("layer", f.layer());
      g.writeStringField("diffId", f.diffId());
      g.writeStringField("path", "/" + f.path());
    } else if (location instanceof Location.Package p) {
      g.writeStringField("kind", "package");
      g.writeStringField("purl", p.purl());
      g.writeStringField("path", p.path());
    }
    g.writeEndObject();
  }

  /** A finding's fields, inside its object. */
  private static void writeFinding(JsonGenerator g, Finding x) throws IOException {
    g.writeStringField("ruleId", x.ruleId());
    g.writeStringField("severity", x.severity().label());
    g.writeStringField("title", x.rule().title());
    g.writeStringField("message", x.message());
    writeLocation(g, x.location());
    g.writeStringField("stage", x.stage());
    g.writeArrayFieldStart("aliases");
    for (String a : x.aliases()) { // this occurrence's ids (DL3009 for apt lists), not every id of the rule
      g.writeString(a);
    }
    g.writeEndArray();
    if (x.fix().isPresent()) {
      FixJson.writeJson(g, x.fix().get());
    }
    if (x.vulnerable().isPresent()) {
      writePackage(g, x.vulnerable().get());
    }
  }

  /** A vulnerability's package as values (Trivy's PkgName, InstalledVersion, FixedVersion): a consumer need not parse the message. */
  private static void writePackage(JsonGenerator g, VulnerablePackage p) throws IOException {
    g.writeObjectFieldStart("package");
    g.writeStringField("name", p.name());
    g.writeStringField("installed", p.installed());
    g.writeStringField("fixedIn", p.fixedIn());
    if (p.note() != null) {
      g.writeStringField("note", p.note());
    }
    g.writeArrayFieldStart("binaries");
    for (String b : p.binaries()) {
      g.writeString(b);
    }
    g.writeEndArray();
    if (p.layer() >= 0) {
      g.writeNumberField("layer", p.layer());
    }
    if (p.origin() != VulnerablePackage.Origin.UNKNOWN) {
      g.writeStringField("origin", p.origin() == VulnerablePackage.Origin.BASE ? "base" : "added");
    }
    g.writeEndObject();
  }

  @Override
  public void write(ScanReport report, Appendable out) throws IOException {
    Writer w = new AppendableWriter(out);
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("schemaVersion", SCHEMA_VERSION);
      g.writeObjectFieldStart("tool");
      g.writeStringField("name", "bulwark");
      g.writeStringField("version", toolVersion);
      g.writeEndObject();
      g.writeObjectFieldStart("summary");
      g.writeNumberField("files", report.files().size());
      g.writeNumberField("findings", report.findingCount());
      var counts = report.counts();
      for (Severity s : Severity.values()) {
        g.writeNumberField(s.label(), counts.getOrDefault(s, 0));
      }
      g.writeEndObject();
      g.writeArrayFieldStart("files");
      for (FileReport f : report.files()) {
        g.writeStartObject();
        g.writeStringField("path", f.path());
        if (f.error() != null) {
          g.writeStringField("error", f.error());
        }
        if (!f.warnings().isEmpty()) {
          g.writeArrayFieldStart("warnings");
          for (String warning : f.warnings()) {
            g.writeString(warning);
          }
          g.writeEndArray();
        }
        if (f.purpose() != null) {
          g.writeObjectFieldStart("purpose");
          g.writeStringField("kind", f.purpose().purpose().key());
          g.writeStringField("source", f.purpose().source().key());
          g.writeStringField("reason", f.purpose().reason());
          g.writeEndObject();
        }
        g.writeArrayFieldStart("findings");
        for (Finding x : f.findings()) {
          g.writeStartObject();
          writeFinding(g, x);
          g.writeEndObject();
        }
        g.writeEndArray();
        if (!f.suppressed().isEmpty()) { // only when there are some: reports without VEX or an ignore file are unchanged
          g.writeArrayFieldStart("suppressed");
          for (Suppressed x : f.suppressed()) {
            g.writeStartObject();
            writeFinding(g, x.finding());
            g.writeStringField("status", x.status());
            g.writeStringField("justification", x.justification());
            g.writeStringField("detail", x.detail());
            g.writeStringField("source", x.source());
            g.writeEndObject();
          }
          g.writeEndArray();
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.append('\n');
  }

  /** Lets the JSON generator write to any Appendable without closing it. */
  static final class AppendableWriter extends Writer {
    private final Appendable out;

    AppendableWriter(Appendable out) {
      this.out = out;
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
      out.append(java.nio.CharBuffer.wrap(buf, off, len));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
