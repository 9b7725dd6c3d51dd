package dev.bulwark.scan.triage;

import com.github.packageurl.MalformedPackageURLException;
import dev.bulwark.sbom.Package;
import dev.bulwark.vuln.match.VulnFinding;
import dev.bulwark.yaml.YamlException;
import dev.bulwark.yaml.YamlLoader;
import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlNode;
import dev.bulwark.yaml.YamlScalar;
import dev.bulwark.yaml.YamlSequence;
import dev.bulwark.yaml.YamlStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Accepted vulnerabilities with a reason and an expiry date, as one triage step (status {@code ignored}). Three formats,
 * told apart by the file's name: Bulwark's {@code .bulwarkignore.yaml} ({@code vulnerabilities: [{id, packages, paths,
 * reason, expires}]}); Trivy's {@code .trivyignore} (an id a line, {@code exp:YYYY-MM-DD} after it, {@code #} comments,
 * the comment lines just above an id its reason); and Trivy's {@code .trivyignore.yaml} ({@code vulnerabilities: [{id,
 * paths, purls, statement, expired_at}]}).
 *
 * <p>An entry applies to a vulnerability when its id is one of the vulnerability's ids (CVE, GHSA, GO-…, aliases), and,
 * when it lists packages, the package matches one as a {@link PurlPattern}, and, when it lists paths, the package was
 * found at or under one. It applies up to and including its expiry day ({@code today} given, in UTC); from the next
 * day on it does not, and {@link #warnings()} says so with its file:line.
 */
public final class IgnoreFile implements Triage {
  /** One entry: {@code source} is {@code file:line}. */
  public record Entry(String id, List<PurlPattern> packages, List<String> paths, String reason, LocalDate expires, String source) {
    public Entry {
      packages = List.copyOf(packages);
      paths = List.copyOf(paths);
    }

    boolean applies(VulnFinding v, Package p) {
      if (!v.ids().contains(id)) return false;
      if (!packages.isEmpty() && packages.stream().noneMatch(x -> x.matches(p))) return false;
      if (paths.isEmpty()) return true;
      String at = strip(p.location().path());
      return paths.stream().map(IgnoreFile::strip).anyMatch(x -> at.equals(x) || at.startsWith(x.endsWith("/") ? x : x + "/"));
    }
  }

  /** The three formats. */
  public enum Format {
    BULWARK, TRIVY_TEXT, TRIVY_YAML;

    /** By the file's name: {@code .trivyignore}, {@code *.trivyignore.yaml}/{@code .yml}, else Bulwark's YAML. */
    public static Format of(String fileName) {
      String n = fileName.toLowerCase(java.util.Locale.ROOT);
      if (n.endsWith(".trivyignore.yaml") || n.endsWith(".trivyignore.yml")) return TRIVY_YAML;
      if (n.endsWith(".trivyignore") || n.endsWith(".trivyignore.txt")) return TRIVY_TEXT;
      return BULWARK;
    }
  }

  private final List<Entry> entries;
  private final List<String> warnings;

  private IgnoreFile(List<Entry> all, LocalDate today) {
    List<Entry> live = new ArrayList<>();
    List<String> expired = new ArrayList<>();
    for (Entry e : all) {
      if (e.expires() != null && today.isAfter(e.expires())) {
        expired.add(e.source() + ": the ignore entry for " + e.id() + " expired on " + e.expires() + ": it no longer applies, and its findings are reported again");
      } else {
        live.add(e);
      }
    }
    this.entries = List.copyOf(live);
    this.warnings = List.copyOf(expired);
  }

  /** The entries that apply on the day given. */
  public List<Entry> entries() {
    return entries;
  }

  /** One line per expired entry. */
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public Optional<Suppression> judge(VulnFinding v, Package reported) {
    for (Entry e : entries) {
      if (e.applies(v, reported)) {
        return Optional.of(new Suppression(Suppression.IGNORED, null, e.reason() == null ? "no reason given" : e.reason(), e.source()));
      }
    }
    return Optional.empty();
  }

  /** {@code text} of the file {@code name} (as typed: it starts each error and each source) in {@code format}, judged on {@code today}. */
  public static IgnoreFile parse(String text, String name, Format format, LocalDate today) throws TriageException {
    List<Entry> entries = switch (format) {
      case TRIVY_TEXT -> trivyText(text, name);
      case BULWARK -> yaml(text, name, false);
      case TRIVY_YAML -> yaml(text, name, true);
    };
    return new IgnoreFile(entries, today);
  }

  private static List<Entry> trivyText(String text, String name) throws TriageException {
    List<Entry> out = new ArrayList<>();
    List<String> comments = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.startsWith("#")) {
        comments.add(line.substring(1).strip());
        continue;
      }
      int hash = line.indexOf(" #");
      String trailing = hash < 0 ? null : line.substring(hash + 2).strip();
      if (hash >= 0) line = line.substring(0, hash).strip();
      if (line.isEmpty()) {
        comments.clear();
        continue;
      }
      String where = name + ":" + (i + 1);
      String[] fields = line.split("\\s+");
      LocalDate expires = null;
      for (int f = 1; f < fields.length; f++) {
        if (fields[f].startsWith("exp:")) {
          expires = date(fields[f].substring(4), where);
        } else {
          throw new TriageException(where + ": unexpected '" + fields[f] + "' after the id (a line is an id and optionally exp:YYYY-MM-DD)");
        }
      }
      String reason = trailing != null && !trailing.isEmpty() ? trailing : comments.isEmpty() ? null : String.join(" ", comments);
      out.add(new Entry(fields[0], List.of(), List.of(), reason, expires, where));
      comments.clear();
    }
    return out;
  }

  private static final Set<String> BULWARK_KEYS = Set.of("id", "packages", "paths", "reason", "expires");
  private static final Set<String> TRIVY_KEYS = Set.of("id", "paths", "purls", "statement", "expired_at");
  /** Trivy's other lists: a .trivyignore.yaml brought along keeps them, Bulwark has no use for them. */
  private static final Set<String> TRIVY_OTHER_LISTS = Set.of("misconfigurations", "secrets", "licenses");

  private static List<Entry> yaml(String text, String name, boolean trivy) throws TriageException {
    YamlStream stream;
    try {
      stream = YamlLoader.load(name, text);
    } catch (YamlException e) {
      throw new TriageException(e.getMessage());
    }
    List<Entry> out = new ArrayList<>();
    if (stream.documents().isEmpty()) return out;
    // positions from the document: an empty one has no root node (found by TriageFuzzTest#ignoreFile)
    if (stream.documents().size() > 1) {
      throw new TriageException(name + ":" + stream.documents().get(1).span().startLine() + ": more than one YAML document");
    }
    YamlNode root = stream.documents().getFirst().root();
    if (root == null || root instanceof YamlScalar s && s.isNull()) return out;
    if (!(root instanceof YamlMapping top)) throw new TriageException(at(name, root) + ": expected a mapping with a vulnerabilities list");
    for (YamlMapping.Entry e : top.entries()) {
      String key = e.key().value();
      if (trivy && TRIVY_OTHER_LISTS.contains(key)) continue;
      if (!key.equals("vulnerabilities")) {
        throw new TriageException(at(name, e.key()) + ": unknown key '" + key + "' (expected vulnerabilities" + (trivy ? ", misconfigurations, secrets or licenses" : "") + ")");
      }
      if (e.value() instanceof YamlScalar s && s.isNull()) continue;
      if (!(e.value() instanceof YamlSequence list)) throw new TriageException(at(name, e.value()) + ": vulnerabilities: expected a list of entries");
      for (YamlNode item : list.items()) out.add(entry(item, name, trivy));
    }
    return out;
  }

  private static Entry entry(YamlNode item, String name, boolean trivy) throws TriageException {
    String where = at(name, item);
    if (!(item instanceof YamlMapping m)) throw new TriageException(where + ": an entry is a mapping with an id");
    Set<String> keys = trivy ? TRIVY_KEYS : BULWARK_KEYS;
    for (YamlMapping.Entry e : m.entries()) {
      if (!keys.contains(e.key().value())) {
        throw new TriageException(at(name, e.key()) + ": unknown key '" + e.key().value() + "' (expected " + String.join(", ", new java.util.TreeSet<>(keys)) + ")");
      }
    }
    String id = string(m, "id", name);
    if (id == null) throw new TriageException(where + ": the entry has no id");
    List<PurlPattern> packages = new ArrayList<>();
    String pkgKey = trivy ? "purls" : "packages";
    for (YamlScalar s : strings(m, pkgKey, name)) {
      try {
        packages.add(PurlPattern.parse(s.value().strip()));
      } catch (MalformedPackageURLException ex) {
        throw new TriageException(at(name, s) + ": " + pkgKey + ": not a package URL: " + s.value() + " (" + ex.getMessage() + ")");
      }
    }
    List<String> paths = strings(m, "paths", name).stream().map(s -> s.value().strip()).toList();
    String reason = string(m, trivy ? "statement" : "reason", name);
    String dateKey = trivy ? "expired_at" : "expires";
    LocalDate expires = null;
    YamlScalar d = m.scalar(dateKey);
    if (d != null) expires = date(d.value().strip(), at(name, d));
    else if (m.get(dateKey) != null && !(m.get(dateKey) instanceof YamlScalar)) throw new TriageException(at(name, m.get(dateKey)) + ": " + dateKey + ": expected a date");
    return new Entry(id, packages, paths, reason, expires, where);
  }

  private static String string(YamlMapping m, String key, String name) throws TriageException {
    YamlNode n = m.get(key);
    if (n == null || n instanceof YamlScalar s && s.isNull()) return null;
    if (!(n instanceof YamlScalar s)) throw new TriageException(at(name, n) + ": " + key + ": expected a string");
    String v = s.value().strip();
    return v.isEmpty() ? null : v;
  }

  /** A list of strings, or one string. */
  private static List<YamlScalar> strings(YamlMapping m, String key, String name) throws TriageException {
    YamlNode n = m.get(key);
    if (n == null || n instanceof YamlScalar s && s.isNull()) return List.of();
    if (n instanceof YamlScalar s) return List.of(s);
    if (!(n instanceof YamlSequence seq)) throw new TriageException(at(name, n) + ": " + key + ": expected a list");
    List<YamlScalar> out = new ArrayList<>();
    for (YamlNode x : seq.items()) {
      if (!(x instanceof YamlScalar s) || s.isNull()) throw new TriageException(at(name, x) + ": " + key + ": expected a list of strings");
      out.add(s);
    }
    return out;
  }

  /** A day, {@code YYYY-MM-DD}; Trivy's {@code expired_at} may also be an RFC 3339 time (its day counts). */
  private static LocalDate date(String s, String where) throws TriageException {
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(s).toLocalDate();
      } catch (DateTimeParseException e2) {
        throw new TriageException(where + ": '" + s + "' is not a date (YYYY-MM-DD)");
      }
    }
  }

  private static String at(String name, YamlNode n) {
    return name + ":" + n.span().startLine();
  }

  private static String strip(String path) {
    String p = path == null ? "" : path.replace('\\', '/');
    while (p.startsWith("/") || p.startsWith("./")) p = p.substring(p.startsWith("/") ? 1 : 2);
    return p;
  }
}
