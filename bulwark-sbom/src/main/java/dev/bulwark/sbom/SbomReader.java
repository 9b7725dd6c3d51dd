package dev.bulwark.sbom;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads SBOM documents back into the model: CycloneDX 1.4 to 1.6 JSON, SPDX 2.2 and 2.3 JSON, and
 * Bulwark's own JSON. A document gives what its format carries: Bulwark's JSON all of the model,
 * CycloneDX (as Bulwark writes it) all but the image layout and architecture, SPDX the packages'
 * names, versions and purls (the ecosystem and architecture come from the purl). Input is
 * untrusted: size and nesting are bounded before and while parsing, and every problem is a
 * {@link SbomFormatException} with a one-line reason.
 */
public final class SbomReader {
  /** Default bounds: an image SBOM with tens of thousands of packages is a few tens of MiB, and nests a few levels deep. */
  public static final SbomReader DEFAULT = new SbomReader(64L << 20, 64);

  private static final Set<String> CYCLONEDX_VERSIONS = Set.of("1.4", "1.5", "1.6");
  private static final Set<String> SPDX_VERSIONS = Set.of("SPDX-2.2", "SPDX-2.3");
  /** CycloneDX component types that are packages (the others describe the image, its OS, files, devices...). */
  private static final Set<String> PACKAGE_TYPES = Set.of("library", "framework", "application");
  private static final String GAP = "bulwark:gap";
  private static final String INCOMPLETE = "Incomplete: ";

  private final long maxBytes;
  private final ObjectMapper json;

  public SbomReader(long maxBytes, int maxDepth) {
    this.maxBytes = maxBytes;
    this.json = new ObjectMapper(JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).maxDocumentLength(maxBytes).build())
        .build());
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
    JsonNode root = parse(doc);
    if (root.has("bomFormat")) {
      return cyclonedx(root);
    }
    if (root.has("spdxVersion")) {
      return spdx(root);
    }
    if (root.has("schemaVersion") && root.has("packages")) {
      return bulwark(root);
    }
    throw new SbomFormatException("not an SBOM: no bomFormat (CycloneDX), spdxVersion (SPDX) or schemaVersion (Bulwark JSON)");
  }

  private JsonNode parse(byte[] doc) throws SbomFormatException {
    if (doc.length > maxBytes) {
      throw tooLarge(doc.length);
    }
    try {
      JsonNode root = json.readTree(doc);
      if (root == null || !root.isObject()) {
        throw new SbomFormatException("not an SBOM: the document is not a JSON object");
      }
      return root;
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new SbomFormatException("not valid JSON" + where + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new SbomFormatException("cannot read the document: " + e.getMessage(), e);
    }
  }

  private SbomFormatException tooLarge(long size) {
    return new SbomFormatException("the document is " + size + " bytes; SBOMs larger than " + maxBytes + " bytes are refused");
  }

  private static Sbom cyclonedx(JsonNode root) throws SbomFormatException {
    if (!"CycloneDX".equals(root.path("bomFormat").asText())) {
      throw new SbomFormatException("not a CycloneDX BOM: bomFormat is " + root.get("bomFormat"));
    }
    String version = root.path("specVersion").asText();
    if (!CYCLONEDX_VERSIONS.contains(version)) {
      throw new SbomFormatException("CycloneDX specVersion '" + version + "' is not read (1.4 to 1.6 are)");
    }
    JsonNode metadata = root.path("metadata");
    List<String> gaps = new ArrayList<>();
    for (JsonNode p : array(metadata, "properties")) {
      if (GAP.equals(text(p, "name"))) {
        gaps.add(text(p, "value"));
      }
    }
    List<Package> packages = new ArrayList<>();
    OperatingSystem[] os = {null};
    components(array(root, "components"), packages, os);
    return new Sbom(text(metadata.path("component"), "name"), null, null, os[0], packages, gaps);
  }

  /** Components, with nested ones flattened in document order (nesting is bounded by the parser). */
  private static void components(Iterable<JsonNode> list, List<Package> out, OperatingSystem[] os) throws SbomFormatException {
    for (JsonNode c : list) {
      String type = text(c, "type");
      if ("operating-system".equals(type) && os[0] == null) {
        os[0] = new OperatingSystem(text(c, "name"), text(c, "version"), text(c, "description"));
      } else if (type != null && PACKAGE_TYPES.contains(type)) {
        out.add(component(c));
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
    for (JsonNode p : array(c, "properties")) {
      String value = text(p, "value");
      switch (String.valueOf(text(p, "name"))) {
        case "bulwark:package:type" -> type = value;
        case "bulwark:layer:index" -> layer = layer(value, name);
        case "bulwark:location" -> path = value;
        case "bulwark:package:source" -> source = value;
        default -> {}
      }
    }
    String sourceName = name;
    String sourceVersion = version;
    int at = source == null ? -1 : source.lastIndexOf('@');
    if (at > 0) {
      sourceName = source.substring(0, at);
      sourceVersion = source.substring(at + 1);
    }
    return new Package(ecosystem(type, purl), name, version, arch(purl), sourceName, sourceVersion, license(c), purl, new Location(layer, path));
  }

  private static String license(JsonNode c) {
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

  private static Sbom spdx(JsonNode root) throws SbomFormatException {
    String version = root.path("spdxVersion").asText();
    if (!SPDX_VERSIONS.contains(version)) {
      throw new SbomFormatException("SPDX version '" + version + "' is not read (SPDX-2.2 and SPDX-2.3 are)");
    }
    Set<String> described = new HashSet<>();
    array(root, "documentDescribes").forEach(d -> described.add(d.asText()));
    for (JsonNode r : array(root, "relationships")) {
      if ("DESCRIBES".equals(text(r, "relationshipType")) && "SPDXRef-DOCUMENT".equals(text(r, "spdxElementId"))) {
        described.add(text(r, "relatedSpdxElement"));
      }
    }
    List<Package> packages = new ArrayList<>();
    OperatingSystem os = null;
    for (JsonNode p : array(root, "packages")) {
      if (described.contains(text(p, "SPDXID"))) {
        continue; // the image (or whatever the document is about), not one of its packages
      }
      String name = required(p, "name", "an SPDX package");
      String pv = text(p, "versionInfo");
      if ("OPERATING-SYSTEM".equals(text(p, "primaryPackagePurpose"))) {
        os = os == null ? new OperatingSystem(name, pv, text(p, "description")) : os;
        continue;
      }
      PackageURL purl = null;
      for (JsonNode ref : array(p, "externalRefs")) {
        if ("purl".equals(text(ref, "referenceType")) && purl == null) {
          purl = purl(text(ref, "referenceLocator"), name);
        }
      }
      String license = text(p, "licenseDeclared");
      license = license == null || license.equals("NOASSERTION") || license.equals("NONE") ? null : license;
      packages.add(new Package(ecosystem(null, purl), name, pv, arch(purl), name, pv, license, purl, Location.UNKNOWN));
    }
    List<String> gaps = new ArrayList<>();
    String comment = text(root.path("creationInfo"), "comment");
    if (comment != null && comment.startsWith(INCOMPLETE)) {
      gaps.addAll(List.of(comment.substring(INCOMPLETE.length()).split("; ")));
    }
    return new Sbom(text(root, "name"), null, null, os, packages, gaps);
  }

  private static Sbom bulwark(JsonNode root) throws SbomFormatException {
    if (root.path("schemaVersion").asInt() != 1) {
      throw new SbomFormatException("Bulwark SBOM schemaVersion " + root.get("schemaVersion") + " is not read (1 is)");
    }
    JsonNode o = root.path("os");
    OperatingSystem os = o.isObject() ? new OperatingSystem(text(o, "id"), text(o, "version"), text(o, "name")) : null;
    List<Package> packages = new ArrayList<>();
    for (JsonNode p : array(root, "packages")) {
      String name = required(p, "name", "a package");
      PackageURL purl = purl(text(p, "purl"), name);
      String type = text(p, "type");
      Ecosystem e = Ecosystem.of(type).orElseThrow(() -> new SbomFormatException("package " + name + ": unknown type '" + type + "'"));
      packages.add(new Package(e, name, text(p, "version"), text(p, "arch"), text(p, "source"), text(p, "sourceVersion"), text(p, "license"),
          purl, new Location(p.path("layer").asInt(Location.UNKNOWN_LAYER), text(p, "location"))));
    }
    List<String> gaps = new ArrayList<>();
    array(root, "gaps").forEach(g -> gaps.add(g.asText()));
    return new Sbom(text(root, "image"), text(root, "layout"), text(root, "architecture"), os, packages, gaps);
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

  /** A string field; null when absent or JSON null. */
  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }

  private static Iterable<JsonNode> array(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isArray() ? v : List.of();
  }
}
