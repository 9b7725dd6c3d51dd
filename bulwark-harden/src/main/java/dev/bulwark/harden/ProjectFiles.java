package dev.bulwark.harden;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's manifest files (path relative to the build context → content), as the CLI read
 * them, and the few facts harden takes from them. Read with small patterns: a manifest that
 * does not match simply gives no fact.
 */
final class ProjectFiles {
  private static final Pattern GO_MODULE = Pattern.compile("(?m)^module\\s+(\\S+)");
  private static final Pattern POM_FINAL_NAME = Pattern.compile("<finalName>\\s*([^<$]+?)\\s*</finalName>");
  private static final Pattern POM_RELEASE = Pattern.compile("<(?:maven\\.compiler\\.release|maven\\.compiler\\.target|java\\.version)>\\s*(?:1\\.)?(\\d+)\\s*<");
  private static final Pattern CARGO_NAME = Pattern.compile("(?ms)^\\[package\\].*?^name\\s*=\\s*\"([^\"]+)\"");
  private static final Pattern JSON_STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final String[] CGO_MODULES = {"github.com/mattn/go-sqlite3", "github.com/confluentinc/confluent-kafka-go",
      "github.com/h2non/bimg", "gopkg.in/gographics/imagick", "github.com/davidbyttow/govips", "github.com/google/gopacket/pcap"};

  private final Map<String, String> files;

  ProjectFiles(Map<String, String> files) {
    this.files = files == null ? Map.of() : files;
  }

  boolean has(String name) {
    return files.containsKey(name);
  }

  boolean isEmpty() {
    return files.isEmpty();
  }

  String get(String name) {
    return files.get(name);
  }

  boolean hasSuffix(String suffix) {
    for (String k : files.keySet()) {
      if (k.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  /** The last element of go.mod's module path: what {@code go build} names the binary. */
  String goBinaryName() {
    String mod = files.get("go.mod");
    if (mod == null) {
      return null;
    }
    Matcher m = GO_MODULE.matcher(mod);
    if (!m.find()) {
      return null;
    }
    String path = m.group(1);
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** go.mod requires a module that only builds with cgo. */
  boolean goNeedsCgo() {
    String mod = files.get("go.mod");
    if (mod == null) {
      return false;
    }
    for (String m : CGO_MODULES) {
      if (mod.contains(m)) {
        return true;
      }
    }
    return false;
  }

  String cargoName() {
    String toml = files.get("Cargo.toml");
    if (toml == null) {
      return null;
    }
    Matcher m = CARGO_NAME.matcher(toml);
    return m.find() ? m.group(1) : null;
  }

  /** The jar {@code mvn package} writes under target/: finalName, else artifactId-version. */
  String mavenJar() {
    String pom = files.get("pom.xml");
    if (pom == null) {
      return null;
    }
    Matcher m = POM_FINAL_NAME.matcher(pom);
    if (m.find()) {
      return m.group(1) + ".jar";
    }
    String body = pom.replaceAll("(?s)<parent>.*?</parent>", "").replaceAll("(?s)<dependencies>.*?</dependencies>", "")
        .replaceAll("(?s)<build>.*?</build>", "");
    String artifact = tag(body, "artifactId");
    String version = tag(body, "version");
    return artifact == null || version == null || version.contains("$") ? null : artifact + "-" + version + ".jar";
  }

  int javaRelease() {
    String pom = files.get("pom.xml");
    if (pom != null) {
      Matcher m = POM_RELEASE.matcher(pom);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    return 0;
  }

  private static String tag(String xml, String name) {
    Matcher m = Pattern.compile("<" + name + ">\\s*([^<]+?)\\s*</" + name + ">").matcher(xml);
    return m.find() ? m.group(1) : null;
  }

  /** {@code scripts.start} of package.json, unescaped; null when absent. */
  String npmStartScript() {
    String pkg = files.get("package.json");
    if (pkg == null) {
      return null;
    }
    int scripts = pkg.indexOf("\"scripts\"");
    if (scripts < 0) {
      return null;
    }
    int open = pkg.indexOf('{', scripts);
    int close = open < 0 ? -1 : pkg.indexOf('}', open);
    if (open < 0 || close < 0) {
      return null;
    }
    Matcher m = JSON_STRING.matcher(pkg.substring(open + 1, close));
    while (m.find()) {
      String key = m.group(1);
      if (!m.find()) {
        return null;
      }
      if (key.equals("start")) {
        return m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
      }
    }
    return null;
  }
}
