package dev.bulwark.guide;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Location;
import dev.bulwark.core.Severity;
import dev.bulwark.guide.Guide.TimelineRow;
import dev.bulwark.guide.Guide.VariantView;
import dev.bulwark.harden.HardenResult;
import dev.bulwark.report.FileReport;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/** The guide as JSON (schema version 1): the same values as the Markdown, for dashboards and gates. */
public final class GuideJson {
  private GuideJson() {}

  public static String render(Guide g) {
    StringWriter w = new StringWriter();
    try (JsonGenerator j = new JsonFactory().createGenerator(w).useDefaultPrettyPrinter()) {
      GuideInput in = g.input();
      j.writeStartObject();
      j.writeNumberField("schemaVersion", 1);
      j.writeStringField("project", in.project());
      j.writeStringField("dockerfile", in.dockerfile());
      j.writeStringField("asOf", in.asOf().toString());
      j.writeStringField("summary", Guide.sentence(g.counts()));
      counts(j, "counts", g.counts());
      j.writeFieldName("grade");
      grade(j, g.gradeBefore());
      j.writeArrayFieldStart("findings");
      for (FileReport f : in.projectScan().files()) {
        for (Finding x : f.findings()) {
          j.writeStartObject();
          j.writeStringField("rule", x.ruleId());
          j.writeStringField("severity", x.severity().label());
          j.writeStringField("title", x.rule().title());
          j.writeStringField("message", x.message());
          j.writeStringField("file", f.path());
          if (x.location() instanceof Location.Text t) {
            j.writeNumberField("line", t.span().startLine());
            j.writeNumberField("column", t.span().startColumn());
          }
          j.writeEndObject();
        }
      }
      j.writeEndArray();
      j.writeArrayFieldStart("doneWell");
      for (String d : g.doneWell()) {
        j.writeString(d);
      }
      j.writeEndArray();
      j.writeArrayFieldStart("variants");
      for (VariantView v : g.variants()) {
        j.writeStartObject();
        j.writeStringField("variant", v.outcome().variant().id());
        j.writeStringField("file", v.outcome().file());
        if (v.outcome().result() instanceof HardenResult.Refused r) {
          j.writeStringField("refused", r.reason().name().toLowerCase(java.util.Locale.ROOT));
          j.writeStringField("reason", r.message());
        } else {
          j.writeStringField("base", v.outcome().runtime().base());
          counts(j, "counts", v.counts());
          j.writeFieldName("grade");
          grade(j, v.grade());
        }
        j.writeEndObject();
      }
      j.writeEndArray();
      j.writeObjectFieldStart("images");
      for (Map.Entry<String, GuideInput.ImageFacts> e : in.images().entrySet()) {
        GuideInput.ImageFacts i = e.getValue();
        j.writeObjectFieldStart(e.getKey());
        j.writeStringField("reference", i.reference());
        j.writeStringField("user", i.user());
        j.writeNumberField("sizeBytes", i.sizeBytes());
        j.writeNumberField("executables", i.executables());
        j.writeArrayFieldStart("shells");
        for (String s : i.shells()) {
          j.writeString(s);
        }
        j.writeEndArray();
        j.writeArrayFieldStart("packageManagers");
        for (String s : i.packageManagers()) {
          j.writeString(s);
        }
        j.writeEndArray();
        if (i.vulns().isPresent()) {
          counts(j, "vulnerabilities", i.vulns().get().counts());
        }
        j.writeEndObject();
      }
      j.writeEndObject();
      j.writeArrayFieldStart("timeline");
      for (TimelineRow r : g.timeline()) {
        j.writeStartObject();
        j.writeStringField("when", r.when());
        j.writeStringField("action", r.action());
        j.writeStringField("why", r.why());
        j.writeEndObject();
      }
      j.writeEndArray();
      j.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return w + "\n";
  }

  private static void counts(JsonGenerator j, String field, Map<Severity, Integer> counts) throws IOException {
    j.writeObjectFieldStart(field);
    for (Severity s : Severity.values()) {
      j.writeNumberField(s.label(), counts.getOrDefault(s, 0));
    }
    j.writeEndObject();
  }

  private static void grade(JsonGenerator j, Grade.Result r) throws IOException {
    j.writeStartObject();
    j.writeStringField("letter", r.letter());
    j.writeNumberField("score", r.score());
    j.writeNumberField("earned", r.earned());
    j.writeNumberField("possible", r.possible());
    j.writeBooleanField("imageMeasured", r.imageMeasured());
    j.writeArrayFieldStart("checks");
    for (Grade.Check c : r.checks()) {
      j.writeStartObject();
      j.writeStringField("id", c.id());
      j.writeNumberField("points", c.points());
      if (c.measured()) {
        j.writeNumberField("earned", c.earned());
      } else {
        j.writeNullField("earned");
      }
      j.writeStringField("why", c.why());
      j.writeEndObject();
    }
    j.writeEndArray();
    j.writeArrayFieldStart("caps");
    for (Grade.Cap c : r.caps()) {
      j.writeStartObject();
      j.writeStringField("letter", c.letter());
      j.writeStringField("why", c.why());
      j.writeEndObject();
    }
    j.writeEndArray();
    j.writeEndObject();
  }
}
