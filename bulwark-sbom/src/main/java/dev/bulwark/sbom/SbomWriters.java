package dev.bulwark.sbom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * SBOM formats: CycloneDX 1.6 JSON, SPDX 2.3 JSON, Bulwark's JSON and a text table. Output is
 * deterministic for a given SBOM and timestamp (serial numbers and namespaces derive from the
 * content), so it can be diffed and golden-tested.
 */
public final class SbomWriters {
  private static final JsonFactory FACTORY = new JsonFactory();

  private SbomWriters() {}

  /** A name-based UUID of the SBOM's content: the same image gives the same serial number. */
  static UUID contentId(Sbom sbom) {
    StringBuilder sb = new StringBuilder(sbom.name());
    for (Package p : sbom.packages()) {
      sb.append('\n').append(p.purlString());
    }
    return UUID.nameUUIDFromBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  public static String cyclonedx(Sbom sbom, String toolVersion, Instant timestamp) throws IOException {
    return cyclonedx(sbom, toolVersion, timestamp, List.of());
  }

  /**
   * CycloneDX 1.6 with a {@code vulnerabilities} section (when {@code vulns} is not empty): each affects the bom-refs of
   * its packages' components, and carries its VEX analysis when one was given.
   */
  public static String cyclonedx(Sbom sbom, String toolVersion, Instant timestamp, List<BomVulnerability> vulns) throws IOException {
    StringWriter out = new StringWriter();
    Map<Package, String> refOf = new IdentityHashMap<>();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("bomFormat", "CycloneDX");
      g.writeStringField("specVersion", "1.6");
      g.writeStringField("serialNumber", "urn:uuid:" + contentId(sbom));
      g.writeNumberField("version", 1);
      g.writeObjectFieldStart("metadata");
      g.writeStringField("timestamp", timestamp.toString());
      g.writeObjectFieldStart("tools");
      g.writeArrayFieldStart("components");
      g.writeStartObject();
      g.writeStringField("type", "application");
      g.writeStringField("name", "bulwark");
      g.writeStringField("version", toolVersion);
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
      g.writeObjectFieldStart("component");
      g.writeStringField("type", "container");
      g.writeStringField("bom-ref", "image");
      g.writeStringField("name", sbom.name());
      g.writeEndObject();
      if (!sbom.gaps().isEmpty()) {
        g.writeArrayFieldStart("properties");
        for (String gap : sbom.gaps()) {
          g.writeStartObject();
          g.writeStringField("name", "bulwark:gap");
          g.writeStringField("value", gap);
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeArrayFieldStart("components");
      if (sbom.os() != null) {
        g.writeStartObject();
        g.writeStringField("type", "operating-system");
        g.writeStringField("bom-ref", "os");
        g.writeStringField("name", sbom.os().id());
        if (sbom.os().version() != null) {
          g.writeStringField("version", sbom.os().version());
        }
        g.writeStringField("description", sbom.os().name());
        g.writeEndObject();
      }
      Set<String> refs = new HashSet<>();
      for (Package p : sbom.packages()) {
        String purl = p.purlString();
        String ref = purl == null ? p.ecosystem().displayName() + ":" + p.name() + "@" + p.version() : purl;
        for (int n = 2; !refs.add(ref); n++) {
          ref = purl + "#" + n;
        }
        refOf.put(p, ref);
        g.writeStartObject();
        g.writeStringField("type", "library");
        g.writeStringField("bom-ref", ref);
        g.writeStringField("name", p.name());
        g.writeStringField("version", p.version());
        if (purl != null) {
          g.writeStringField("purl", purl);
        }
        if (p.license() != null && !p.license().isBlank()) {
          g.writeArrayFieldStart("licenses");
          g.writeStartObject();
          g.writeObjectFieldStart("license");
          g.writeStringField("name", p.license());
          g.writeEndObject();
          g.writeEndObject();
          g.writeEndArray();
        }
        g.writeArrayFieldStart("properties");
        property(g, "bulwark:package:type", p.ecosystem().displayName());
        property(g, "bulwark:layer:index", String.valueOf(p.location().layer()));
        property(g, "bulwark:location", p.location().path());
        if (p.source() != null && !p.source().equals(p.name())) {
          property(g, "bulwark:package:source", p.source() + "@" + p.sourceVersion());
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      if (!vulns.isEmpty()) {
        writeVulnerabilities(g, vulns, refOf);
      }
      g.writeEndObject();
    }
    return out + "\n";
  }

  private static void writeVulnerabilities(JsonGenerator g, List<BomVulnerability> vulns, Map<Package, String> refOf) throws IOException {
    g.writeArrayFieldStart("vulnerabilities");
    for (BomVulnerability v : vulns) {
      g.writeStartObject();
      g.writeStringField("id", v.id());
      if (v.sourceName() != null) {
        g.writeObjectFieldStart("source");
        g.writeStringField("name", v.sourceName());
        if (v.sourceUrl() != null) {
          g.writeStringField("url", v.sourceUrl());
        }
        g.writeEndObject();
      }
      if (!v.aliases().isEmpty()) {
        g.writeArrayFieldStart("references");
        for (String a : v.aliases()) {
          g.writeStartObject();
          g.writeStringField("id", a);
          g.writeObjectFieldStart("source");
          g.writeStringField("name", BomVulnerability.publisher(a));
          g.writeEndObject();
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeArrayFieldStart("ratings");
      for (BomVulnerability.Rating r : v.ratings()) {
        g.writeStartObject();
        g.writeObjectFieldStart("source");
        g.writeStringField("name", r.sourceName());
        g.writeEndObject();
        if (r.score() != null) {
          g.writeNumberField("score", r.score());
        }
        g.writeStringField("severity", r.severity());
        g.writeStringField("method", r.method());
        g.writeEndObject();
      }
      g.writeEndArray();
      if (v.description() != null) {
        g.writeStringField("description", v.description());
      }
      if (v.recommendation() != null) {
        g.writeStringField("recommendation", v.recommendation());
      }
      if (v.analysis() != null) {
        BomVulnerability.Analysis a = v.analysis();
        g.writeObjectFieldStart("analysis");
        g.writeStringField("state", a.state());
        if (a.justification() != null) {
          g.writeStringField("justification", a.justification());
        }
        if (!a.response().isEmpty()) {
          g.writeArrayFieldStart("response");
          for (String r : a.response()) {
            g.writeString(r);
          }
          g.writeEndArray();
        }
        if (a.detail() != null) {
          g.writeStringField("detail", a.detail());
        }
        g.writeEndObject();
      }
      g.writeArrayFieldStart("affects");
      Set<String> written = new HashSet<>();
      for (Package p : v.affected()) {
        String ref = refOf.get(p);
        if (ref != null && written.add(ref)) {
          g.writeStartObject();
          g.writeStringField("ref", ref);
          g.writeEndObject();
        }
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
  }


  private static void property(JsonGenerator g, String name, String value) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", name);
    g.writeStringField("value", value);
    g.writeEndObject();
  }

  public static String spdx(Sbom sbom, String toolVersion, Instant timestamp) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("spdxVersion", "SPDX-2.3");
      g.writeStringField("dataLicense", "CC0-1.0");
      g.writeStringField("SPDXID", "SPDXRef-DOCUMENT");
      g.writeStringField("name", sbom.name());
      g.writeStringField("documentNamespace", "https://bulwark.dev/spdx/" + sbom.name().replaceAll("[^A-Za-z0-9._-]", "-") + "-" + contentId(sbom));
      g.writeObjectFieldStart("creationInfo");
      g.writeStringField("created", timestamp.toString());
      g.writeArrayFieldStart("creators");
      g.writeString("Tool: bulwark-" + toolVersion);
      g.writeEndArray();
      if (!sbom.gaps().isEmpty()) {
        g.writeStringField("comment", "Incomplete: " + String.join("; ", sbom.gaps()));
      }
      g.writeEndObject();
      g.writeArrayFieldStart("packages");
      spdxPackage(g, "SPDXRef-Image", sbom.name(), null, null);
      int i = 0;
      for (Package p : sbom.packages()) {
        spdxPackage(g, "SPDXRef-Package-" + (++i), p.name(), p.version(), p.purlString());
      }
      g.writeEndArray();
      g.writeArrayFieldStart("relationships");
      relationship(g, "SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-Image");
      for (int k = 1; k <= sbom.packages().size(); k++) {
        relationship(g, "SPDXRef-Image", "CONTAINS", "SPDXRef-Package-" + k);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return out + "\n";
  }

  private static void spdxPackage(JsonGenerator g, String id, String name, String version, String purl) throws IOException {
    g.writeStartObject();
    g.writeStringField("SPDXID", id);
    g.writeStringField("name", name);
    if (version != null) {
      g.writeStringField("versionInfo", version);
    }
    g.writeStringField("downloadLocation", "NOASSERTION");
    g.writeBooleanField("filesAnalyzed", false);
    g.writeStringField("licenseConcluded", "NOASSERTION");
    g.writeStringField("licenseDeclared", "NOASSERTION");
    g.writeStringField("copyrightText", "NOASSERTION");
    if (purl != null) {
      g.writeArrayFieldStart("externalRefs");
      g.writeStartObject();
      g.writeStringField("referenceCategory", "PACKAGE-MANAGER");
      g.writeStringField("referenceType", "purl");
      g.writeStringField("referenceLocator", purl);
      g.writeEndObject();
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void relationship(JsonGenerator g, String from, String type, String to) throws IOException {
    g.writeStartObject();
    g.writeStringField("spdxElementId", from);
    g.writeStringField("relationshipType", type);
    g.writeStringField("relatedSpdxElement", to);
    g.writeEndObject();
  }

  /** Bulwark's own JSON: the SBOM record as it is. */
  public static String json(Sbom sbom) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("schemaVersion", 1);
      g.writeStringField("image", sbom.name());
      g.writeStringField("layout", sbom.format());
      g.writeStringField("architecture", sbom.architecture());
      if (sbom.os() != null) {
        g.writeObjectFieldStart("os");
        g.writeStringField("id", sbom.os().id());
        g.writeStringField("version", sbom.os().version());
        g.writeStringField("name", sbom.os().name());
        g.writeEndObject();
      }
      g.writeArrayFieldStart("packages");
      for (Package p : sbom.packages()) {
        g.writeStartObject();
        g.writeStringField("type", p.ecosystem().displayName());
        g.writeStringField("name", p.name());
        g.writeStringField("version", p.version());
        g.writeStringField("arch", p.arch());
        g.writeStringField("source", p.source());
        g.writeStringField("sourceVersion", p.sourceVersion());
        g.writeStringField("license", p.license());
        g.writeStringField("purl", p.purlString());
        g.writeNumberField("layer", p.location().layer());
        g.writeStringField("location", p.location().path());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("gaps");
      for (String gap : sbom.gaps()) {
        g.writeString(gap);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return out + "\n";
  }

  /** A text table: one package per line. */
  public static String table(Sbom sbom) {
    StringBuilder sb = new StringBuilder();
    sb.append(sbom.name()).append(" (").append(sbom.format()).append(", ")
        .append(sbom.os() == null ? "unknown OS" : sbom.os().name()).append(")\n");
    int nw = 4;
    int vw = 7;
    for (Package p : sbom.packages()) {
      nw = Math.max(nw, p.name().length());
      vw = Math.max(vw, p.version().length());
    }
    String fmt = "%-" + nw + "s  %-" + vw + "s  %-4s  %5s%n";
    sb.append(String.format(fmt, "NAME", "VERSION", "TYPE", "LAYER"));
    for (Package p : sbom.packages()) {
      sb.append(String.format(fmt, p.name(), p.version(), p.ecosystem().displayName(), p.location().layer()));
    }
    sb.append(sbom.packages().size()).append(sbom.packages().size() == 1 ? " package\n" : " packages\n");
    for (String gap : sbom.gaps()) {
      sb.append("incomplete: ").append(gap).append('\n');
    }
    return sb.toString();
  }
}
