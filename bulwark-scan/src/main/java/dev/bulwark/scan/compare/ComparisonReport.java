package dev.bulwark.scan.compare;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.core.Severity;
import dev.bulwark.report.Escape;
import dev.bulwark.scan.compare.Comparison.Change;
import dev.bulwark.scan.compare.Comparison.FieldChange;
import dev.bulwark.scan.compare.Comparison.PackageChange;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A comparison written for a person (a table), a program (JSON, schema version 1) or a pull request (Markdown). Text
 * from the images (names, versions, commands) is shown with control characters escaped, as every Bulwark report does.
 */
public final class ComparisonReport {
  private ComparisonReport() {}

  /** The output formats of {@code bulwark compare}. */
  public enum Format {
    TABLE, JSON, MD;

    /** {@code table}, {@code json}, {@code md} (or {@code markdown}); null for anything else. */
    public static Format parse(String s) {
      switch (s.toLowerCase(Locale.ROOT)) {
        case "table": return TABLE;
        case "json": return JSON;
        case "md":
        case "markdown": return MD;
        default: return null;
      }
    }
  }

  public static String write(Comparison c, Format f) throws IOException {
    switch (f) {
      case JSON: return json(c);
      case MD: return markdown(c);
      default: return table(c);
    }
  }

  /** The one-line summary: what changed, most important first. */
  public static String sentence(Comparison c) {
    List<String> parts = new ArrayList<>();
    if (c.vulns() != null) {
      int in = c.vulns().introduced().size();
      int out = c.vulns().fixed().size();
      parts.add(in == 0 ? "no new vulnerabilities" : in + " new " + (in == 1 ? "vulnerability" : "vulnerabilities") + " (" + counts(bySeverity(c.vulns().introduced())) + ")");
      if (out > 0) parts.add(out + " fixed (" + counts(bySeverity(c.vulns().fixed())) + ")");
    }
    int added = c.packages(Change.ADDED).size();
    int removed = c.packages(Change.REMOVED).size();
    int changed = c.packages().size() - added - removed;
    parts.add(c.packages().isEmpty() ? "the same packages" : "packages: " + added + " added, " + removed + " removed, " + changed + " changed");
    parts.add("size " + signed(c.size().toCompressed() - c.size().fromCompressed()));
    return esc(c.to().name()) + " against " + esc(c.from().name()) + ": " + String.join("; ", parts);
  }

  // ---- table

  static String table(Comparison c) {
    StringBuilder b = new StringBuilder();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"", esc(c.from().name()), esc(c.to().name()), ""});
    for (FieldChange f : c.fields()) {
      if (f.from() == null && f.to() == null) continue;
      rows.add(new String[] {f.field(), orDash(f.from()), orDash(f.to()), f.changed() ? "changed" : ""});
    }
    Comparison.Sizes s = c.size();
    rows.add(new String[] {"size", bytes(s.fromCompressed()), bytes(s.toCompressed()), signed(s.toCompressed() - s.fromCompressed())});
    rows.add(new String[] {"unpacked", bytes(s.fromUncompressed()), bytes(s.toUncompressed()), signed(s.toUncompressed() - s.fromUncompressed())});
    rows.add(new String[] {"layers", String.valueOf(c.from().layers().size()), String.valueOf(c.to().layers().size()), c.layers().shared() + " shared"});
    rows.add(new String[] {"packages", String.valueOf(c.from().packages().size()), String.valueOf(c.to().packages().size()), ""});
    if (c.vulns() != null) {
      rows.add(new String[] {"vulnerabilities", orNone(counts(c.vulns().before())), orNone(counts(c.vulns().after())), ""});
    }
    columns(b, rows, "  ");
    b.append('\n');
    if (c.vulns() != null) {
      b.append("Vulnerabilities: ").append(c.vulns().introduced().size()).append(" introduced, ").append(c.vulns().fixed().size()).append(" fixed\n");
      List<String[]> v = new ArrayList<>();
      for (ImageSummary.Vuln x : c.vulns().introduced()) v.add(vulnRow("+ introduced", x));
      for (ImageSummary.Vuln x : c.vulns().fixed()) v.add(vulnRow("- fixed", x));
      columns(b, v, "  ");
      b.append('\n');
    } else {
      b.append("Vulnerabilities: not compared (no database: --db DIR)\n\n");
    }
    b.append("Packages: ").append(packageCounts(c)).append('\n');
    List<String[]> p = new ArrayList<>();
    for (PackageChange x : c.packages()) {
      p.add(new String[] {mark(x.change()) + " " + x.change().label(), x.ecosystem().displayName(), esc(x.name()), versions(x)});
    }
    columns(b, p, "  ");
    b.append('\n');
    b.append("Layers: ").append(c.layers().shared()).append(" shared, ").append(c.layers().removed().size()).append(" removed, ")
        .append(c.layers().added().size()).append(" added\n");
    List<String[]> l = new ArrayList<>();
    for (ImageSummary.Layer x : c.layers().removed()) l.add(new String[] {"- removed", shortDigest(x.diffId()), bytes(x.compressedBytes()), esc(command(x))});
    for (ImageSummary.Layer x : c.layers().added()) l.add(new String[] {"+ added", shortDigest(x.diffId()), bytes(x.compressedBytes()), esc(command(x))});
    columns(b, l, "  ");
    b.append('\n').append(sentence(c)).append('\n');
    return b.toString();
  }

  private static String[] vulnRow(String what, ImageSummary.Vuln v) {
    return new String[] {what, v.severity() == Severity.INFO ? "unrated" : v.severity().label(), esc(v.id()), esc(v.pkg()) + " " + esc(v.version()),
        v.fixed() == null ? "no fix yet" : "fixed in " + esc(v.fixed())};
  }

  private static String mark(Change c) {
    switch (c) {
      case ADDED: return "+";
      case REMOVED: return "-";
      default: return "~";
    }
  }

  private static String versions(PackageChange x) {
    String a = esc(String.join(", ", x.fromVersions()));
    String b = esc(String.join(", ", x.toVersions()));
    return x.change() == Change.ADDED ? b : x.change() == Change.REMOVED ? a : a + " -> " + b;
  }

  private static String packageCounts(Comparison c) {
    List<String> parts = new ArrayList<>();
    for (Change k : Change.values()) {
      int n = c.packages(k).size();
      if (n > 0) parts.add(n + " " + k.label());
    }
    return parts.isEmpty() ? "no changes" : String.join(", ", parts);
  }

  /** Left-aligned columns, the last one unpadded. */
  private static void columns(StringBuilder b, List<String[]> rows, String indent) {
    int n = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    int[] width = new int[n];
    for (String[] r : rows) {
      for (int i = 0; i < r.length - 1; i++) width[i] = Math.max(width[i], r[i].codePointCount(0, r[i].length()));
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < r.length; i++) {
        line.append(r[i]);
        if (i < r.length - 1) line.append(" ".repeat(width[i] - r[i].codePointCount(0, r[i].length()) + 2));
      }
      b.append(line.toString().stripTrailing()).append('\n');
    }
  }

  // ---- Markdown

  static String markdown(Comparison c) {
    StringBuilder b = new StringBuilder();
    b.append("## Bulwark compare: `").append(code(c.to().name())).append("` against `").append(code(c.from().name())).append("`\n\n");
    b.append(cell(sentence(c))).append("\n\n");
    b.append("| | `").append(code(c.from().name())).append("` | `").append(code(c.to().name())).append("` |\n|---|---|---|\n");
    for (FieldChange f : c.fields()) {
      if (f.from() == null && f.to() == null) continue;
      b.append("| ").append(f.field()).append(" | ").append(cell(orDash(f.from()))).append(" | ").append(f.changed() ? "**" + cell(orDash(f.to())) + "**" : cell(orDash(f.to())))
          .append(" |\n");
    }
    Comparison.Sizes s = c.size();
    b.append("| size | ").append(bytes(s.fromCompressed())).append(" | ").append(bytes(s.toCompressed())).append(" (").append(signed(s.toCompressed() - s.fromCompressed()))
        .append(") |\n");
    b.append("| layers | ").append(c.from().layers().size()).append(" | ").append(c.to().layers().size()).append(" (").append(c.layers().shared())
        .append(" shared) |\n");
    b.append("| packages | ").append(c.from().packages().size()).append(" | ").append(c.to().packages().size()).append(" |\n");
    if (c.vulns() != null) {
      b.append("| vulnerabilities | ").append(orNone(counts(c.vulns().before()))).append(" | ").append(orNone(counts(c.vulns().after()))).append(" |\n");
      b.append("\n### Vulnerabilities: ").append(c.vulns().introduced().size()).append(" introduced, ").append(c.vulns().fixed().size()).append(" fixed\n\n");
      if (!c.vulns().introduced().isEmpty() || !c.vulns().fixed().isEmpty()) {
        b.append("| | Severity | Vulnerability | Package | Fix |\n|---|---|---|---|---|\n");
        for (ImageSummary.Vuln v : c.vulns().introduced()) vulnLine(b, "introduced", v);
        for (ImageSummary.Vuln v : c.vulns().fixed()) vulnLine(b, "fixed", v);
      }
    } else {
      b.append("\nVulnerabilities were not compared (no database).\n");
    }
    b.append("\n<details><summary>Packages: ").append(packageCounts(c)).append("</summary>\n\n");
    if (!c.packages().isEmpty()) {
      b.append("| Change | Type | Package | Before | After |\n|---|---|---|---|---|\n");
      for (PackageChange x : c.packages()) {
        b.append("| ").append(x.change().label()).append(" | ").append(x.ecosystem().displayName()).append(" | ").append(cell(x.name())).append(" | ")
            .append(cell(String.join(", ", x.fromVersions()))).append(" | ").append(cell(String.join(", ", x.toVersions()))).append(" |\n");
      }
    }
    b.append("\n</details>\n\n<details><summary>Layers: ").append(c.layers().shared()).append(" shared, ").append(c.layers().removed().size())
        .append(" removed, ").append(c.layers().added().size()).append(" added</summary>\n\n");
    for (ImageSummary.Layer x : c.layers().removed()) markdownLayer(b, "removed", x);
    for (ImageSummary.Layer x : c.layers().added()) markdownLayer(b, "added", x);
    b.append("\n</details>\n");
    return b.toString();
  }

  private static void vulnLine(StringBuilder b, String what, ImageSummary.Vuln v) {
    b.append("| ").append(what).append(" | ").append(v.severity() == Severity.INFO ? "unrated" : v.severity().label()).append(" | ").append(cell(v.id()))
        .append(" | ").append(cell(v.pkg() + " " + v.version())).append(" | ").append(v.fixed() == null ? "no fix yet" : cell(v.fixed())).append(" |\n");
  }

  /** A table cell: one line, pipes escaped, control characters as a terminal shows them (job logs are terminals). */
  private static String cell(String s) {
    return Escape.terminal(s.replace("|", "\\|").replace("\n", " "));
  }

  /** Inside backticks: a backtick would end the span. */
  private static String code(String s) {
    return cell(s).replace('`', '\'');
  }

  // ---- JSON

  static String json(Comparison c) throws IOException {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("schemaVersion", 1);
      g.writeStringField("image", c.to().name());
      g.writeStringField("comparedTo", c.from().name());
      g.writeStringField("summary", sentence(c));
      g.writeObjectFieldStart("fields");
      for (FieldChange f : c.fields()) {
        g.writeObjectFieldStart(f.field());
        g.writeStringField("from", f.from());
        g.writeStringField("to", f.to());
        g.writeBooleanField("changed", f.changed());
        g.writeEndObject();
      }
      g.writeEndObject();
      Comparison.Sizes s = c.size();
      g.writeObjectFieldStart("size");
      g.writeNumberField("fromBytes", s.fromCompressed());
      g.writeNumberField("toBytes", s.toCompressed());
      g.writeNumberField("deltaBytes", s.toCompressed() - s.fromCompressed());
      g.writeNumberField("fromUnpackedBytes", s.fromUncompressed());
      g.writeNumberField("toUnpackedBytes", s.toUncompressed());
      g.writeEndObject();
      g.writeObjectFieldStart("layers");
      g.writeNumberField("from", c.from().layers().size());
      g.writeNumberField("to", c.to().layers().size());
      g.writeNumberField("shared", c.layers().shared());
      layerArray(g, "removed", c.layers().removed());
      layerArray(g, "added", c.layers().added());
      g.writeEndObject();
      g.writeObjectFieldStart("packages");
      g.writeNumberField("from", c.from().packages().size());
      g.writeNumberField("to", c.to().packages().size());
      g.writeArrayFieldStart("changes");
      for (PackageChange x : c.packages()) {
        g.writeStartObject();
        g.writeStringField("change", x.change().label());
        g.writeStringField("type", x.ecosystem().displayName());
        g.writeStringField("name", x.name());
        strings(g, "from", x.fromVersions());
        strings(g, "to", x.toVersions());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      if (c.vulns() == null) {
        g.writeNullField("vulnerabilities");
      } else {
        g.writeObjectFieldStart("vulnerabilities");
        severityCounts(g, "from", c.vulns().before());
        severityCounts(g, "to", c.vulns().after());
        severityCounts(g, "introducedBySeverity", bySeverity(c.vulns().introduced()));
        severityCounts(g, "fixedBySeverity", bySeverity(c.vulns().fixed()));
        vulnArray(g, "introduced", c.vulns().introduced());
        vulnArray(g, "fixed", c.vulns().fixed());
        g.writeEndObject();
      }
      g.writeBooleanField("vulnsIncreased", c.vulnsIncreased());
      g.writeEndObject();
    }
    return w + "\n";
  }

  private static void markdownLayer(StringBuilder b, String what, ImageSummary.Layer x) {
    b.append("- ").append(what).append(" `").append(code(shortDigest(x.diffId()))).append("` ").append(bytes(x.compressedBytes()));
    if (!command(x).isEmpty()) b.append(" `").append(code(command(x))).append('`');
    b.append('\n');
  }

  /** Longest command shown in a row: a layer's RUN can be a page of shell. */
  static final int COMMAND_WIDTH = 100;

  /**
   * The build step that made the layer, as a Dockerfile names it: the classic builder's {@code /bin/sh -c #(nop) } and
   * {@code /bin/sh -c } prefixes read as the instruction, BuildKit's {@code # buildkit} suffix dropped, cut to
   * {@link #COMMAND_WIDTH}; empty when the history does not say.
   */
  static String command(ImageSummary.Layer x) {
    String c = x.createdBy();
    if (c == null) return "";
    c = c.strip().replaceAll("\\s+", " ");
    if (c.endsWith(" # buildkit")) c = c.substring(0, c.length() - " # buildkit".length());
    if (c.startsWith("/bin/sh -c #(nop) ")) {
      c = c.substring("/bin/sh -c #(nop) ".length()).strip();
    } else if (c.startsWith("/bin/sh -c ")) {
      c = "RUN " + c.substring("/bin/sh -c ".length());
    }
    return c.length() > COMMAND_WIDTH ? c.substring(0, COMMAND_WIDTH - 1) + "…" : c;
  }

  private static void layerArray(JsonGenerator g, String name, List<ImageSummary.Layer> layers) throws IOException {
    g.writeArrayFieldStart(name);
    for (ImageSummary.Layer l : layers) {
      g.writeStartObject();
      g.writeStringField("diffId", l.diffId());
      g.writeNumberField("bytes", l.compressedBytes());
      g.writeNumberField("unpackedBytes", l.uncompressedBytes());
      if (l.createdBy() != null) g.writeStringField("createdBy", l.createdBy());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void vulnArray(JsonGenerator g, String name, List<ImageSummary.Vuln> vulns) throws IOException {
    g.writeArrayFieldStart(name);
    for (ImageSummary.Vuln v : vulns) {
      g.writeStartObject();
      g.writeStringField("id", v.id());
      strings(g, "aliases", v.aliases());
      g.writeStringField("severity", v.severity().label());
      g.writeStringField("package", v.pkg());
      g.writeStringField("version", v.version());
      g.writeStringField("fixed", v.fixed());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (String s : values) g.writeString(s);
    g.writeEndArray();
  }

  private static void severityCounts(JsonGenerator g, String name, Map<Severity, Integer> counts) throws IOException {
    g.writeObjectFieldStart(name);
    for (Severity s : Severity.values()) g.writeNumberField(s == Severity.INFO ? "unrated" : s.label(), counts.getOrDefault(s, 0));
    g.writeEndObject();
  }

  // ---- shared

  private static Map<Severity, Integer> bySeverity(List<ImageSummary.Vuln> list) {
    Map<Severity, Integer> m = new java.util.EnumMap<>(Severity.class);
    for (ImageSummary.Vuln v : list) m.merge(v.severity(), 1, Integer::sum);
    return m;
  }

  /** "1 critical, 5 high, 2 low"; empty when all are zero. */
  static String counts(Map<Severity, Integer> m) {
    List<String> parts = new ArrayList<>();
    for (Severity sev : Severity.values()) {
      int n = m.getOrDefault(sev, 0);
      if (n > 0) parts.add(n + " " + (sev == Severity.INFO ? "unrated" : sev.label()));
    }
    return String.join(", ", parts);
  }

  private static String orNone(String s) {
    return s.isEmpty() ? "none" : s;
  }

  private static String orDash(String s) {
    return s == null ? "-" : esc(s);
  }

  private static String esc(String s) {
    return s == null ? "" : Escape.terminal(s);
  }

  private static String shortDigest(String d) {
    if (d == null) return "(unknown)";
    return d.startsWith("sha256:") && d.length() > 19 ? d.substring(0, 19) : d;
  }

  /** Decimal units, as docker shows image sizes. */
  static String bytes(long n) {
    long a = Math.abs(n);
    if (a < 1000) return n + " B";
    String[] units = {"kB", "MB", "GB", "TB"};
    double v = n;
    int i = -1;
    while (Math.abs(v) >= 1000 && i < units.length - 1) {
      v /= 1000;
      i++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
  }

  private static String signed(long delta) {
    return delta == 0 ? "unchanged" : (delta > 0 ? "+" : "") + bytes(delta);
  }
}
