package dev.bulwark.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.core.fix.Edit;
import dev.bulwark.core.fix.Fix;
import dev.bulwark.core.text.Span;
import java.io.IOException;

/** A finding's fix as JSON (Bulwark's own shape) and as a SARIF 2.1.0 {@code fix} object. */
final class FixJson {
  private FixJson() {}

  /** {@code "fix": {description, safe, edits: [{line, column, endLine, endColumn, offset, length, text}]}}. */
  static void writeJson(JsonGenerator g, Fix fix) throws IOException {
    g.writeObjectFieldStart("fix");
    g.writeStringField("description", fix.description());
    g.writeBooleanField("safe", fix.isSafe());
    g.writeArrayFieldStart("edits");
    for (Edit e : fix.edits()) {
      Span s = e.span();
      g.writeStartObject();
      g.writeNumberField("line", s.startLine());
      g.writeNumberField("column", s.startColumn());
      g.writeNumberField("endLine", s.endLine());
      g.writeNumberField("endColumn", s.endColumn());
      g.writeNumberField("offset", s.startOffset());
      g.writeNumberField("length", s.endOffset() - s.startOffset());
      g.writeStringField("text", e.replacement());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /**
   * {@code "fixes": [{description, artifactChanges: [{artifactLocation, replacements: [{deletedRegion,
   * insertedContent}]}], properties: {safe}}]}: an insertion is an empty deleted region. Offsets are
   * UTF-16 code units, SARIF's default column kind.
   */
  static void writeSarif(JsonGenerator g, Fix fix, String uri, boolean relative) throws IOException {
    g.writeArrayFieldStart("fixes");
    g.writeStartObject();
    g.writeObjectFieldStart("description");
    g.writeStringField("text", fix.description());
    g.writeEndObject();
    g.writeArrayFieldStart("artifactChanges");
    g.writeStartObject();
    g.writeObjectFieldStart("artifactLocation");
    g.writeStringField("uri", uri);
    if (relative) {
      g.writeStringField("uriBaseId", "%SRCROOT%");
    }
    g.writeEndObject();
    g.writeArrayFieldStart("replacements");
    for (Edit e : fix.edits()) {
      Span s = e.span();
      g.writeStartObject();
      g.writeObjectFieldStart("deletedRegion");
      g.writeNumberField("startLine", s.startLine());
      g.writeNumberField("startColumn", s.startColumn());
      g.writeNumberField("endLine", s.endLine());
      g.writeNumberField("endColumn", s.endColumn());
      g.writeNumberField("charOffset", s.startOffset());
      g.writeNumberField("charLength", s.endOffset() - s.startOffset());
      g.writeEndObject();
      if (!e.replacement().isEmpty()) {
        g.writeObjectFieldStart("insertedContent");
        g.writeStringField("text", e.replacement());
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndArray();
    g.writeObjectFieldStart("properties");
    g.writeBooleanField("safe", fix.isSafe());
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndArray();
  }
}
