package dev.bulwark.core;

import dev.bulwark.core.glob.Glob;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Project settings from {@code .bulwark.yaml}, or from a {@code .hadolint.yaml} when there is no
 * Bulwark file. Pure: {@link #parse} takes the text; finding the file is the caller's job.
 *
 * <pre>
 * ignore: [BW-D004, DL3008]          # rule ids or aliases, everywhere
 * severity: {BW-D007: high}          # per-rule severity overrides
 * trustedRegistries: [docker.io, "*.gcr.io"]
 * allowedBaseImages: [alpine, "gcr.io/distroless/*"]
 * failOn: medium                     # default for --fail-on
 * paths:                             # per-path ignores (globs relative to the config file)
 *   - path: "legacy/**"
 *     ignore: [BW-D001]
 * exclude: ["vendor/**"]           # files not scanned at all
 * purpose: base                      # what every file here is for (application, base, development, fixture)
 * paths:
 *   - path: "docker/dev/**"
 *     purpose: development           # per path; the last matching entry wins
 * podSecurityVersion: v1.30          # Kubernetes manifests: the Pod Security Standards version (default: latest)
 * </pre>
 */
public record LintConfig(
    Set<String> ignore,
    Map<String, Severity> severity,
    List<String> trustedRegistries,
    List<String> allowedBaseImages,
    Severity failOn,
    List<PathRule> paths,
    List<String> exclude,
    Purpose purpose,
    String source,
    Integer podSecurityMinor) {

  /** The largest config file read, in bytes, and the most it may expand to through YAML aliases (in characters). */
  public static final int MAX_BYTES = 1_000_000;
  /** Aliases to mappings or lists allowed in one file (each can double the document: "billion laughs"). */
  static final int MAX_COLLECTION_ALIASES = 50;

  /** Ids ignored under paths matching {@code glob}. */
  /** Ids ignored under paths matching {@code glob}, and (when not null) the purpose of the files there. */
  public record PathRule(String glob, Set<String> ignore, Purpose purpose) {}

  public static final LintConfig DEFAULT = new LintConfig(Set.of(), Map.of(), List.of(), List.of(), null, List.of(), List.of(), null, null, null);

  /** A config file that cannot be read as the documented shape; the message says where. */
  public static final class ConfigException extends Exception {
    public ConfigException(String message) {
      super(message, null, false, false);
    }
  }

  /** Parses {@code .bulwark.yaml} text; {@code source} names the file in error messages. */
  public static LintConfig parse(String yaml, String source) throws ConfigException {
    Map<String, Object> root = load(yaml, source);
    Set<String> known = Set.of("ignore", "severity", "trustedRegistries", "allowedBaseImages", "failOn", "paths", "exclude", "purpose",
        "podSecurityVersion");
    for (String k : root.keySet()) {
      if (!known.contains(k)) {
        throw new ConfigException(source + ": unknown key '" + k + "' (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
      }
    }
    Map<String, Severity> sev = new HashMap<>();
    for (var e : map(root.get("severity"), source, "severity").entrySet()) {
      sev.put(e.getKey().toUpperCase(Locale.ROOT), severity(e.getValue(), source, "severity." + e.getKey()));
    }
    List<PathRule> paths = new ArrayList<>();
    for (Object o : list(root.get("paths"), source, "paths")) {
      Map<String, Object> m = map(o, source, "paths[]");
      Object p = m.get("path");
      if (!(p instanceof String glob)) {
        throw new ConfigException(source + ": paths[].path must be a string");
      }
      for (Object k : m.keySet()) {
        if (!"path".equals(k) && !"ignore".equals(k) && !"purpose".equals(k)) {
          throw new ConfigException(source + ": unknown key 'paths[]." + k + "' (known: ignore, path, purpose)");
        }
      }
      paths.add(new PathRule(glob, upper(strings(m.get("ignore"), source, "paths[].ignore")), purpose(m.get("purpose"), source, "paths[].purpose")));
    }
    Object failOn = root.get("failOn");
    return new LintConfig(upper(strings(root.get("ignore"), source, "ignore")), Map.copyOf(sev),
        strings(root.get("trustedRegistries"), source, "trustedRegistries"), strings(root.get("allowedBaseImages"), source, "allowedBaseImages"),
        failOn == null ? null : severity(failOn, source, "failOn"), List.copyOf(paths), strings(root.get("exclude"), source, "exclude"),
        purpose(root.get("purpose"), source, "purpose"), source, podSecurityMinor(root.get("podSecurityVersion"), source));
  }

  /**
   * {@code v1.30}, {@code 1.30} or {@code latest} (null), as pod-security-admission's
   * {@code enforce-version} label is written: the Kubernetes 1.x minor the Pod Security Standards
   * are checked as of.
   */
  public static Integer podSecurityMinor(Object o, String source) throws ConfigException {
    if (o == null) {
      return null;
    }
    if (o instanceof Number) {
      // YAML reads a bare 1.30 as the number 1.3: refuse it rather than check as of 1.3
      throw new ConfigException(source + ": podSecurityVersion: write the version as v1.30 (a bare " + o + " is a number in YAML)");
    }
    String v = String.valueOf(o).trim();
    if (v.equals("latest")) {
      return null;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("v?1\\.(\\d{1,3})").matcher(v);
    if (!m.matches()) {
      throw new ConfigException(source + ": podSecurityVersion: '" + v + "' is not a Kubernetes version (write v1.30, or latest)");
    }
    return Integer.valueOf(m.group(1));
  }

  /** Reads a hadolint config: ignored, override, trustedRegistries, failure-threshold. */
  public static LintConfig parseHadolint(String yaml, String source) throws ConfigException {
    Map<String, Object> root = load(yaml, source);
    Map<String, Severity> sev = new HashMap<>();
    for (var e : map(root.get("override"), source, "override").entrySet()) {
      Severity s = hadolintLevel(e.getKey(), source);
      for (String id : strings(e.getValue(), source, "override." + e.getKey())) {
        sev.put(id.toUpperCase(Locale.ROOT), s);
      }
    }
    Object threshold = root.get("failure-threshold");
    Severity failOn = threshold == null || threshold.toString().equals("none") ? null : hadolintLevel(threshold.toString(), source);
    return new LintConfig(upper(strings(root.get("ignored"), source, "ignored")), Map.copyOf(sev),
        strings(root.get("trustedRegistries"), source, "trustedRegistries"), List.of(), failOn, List.of(), List.of(), null, source, null);
  }

  /** hadolint's error/warning/info/style levels on Bulwark's scale. */
  static Severity hadolintLevel(String level, String source) throws ConfigException {
    return switch (level.toLowerCase(Locale.ROOT)) {
      case "error" -> Severity.HIGH;
      case "warning" -> Severity.MEDIUM;
      case "info" -> Severity.LOW;
      case "style", "ignore" -> Severity.INFO;
      default -> throw new ConfigException(source + ": unknown hadolint level '" + level + "'");
    };
  }

  /** The purpose the config sets for the file at {@code relativePath}: the last matching {@code paths} entry's, else the file-wide one; null when unset. */
  public Purpose purposeFor(String relativePath) {
    Purpose found = purpose;
    for (PathRule p : paths) {
      if (p.purpose() != null && globMatches(p.glob(), relativePath)) {
        found = p.purpose();
      }
    }
    return found;
  }

  /** These settings with every file's purpose set to {@code p} (paths entries that set one still win). */
  public LintConfig withPurpose(Purpose p) {
    return new LintConfig(ignore, severity, trustedRegistries, allowedBaseImages, failOn, paths, exclude, p, source, podSecurityMinor);
  }

  /** True when the file at {@code relativePath} is not to be scanned at all. */
  public boolean excludesFile(String relativePath) {
    return exclude.stream().anyMatch(g -> globMatches(g, relativePath));
  }

  /** True when {@code finding} is switched off here, globally or for {@code relativePath}. */
  public boolean ignores(Finding finding, String relativePath) {
    for (String id : ignore) {
      if (finding.answersTo(id)) {
        return true;
      }
    }
    for (PathRule p : paths) {
      if (globMatches(p.glob(), relativePath)) {
        for (String id : p.ignore()) {
          if (finding.answersTo(id)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The overridden severity for this finding, or its own. */
  public Severity severityOf(Finding finding) {
    Severity s = severity.get(finding.ruleId());
    if (s != null) {
      return s;
    }
    for (String a : finding.aliases()) {
      s = severity.get(a.toUpperCase(Locale.ROOT));
      if (s != null) {
        return s;
      }
    }
    return finding.severity();
  }

  /** {@code *} within a path segment, {@code **} across segments; linear in the path whatever the glob. */
  public static boolean globMatches(String glob, String path) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        re.append(".*");
        i++;
        if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
          i++;
          re.append("/?");
        }
      } else if (c == '*') {
        re.append(Glob.IN_SEGMENT);
      } else if (c == '?') {
        re.append(Glob.ONE_IN_SEGMENT);
      } else {
        re.append(Glob.literal(c));
      }
    }
    return Glob.ofRegex(re.toString()).matches(path);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> load(String yaml, String source) throws ConfigException {
    if (yaml.length() > MAX_BYTES) {
      throw new ConfigException(source + ": config file larger than 1 MB");
    }
    try {
      Object doc = new Load(LoadSettings.builder().setMaxAliasesForCollections(MAX_COLLECTION_ALIASES).setAllowRecursiveKeys(false)
          .setCodePointLimit(MAX_BYTES).setAllowDuplicateKeys(false).build()).loadFromReader(new dev.bulwark.core.text.WholeCodePointsReader(yaml));
      if (ExpandedSize.exceeds(doc, MAX_BYTES)) {
        throw new ConfigException(source + ": config file expands past 1 MB through YAML aliases");
      }
      if (doc == null) {
        return Map.of();
      }
      if (!(doc instanceof Map<?, ?> m)) {
        throw new ConfigException(source + ": expected a mapping at the top level");
      }
      return stringKeys(m, source, "the top level");
    } catch (YamlEngineException e) {
      throw new ConfigException(source + ": invalid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    } catch (ClassCastException | StackOverflowError e) {
      throw new ConfigException(source + ": unsupported YAML structure");
    }
  }

  private static Map<String, Object> map(Object o, String source, String key) throws ConfigException {
    if (o == null) {
      return Map.of();
    }
    if (o instanceof Map<?, ?> m) {
      return stringKeys(m, source, "'" + key + "'");
    }
    throw new ConfigException(source + ": '" + key + "' must be a mapping");
  }

  /** YAML keys may be numbers, lists or null ({@code 5: x}, {@code ? }); every key Bulwark reads is a string. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> stringKeys(Map<?, ?> m, String source, String where) throws ConfigException {
    for (Object k : m.keySet()) {
      if (!(k instanceof String)) {
        throw new ConfigException(source + ": keys in " + where + " must be strings, not " + (k == null ? "an empty key" : "'" + k + "'"));
      }
    }
    return (Map<String, Object>) m;
  }

  private static List<Object> list(Object o, String source, String key) throws ConfigException {
    if (o == null) {
      return List.of();
    }
    if (o instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    throw new ConfigException(source + ": '" + key + "' must be a list");
  }

  private static List<String> strings(Object o, String source, String key) throws ConfigException {
    if (o instanceof String s) {
      return List.of(s);
    }
    List<String> out = new ArrayList<>();
    for (Object x : list(o, source, key)) {
      if (!(x instanceof String) && !(x instanceof Number)) {
        throw new ConfigException(source + ": '" + key + "' must be a list of strings");
      }
      out.add(x.toString());
    }
    return List.copyOf(out);
  }

  private static Set<String> upper(List<String> ids) {
    Set<String> out = new HashSet<>();
    for (String s : ids) {
      out.add(Suppressions.normalizeTrivy(s.strip()));
    }
    return Set.copyOf(out);
  }

  private static Purpose purpose(Object o, String source, String key) throws ConfigException {
    if (o == null) {
      return null;
    }
    try {
      return Purpose.parse(String.valueOf(o));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source + ": " + key + ": " + e.getMessage());
    }
  }

  private static Severity severity(Object o, String source, String key) throws ConfigException {
    try {
      return Severity.parse(String.valueOf(o));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source + ": " + key + ": " + e.getMessage());
    }
  }
}
