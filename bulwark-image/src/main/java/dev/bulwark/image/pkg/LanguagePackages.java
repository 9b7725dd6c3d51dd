package dev.bulwark.image.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.regex.Pattern;

/**
 * Application packages: Python ({@code *.dist-info/METADATA}, {@code *.egg-info/PKG-INFO}),
 * Node ({@code node_modules/**&#47;package.json}, lock files via {@link NodeLockFiles}) and Java archives ({@code pom.properties},
 * nested jars, {@code MANIFEST.MF}, then the file name). Pure parsers over bytes.
 */
public final class LanguagePackages {
  /** One mapper for the package parsers of this package: each instance costs start-up time. */
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NODE_MODULE = Pattern.compile("(?:^|/)node_modules/(?:@[^/]+/)?[^/]+/package\\.json$");

  private LanguagePackages() {}

  /** A package found in an application file: ecosystem, name (with group for Maven), version, license. */
  public record Found(String ecosystem, String namespace, String name, String version, String license) {}

  /** True for files whose content the detectors need. */
  public static boolean wanted(String path) {
    return pythonMetadata(path) || nodeModule(path) || javaArchive(path) || NodeLockFiles.wanted(path);
  }

  /** An installed Python distribution's core metadata. */
  public static boolean pythonMetadata(String path) {
    return path.endsWith(".dist-info/METADATA") || path.endsWith(".egg-info/PKG-INFO");
  }

  /** The package.json of an installed Node package (the suffix test first: this runs for every file of an image). */
  public static boolean nodeModule(String path) {
    return path.endsWith("package.json") && NODE_MODULE.matcher(path).find();
  }

  public static boolean javaArchive(String path) {
    return path.endsWith(".jar") || path.endsWith(".war") || path.endsWith(".ear");
  }

  public static List<Found> parse(String path, byte[] content) {
    if (NodeLockFiles.wanted(path)) {
      return NodeLockFiles.parse(path, content);
    }
    if (path.endsWith("METADATA") || path.endsWith("PKG-INFO")) {
      return python(new String(content, StandardCharsets.UTF_8));
    }
    if (path.endsWith("package.json")) {
      return npm(content);
    }
    return java(path, content);
  }

  /** The packages of a Java archive at {@code path} (bounded as {@link JavaArchives} says). */
  public static List<Found> java(String path, byte[] content) {
    return JavaArchives.read(path, content, new JavaArchives.ImageBudget()).found();
  }

  static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Core metadata headers (RFC 822); the body after the first blank line is ignored. */
  public static List<Found> python(String text) {
    Map<String, String> h = new LinkedHashMap<>();
    int body = text.indexOf("\n\n");
    // only the headers: the description after them can be megabytes, and splitting it into lines costs as much
    for (String line : (body < 0 ? text : text.substring(0, body)).split("\n")) {
      if (line.isBlank()) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith(" ") && !line.startsWith("\t")) {
        h.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
    String name = h.get("Name");
    String version = h.get("Version");
    if (name == null || version == null) {
      return List.of();
    }
    String license = h.getOrDefault("License-Expression", h.get("License"));
    return List.of(new Found("pypi", null, name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-"), version,
        license == null || license.equals("UNKNOWN") || license.length() > 100 ? null : license));
  }

  public static List<Found> npm(byte[] content) {
    try {
      JsonNode n = JSON.readTree(content);
      String name = n.path("name").asText(null);
      String version = n.path("version").asText(null);
      if (name == null || version == null || name.isBlank()) {
        return List.of();
      }
      JsonNode lic = n.path("license");
      String license = lic.isTextual() ? lic.asText() : lic.path("type").asText(null);
      String namespace = null;
      if (name.startsWith("@") && name.contains("/")) {
        namespace = name.substring(0, name.indexOf('/'));
        name = name.substring(name.indexOf('/') + 1);
      }
      return List.of(new Found("npm", namespace, name, version, license));
    } catch (IOException e) {
      return List.of(); // not JSON: not a package manifest
    }
  }

  static Found pomProperties(String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException e) {
      return null;
    }
    String g = p.getProperty("groupId");
    String a = p.getProperty("artifactId");
    String v = p.getProperty("version");
    if (a == null || v == null) {
      return null;
    }
    return new Found("maven", g == null ? null : g.strip(), a.strip(), v.strip(), null);
  }

  static Found fromManifest(Attributes a, String fileName) {
    String title = a.getValue("Implementation-Title");
    String version = a.getValue("Implementation-Version");
    String bundle = a.getValue("Bundle-SymbolicName");
    if (version == null) {
      version = a.getValue("Bundle-Version");
    }
    String name = bundle != null ? bundle.split(";")[0].strip() : title;
    if (name == null || version == null) {
      return null;
    }
    String group = null;
    if (name.contains(".") && bundle != null) {
      group = name.substring(0, name.lastIndexOf('.'));
      name = name.substring(name.lastIndexOf('.') + 1);
    }
    return new Found("maven", group, name, version.split("\\s+")[0], null);
  }
}
