package dev.bulwark.vuln.osv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.vuln.version.VersionScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one OSV record (schema 1.x) from its JSON text. Pure: text in, {@link Advisory} or a reason out.
 *
 * <p>What it checks, because matching would otherwise be silently wrong: an {@code id}; each range's {@code type};
 * each event holding exactly one known key with a string version; at least one {@code introduced} per SEMVER or
 * ECOSYSTEM range (the schema requires it, and without one the range matches nothing); and every event version
 * being one the range's scheme accepts ({@code "0"} and {@code limit "*"} apart). Events are then sorted by that
 * scheme. An {@code affected[]} entry without a {@code package} (GIT-only) is dropped: package matching cannot use it.
 */
public final class OsvParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OsvParser() {}

  /** The record in {@code json}; {@link OsvFormatException} names what is wrong (the caller adds where). */
  public static Advisory parse(String json) throws OsvFormatException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new OsvFormatException("not JSON: " + e.getOriginalMessage());
    }
    return parse(root);
  }

  /** The record in an already-read tree. */
  public static Advisory parse(JsonNode root) throws OsvFormatException {
    if (root == null || !root.isObject()) throw new OsvFormatException("not a JSON object");
    String id = text(root, "id");
    if (id == null || id.isBlank()) throw new OsvFormatException("not an OSV record: no string \"id\"");
    try {
      List<Affected> affected = new ArrayList<>();
      for (JsonNode a : array(root, "affected")) {
        Affected one = affected(a);
        if (one != null) affected.add(one);
      }
      List<Advisory.Severity> severity = new ArrayList<>();
      for (JsonNode s : array(root, "severity")) {
        severity.add(new Advisory.Severity(text(s, "type"), text(s, "score")));
      }
      List<String> aliases = new ArrayList<>();
      for (JsonNode s : array(root, "aliases")) {
        if (s.isTextual()) aliases.add(s.asText());
      }
      JsonNode dbSpecific = root.get("database_specific");
      String dbSeverity = dbSpecific != null && dbSpecific.isObject() ? text(dbSpecific, "severity") : null;
      return new Advisory(id, aliases, text(root, "summary"), severity, dbSeverity, text(root, "published"),
          text(root, "modified"), text(root, "withdrawn"), affected);
    } catch (OsvFormatException e) {
      throw new OsvFormatException(id + ": " + e.getMessage());
    }
  }

  private static Affected affected(JsonNode a) throws OsvFormatException {
    JsonNode pkg = a.get("package");
    if (pkg == null || !pkg.isObject()) return null;
    String ecosystem = text(pkg, "ecosystem");
    String name = text(pkg, "name");
    if (ecosystem == null || name == null) throw new OsvFormatException("affected package without ecosystem or name");
    List<Range> ranges = new ArrayList<>();
    for (JsonNode r : array(a, "ranges")) ranges.add(range(r, ecosystem, name));
    List<String> versions = new ArrayList<>();
    for (JsonNode v : array(a, "versions")) {
      if (!v.isTextual()) throw new OsvFormatException(name + ": a version in versions[] is not a string");
      versions.add(v.asText());
    }
    return new Affected(ecosystem, name, text(pkg, "purl"), ranges, versions, null, null, imports(a, name));
  }

  /** {@code ecosystem_specific.imports[]} of a Go record: the packages and symbols with the vulnerable code. */
  private static List<Affected.Import> imports(JsonNode a, String name) throws OsvFormatException {
    JsonNode specific = a.get("ecosystem_specific");
    if (specific == null || !specific.isObject()) return List.of();
    List<Affected.Import> out = new ArrayList<>();
    for (JsonNode i : array(specific, "imports")) {
      if (!i.isObject()) throw new OsvFormatException(name + ": an entry of ecosystem_specific.imports[] is not an object");
      String path = text(i, "path");
      if (path == null) throw new OsvFormatException(name + ": an entry of ecosystem_specific.imports[] has no path");
      out.add(new Affected.Import(path, strings(i, "symbols", name), strings(i, "goos", name), strings(i, "goarch", name)));
    }
    return out;
  }

  private static List<String> strings(JsonNode node, String field, String name) throws OsvFormatException {
    List<String> out = new ArrayList<>();
    for (JsonNode v : array(node, field)) {
      if (!v.isTextual()) throw new OsvFormatException(name + ": a value of ecosystem_specific.imports[]." + field + " is not a string");
      out.add(v.asText());
    }
    return out;
  }

  private static Range range(JsonNode r, String ecosystem, String name) throws OsvFormatException {
    String typeName = text(r, "type");
    Range.Type type;
    try {
      type = typeName == null ? null : Range.Type.valueOf(typeName);
    } catch (IllegalArgumentException e) {
      type = null;
    }
    if (type == null) throw new OsvFormatException(name + ": range type " + (typeName == null ? "missing" : "'" + typeName + "' unknown"));
    List<Range.Event> events = new ArrayList<>();
    boolean introduced = false;
    for (JsonNode e : array(r, "events")) {
      if (!e.isObject() || e.size() != 1) throw new OsvFormatException(name + ": an event must hold exactly one key");
      Map.Entry<String, JsonNode> field = e.fields().next();
      Range.Kind kind = Range.Kind.ofKey(field.getKey());
      if (kind == null) throw new OsvFormatException(name + ": unknown event '" + field.getKey() + "'");
      if (!field.getValue().isTextual()) throw new OsvFormatException(name + ": event " + field.getKey() + " is not a string");
      events.add(new Range.Event(kind, field.getValue().asText()));
      introduced |= kind == Range.Kind.INTRODUCED;
    }
    if (type == Range.Type.GIT) return new Range(type, events);
    if (!introduced) throw new OsvFormatException(name + ": " + type + " range without an introduced event");
    Optional<VersionScheme> scheme = RangeSchemes.forRange(type, ecosystem);
    if (scheme.isEmpty()) return new Range(type, events);
    VersionScheme s = scheme.get();
    for (Range.Event e : events) {
      if (RangeSchemes.rank(e) == 1 && !s.isValid(e.version())) {
        throw new OsvFormatException(name + ": " + e.kind().key() + " version '" + e.version() + "' is not valid " + s.name());
      }
    }
    events.sort(RangeSchemes.eventOrder(s));
    return new Range(type, events);
  }

  private static Iterable<JsonNode> array(JsonNode node, String field) throws OsvFormatException {
    JsonNode a = node.get(field);
    if (a == null || a.isNull()) return List.of();
    if (!a.isArray()) throw new OsvFormatException(field + " is not an array");
    return a::elements;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }
}
