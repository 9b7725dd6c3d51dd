package dev.bulwark.sbom;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads SBOM documents back into the model: CycloneDX 1.4 to 1.6 JSON, SPDX 2.2 and 2.3 JSON, and
 * Bulwark's own JSON. A document gives what its format carries: Bulwark's JSON all of the model,
 * CycloneDX (as Bulwark writes it) all but the image layout and architecture, SPDX the packages'
 * names, versions and purls (the ecosystem and architecture come from the purl). Other tools' documents
 * give the source package of OS packages the way they record it: the purl's {@code upstream} qualifier
 * (Syft, Bulwark), Trivy's {@code aquasecurity:trivy:Src*} and Syft's {@code syft:metadata:source*}
 * properties, Trivy's SPDX {@code sourceInfo}.
 *
 * <p>Input is untrusted, and read in bounded memory: the size and nesting are bounded before and while
 * parsing, the document is streamed (a first pass reads only its top-level scalars to know its format,
 * the second turns one list element at a time into packages, each element at most
 * {@link #MAX_ELEMENT_NODES} JSON values), at most {@link #MAX_PACKAGES} packages are kept, and a field of
 * the wrong type is an error rather than read as absent. Every problem is a {@link SbomFormatException}
 * with a one-line reason.
 */
public final class SbomReader {
  /** Default bounds: an image SBOM with tens of thousands of packages is a few tens of MiB, and nests a few levels deep. */
  public static final SbomReader DEFAULT = new SbomReader(64L << 20, 64);
  /** Packages kept from one document: as many as one package database of an image may list (dpkg, apk). */
  public static final int MAX_PACKAGES = 100_000;
  /** JSON values in one element of a list (a component with its nested ones, a package, a relationship). */
  public static final int MAX_ELEMENT_NODES = 200_000;
  /** One string value: a license text is the longest a real document has. */
  static final int MAX_STRING = 8 << 20;

  private static final Set<String> CYCLONEDX_VERSIONS = Set.of("1.4", "1.5", "1.6");
  private static final Set<String> SPDX_VERSIONS = Set.of("SPDX-2.2", "SPDX-2.3");
  /** CycloneDX component types that are packages (the others describe the image, its OS, files, devices...). */
  private static final Set<String> PACKAGE_TYPES = Set.of("library", "framework", "application");
  private static final String GAP = "bulwark:gap";
  private static final String INCOMPLETE = "Incomplete: ";
  /** Trivy's SPDX names an OS package's source this way. */
  private static final String BUILT_FROM = "built package from: ";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final long maxBytes;
  private final JsonFactory json;

  public SbomReader(long maxBytes, int maxDepth) {
    this.maxBytes = maxBytes;
    this.json = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).maxDocumentLength(maxBytes)
            .maxStringLength(MAX_STRING).build())
        .build();
  }

  /** Reads a file, refusing one larger than the bound before reading it. */
  public Sbom read(Path file) throws IOException, SbomFormatException {
    long size = Files.size(file);
    if (size > maxBytes) {
      throw tooLarge(size);
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    }
  }

  /** Reads at most the bound from {@code in}; a longer stream is refused. */
  public Sbom read(InputStream in) throws IOException, SbomFormatException {
    byte[] doc = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    if (doc.length > maxBytes) {
      throw tooLarge(doc.length);
    }
    return read(doc);
  }

  /** Reads a document in any of the supported formats, told apart by their top-level fields. */
  public Sbom read(byte[] doc) throws SbomFormatException {
    if (doc.length > maxBytes) {
      throw tooLarge(doc.length);
    }
    try {
      Map<String, JsonNode> top = topLevelScalars(doc);
      if (top.containsKey("bomFormat")) {
        return cyclonedx(top, doc);
      }
      if (top.containsKey("spdxVersion")) {
        return spdx(top, doc);
      }
      if (top.containsKey("schemaVersion") && top.containsKey("packages")) {
        return bulwark(top, doc);
      }
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new SbomFormatException("not valid JSON" + where + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new SbomFormatException("cannot read the document: " + e.getMessage(), e);
    }
    throw new SbomFormatException("not an SBOM: no bomFormat (CycloneDX), spdxVersion (SPDX) or schemaVersion (Bulwark JSON)");
  }

  private SbomFormatException tooLarge(long size) {
    return new SbomFormatException("the document is " + size + " bytes; SBOMs larger than " + maxBytes + " bytes are refused");
  }

  /**
   * The first pass: the top-level fields, scalars with their values and containers as a null node (skipped, so the pass
   * keeps nothing of them); it checks the whole document is JSON within the bounds.
   */
  private Map<String, JsonNode> topLevelScalars(byte[] doc) throws IOException, SbomFormatException {
    Map<String, JsonNode> top = new HashMap<>();
    try (JsonParser p = json.createParser(doc)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new SbomFormatException("not an SBOM: the document is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (t.isStructStart()) {
          p.skipChildren();
          top.put(name, NODES.nullNode());
        } else {
          top.put(name, element(p, new int[] {1}, name));
        }
      }
      if (p.nextToken() != null) {
        throw new SbomFormatException("not an SBOM: there is more after the JSON object");
      }
    }
    return top;
  }

  /** What the second pass does with one top-level field: a list's elements one at a time, or the whole (small) value. */
  private interface FieldHandler {
    /** Called with the parser on the value's first token; must consume the value. */
    void handle(String field, JsonParser p) throws IOException, SbomFormatException;
  }

  /** The second pass over the top-level fields; {@code handler} consumes the ones it wants, the rest are skipped. */
  private void fields(byte[] doc, Set<String> wanted, FieldHandler handler) throws IOException, SbomFormatException {
    try (JsonParser p = json.createParser(doc)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (wanted.contains(name)) {
          handler.handle(name, p);
        } else {
          p.skipChildren();
        }
      }
    }
  }

  /** Calls {@code each} with every element of the list the parser is on (null: absent); anything else but a list is an error. */
  private static void eachElement(JsonParser p, String field, ElementHandler each) throws IOException, SbomFormatException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return;
    }
    if (t != JsonToken.START_ARRAY) {
      throw new SbomFormatException(field + " is " + kind(t) + ", not a list");
    }
    while (p.nextToken() != JsonToken.END_ARRAY) {
      each.handle(element(p, new int[] {MAX_ELEMENT_NODES}, field));
    }
  }

  private interface ElementHandler {
    void handle(JsonNode element) throws SbomFormatException;
  }

  /** The value the parser is on as a tree of at most {@code budget[0]} values (nesting is bounded by the parser). */
  private static JsonNode element(JsonParser p, int[] budget, String field) throws IOException, SbomFormatException {
    if (--budget[0] < 0) {
      throw new SbomFormatException("an element of " + field + " holds more than " + MAX_ELEMENT_NODES + " JSON values (the limit)");
    }
    switch (p.currentToken()) {
      case START_OBJECT: {
        ObjectNode o = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          o.set(name, element(p, budget, field));
        }
        return o;
      }
      case START_ARRAY: {
        ArrayNode a = NODES.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          a.add(element(p, budget, field));
        }
        return a;
      }
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? NODES.textNode(p.getText()) : NODES.numberNode(p.getLongValue());
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      default:
        return NODES.nullNode();
    }
  }

  private static String kind(JsonToken t) {
    switch (t) {
      case START_OBJECT: return "an object";
      case VALUE_STRING: return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT: return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE: return "a boolean";
      default: return "a " + t.asString();
    }
  }

  /** Adds a package, refusing more than the bound. */
  private static void add(List<Package> out, Package p) throws SbomFormatException {
    if (out.size() >= MAX_PACKAGES) {
      throw new SbomFormatException("the document lists more than " + MAX_PACKAGES + " packages (the limit)");
    }
    out.add(p);
  }

  private Sbom cyclonedx(Map<String, JsonNode> top, byte[] doc) throws IOException, SbomFormatException {
    if (!"CycloneDX".equals(top.get("bomFormat").asText())) {
      throw new SbomFormatException("not a CycloneDX BOM: bomFormat is " + top.get("bomFormat"));
    }
    String version = top.containsKey("specVersion") ? top.get("specVersion").asText() : "";
    if (!CYCLONEDX_VERSIONS.contains(version)) {
      throw new SbomFormatException("CycloneDX specVersion '" + version + "' is not read (1.4 to 1.6 are)");
    }
    JsonNode[] metadata = {NODES.objectNode()};
    List<Package> packages = new ArrayList<>();
    OperatingSystem[] os = {null};
    fields(doc, Set.of("metadata", "components"), (field, p) -> {
      if (field.equals("metadata")) {
        metadata[0] = element(p, new int[] {MAX_ELEMENT_NODES}, field);
      } else {
        eachElement(p, "components", c -> components(List.of(c), packages, os));
      }
    });
    List<String> gaps = new ArrayList<>();
    for (JsonNode p : array(metadata[0], "properties")) {
      if (GAP.equals(text(p, "name"))) {
        gaps.add(text(p, "value"));
      }
    }
    return new Sbom(text(metadata[0].path("component"), "name"), null, null, os[0], packages, gaps);
  }

  /** Components, with nested ones flattened in document order (nesting is bounded by the parser). */
  private static void components(Iterable<JsonNode> list, List<Package> out, OperatingSystem[] os) throws SbomFormatException {
    for (JsonNode c : list) {
      if (!c.isObject()) {
        throw new SbomFormatException("a CycloneDX component is " + kind(c) + ", not an object");
      }
      String type = text(c, "type");
      if ("operating-system".equals(type) && os[0] == null) {
        os[0] = new OperatingSystem(text(c, "name"), text(c, "version"), text(c, "description"));
      } else if (type != null && PACKAGE_TYPES.contains(type)) {
        add(out, component(c));
      }
      components(array(c, "components"), out, os);
    }
  }

  private static Package component(JsonNode c) throws SbomFormatException {
    String name = required(c, "name", "a CycloneDX component");
    String version = text(c, "version");
    PackageURL purl = purl(text(c, "purl"), name);
    String type = null;
    String source = null;
    int layer = Location.UNKNOWN_LAYER;
    String path = null;
    Map<String, String> foreign = new HashMap<>();
    for (JsonNode p : array(c, "properties")) {
      String value = text(p, "value");
      String key = String.valueOf(text(p, "name"));
      switch (key) {
        case "bulwark:package:type" -> type = value;
        case "bulwark:layer:index" -> layer = layer(value, name);
        case "bulwark:location" -> path = value;
        case "bulwark:package:source" -> source = value;
        default -> {
          if (key.startsWith("aquasecurity:trivy:Src") || key.startsWith("syft:metadata:")) {
            foreign.putIfAbsent(key, value);
          }
        }
      }
    }
    Ecosystem ecosystem = ecosystem(type, purl);
    if (source == null) {
      source = foreignSource(foreign, ecosystem);
    }
    if (source == null) {
      source = upstream(purl, ecosystem);
    }
    String[] src = source(source, name, version);
    return new Package(ecosystem, name, version, arch(purl), src[0], src[1], license(c), purl, new Location(layer, path));
  }

  /**
   * The source package as {@code name@version} (or a bare name) from Trivy's or Syft's CycloneDX properties, for OS
   * packages; null when they name none. Trivy splits a Debian version into SrcEpoch, SrcVersion and SrcRelease.
   */
  private static String foreignSource(Map<String, String> props, Ecosystem e) {
    if (e != Ecosystem.DEB && e != Ecosystem.APK) {
      return null;
    }
    String trivy = props.get("aquasecurity:trivy:SrcName");
    if (trivy != null && !trivy.isBlank()) {
      String v = props.get("aquasecurity:trivy:SrcVersion");
      if (v == null || v.isBlank()) {
        return trivy;
      }
      String epoch = props.get("aquasecurity:trivy:SrcEpoch");
      String release = props.get("aquasecurity:trivy:SrcRelease");
      return trivy + "@" + (epoch == null || epoch.isBlank() || epoch.equals("0") ? "" : epoch + ":") + v
          + (release == null || release.isBlank() ? "" : "-" + release);
    }
    String syft = props.get(e == Ecosystem.APK ? "syft:metadata:originPackage" : "syft:metadata:source");
    if (syft != null && !syft.isBlank()) {
      String v = props.get("syft:metadata:sourceVersion");
      return v == null || v.isBlank() ? syft : syft + "@" + v;
    }
    return null;
  }

  /** The purl's {@code upstream} qualifier ({@code openssl} or {@code openssl@3.0.11-1}) of an OS package; null when none. */
  private static String upstream(PackageURL purl, Ecosystem e) {
    if ((e != Ecosystem.DEB && e != Ecosystem.APK) || purl == null || purl.getQualifiers() == null) {
      return null;
    }
    String u = purl.getQualifiers().get("upstream");
    return u == null || u.isBlank() ? null : u;
  }

  /** {@code [name, version]} of a source given as {@code name@version} or a bare name (then the package's own version). */
  private static String[] source(String source, String name, String version) {
    if (source == null) {
      return new String[] {name, version};
    }
    int at = source.lastIndexOf('@');
    return at > 0 ? new String[] {source.substring(0, at), source.substring(at + 1)} : new String[] {source, version};
  }

  private static String license(JsonNode c) throws SbomFormatException {
    for (JsonNode l : array(c, "licenses")) {
      JsonNode license = l.path("license");
      String s = text(license, "name");
      s = s == null ? text(license, "id") : s;
      s = s == null ? text(l, "expression") : s;
      if (s != null) {
        return s;
      }
    }
    return null;
  }

  /** An SPDX package with its id, kept until the document's subject is known (its relationships may come last). */
  private record SpdxEntry(String id, Package pkg) {}

  private Sbom spdx(Map<String, JsonNode> top, byte[] doc) throws IOException, SbomFormatException {
    String version = top.get("spdxVersion").asText();
    if (!SPDX_VERSIONS.contains(version)) {
      throw new SbomFormatException("SPDX version '" + version + "' is not read (SPDX-2.2 and SPDX-2.3 are)");
    }
    Set<String> described = new HashSet<>();
    List<SpdxEntry> entries = new ArrayList<>();
    List<Package> counted = new ArrayList<>();
    OperatingSystem[] os = {null};
    JsonNode[] creationInfo = {NODES.objectNode()};
    fields(doc, Set.of("documentDescribes", "relationships", "packages", "creationInfo"), (field, p) -> {
      switch (field) {
        case "documentDescribes" -> eachElement(p, field, d -> described.add(d.asText()));
        case "relationships" -> eachElement(p, field, r -> {
          if ("DESCRIBES".equals(text(r, "relationshipType")) && "SPDXRef-DOCUMENT".equals(text(r, "spdxElementId"))) {
            described.add(text(r, "relatedSpdxElement"));
          }
        });
        case "creationInfo" -> creationInfo[0] = element(p, new int[] {MAX_ELEMENT_NODES}, field);
        default -> eachElement(p, field, pk -> {
          if (!pk.isObject()) {
            throw new SbomFormatException("an SPDX package is " + kind(pk) + ", not an object");
          }
          String name = required(pk, "name", "an SPDX package");
          String pv = text(pk, "versionInfo");
          if ("OPERATING-SYSTEM".equals(text(pk, "primaryPackagePurpose"))) {
            os[0] = os[0] == null ? new OperatingSystem(name, pv, text(pk, "description")) : os[0];
            return;
          }
          Package pkg = spdxPackage(pk, name, pv);
          add(counted, pkg);
          entries.add(new SpdxEntry(text(pk, "SPDXID"), pkg));
        });
      }
    });
    List<Package> packages = new ArrayList<>();
    for (SpdxEntry e : entries) {
      if (!described.contains(e.id())) {
        packages.add(e.pkg()); // the others are the image (or whatever the document is about), not one of its packages
      }
    }
    List<String> gaps = new ArrayList<>();
    String comment = text(creationInfo[0], "comment");
    if (comment != null && comment.startsWith(INCOMPLETE)) {
      gaps.addAll(List.of(comment.substring(INCOMPLETE.length()).split("; ")));
    }
    JsonNode name = top.get("name");
    return new Sbom(name == null || name.isNull() ? null : name.asText(), null, null, os[0], packages, gaps);
  }

  private static Package spdxPackage(JsonNode p, String name, String pv) throws SbomFormatException {
    PackageURL purl = null;
    for (JsonNode ref : array(p, "externalRefs")) {
      if ("purl".equals(text(ref, "referenceType")) && purl == null) {
        purl = purl(text(ref, "referenceLocator"), name);
      }
    }
    String license = text(p, "licenseDeclared");
    license = license == null || license.equals("NOASSERTION") || license.equals("NONE") ? null : license;
    Ecosystem ecosystem = ecosystem(null, purl);
    String source = upstream(purl, ecosystem);
    String info = text(p, "sourceInfo");
    if (source == null && info != null && info.startsWith(BUILT_FROM) && (ecosystem == Ecosystem.DEB || ecosystem == Ecosystem.APK)) {
      // Trivy: "built package from: openssl 3.0.11-1~deb12u2"
      String[] words = info.substring(BUILT_FROM.length()).strip().split("\\s+");
      source = words.length >= 2 ? words[0] + "@" + words[1] : words[0];
    }
    String[] src = source(source, name, pv);
    return new Package(ecosystem, name, pv, arch(purl), src[0], src[1], license, purl, Location.UNKNOWN);
  }

  private Sbom bulwark(Map<String, JsonNode> top, byte[] doc) throws IOException, SbomFormatException {
    if (top.get("schemaVersion").asInt() != 1) {
      throw new SbomFormatException("Bulwark SBOM schemaVersion " + top.get("schemaVersion") + " is not read (1 is)");
    }
    OperatingSystem[] os = {null};
    List<Package> packages = new ArrayList<>();
    List<String> gaps = new ArrayList<>();
    fields(doc, Set.of("os", "packages", "gaps"), (field, p) -> {
      switch (field) {
        case "os" -> {
          JsonNode o = element(p, new int[] {MAX_ELEMENT_NODES}, field);
          os[0] = o.isObject() ? new OperatingSystem(text(o, "id"), text(o, "version"), text(o, "name")) : null;
        }
        case "gaps" -> eachElement(p, field, g -> gaps.add(g.asText()));
        default -> eachElement(p, field, pk -> {
          String name = required(pk, "name", "a package");
          PackageURL purl = purl(text(pk, "purl"), name);
          String type = text(pk, "type");
          Ecosystem e = Ecosystem.of(type).orElseThrow(() -> new SbomFormatException("package " + name + ": unknown type '" + type + "'"));
          add(packages, new Package(e, name, text(pk, "version"), text(pk, "arch"), text(pk, "source"), text(pk, "sourceVersion"),
              text(pk, "license"), purl, new Location(pk.path("layer").asInt(Location.UNKNOWN_LAYER), text(pk, "location"))));
        });
      }
    });
    return new Sbom(scalar(top, "image"), scalar(top, "layout"), scalar(top, "architecture"), os[0], packages, gaps);
  }

  private static String scalar(Map<String, JsonNode> top, String field) {
    JsonNode v = top.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** The declared type when it is one Bulwark knows, else the purl's, else generic. */
  private static Ecosystem ecosystem(String declared, PackageURL purl) {
    return Ecosystem.of(declared).or(() -> Ecosystem.of(purl == null ? null : purl.getType())).orElse(Ecosystem.GENERIC);
  }

  private static String arch(PackageURL purl) {
    return purl == null || purl.getQualifiers() == null ? null : purl.getQualifiers().get("arch");
  }

  private static PackageURL purl(String s, String pkg) throws SbomFormatException {
    if (s == null) {
      return null;
    }
    try {
      return new PackageURL(s);
    } catch (MalformedPackageURLException e) {
      throw new SbomFormatException("package " + pkg + ": invalid package URL '" + s + "': " + e.getMessage(), e);
    }
  }

  private static int layer(String value, String pkg) throws SbomFormatException {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new SbomFormatException("package " + pkg + ": bulwark:layer:index is not a number: '" + value + "'");
    }
  }

  private static String required(JsonNode n, String field, String what) throws SbomFormatException {
    String s = text(n, field);
    if (s == null || s.isEmpty()) {
      throw new SbomFormatException(what + " has no " + field);
    }
    return s;
  }

  /** A string field (a number or boolean as written); null when absent or JSON null; a list or object is an error. */
  private static String text(JsonNode n, String field) throws SbomFormatException {
    JsonNode v = n.get(field);
    if (v != null && v.isContainerNode()) {
      throw new SbomFormatException("field '" + field + "' is " + kind(v) + ", not a string");
    }
    return v == null || v.isNull() ? null : v.asText();
  }

  /** A list field; empty when absent or JSON null; anything else is an error. */
  private static Iterable<JsonNode> array(JsonNode n, String field) throws SbomFormatException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull() || v.isMissingNode()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new SbomFormatException("field '" + field + "' is " + kind(v) + ", not a list");
    }
    return v;
  }

  private static String kind(JsonNode v) {
    return v.isObject() ? "an object" : v.isArray() ? "a list" : v.isTextual() ? "a string" : v.isNumber() ? "a number" : "a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
