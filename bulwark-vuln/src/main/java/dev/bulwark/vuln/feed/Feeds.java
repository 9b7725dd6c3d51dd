package dev.bulwark.vuln.feed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.vuln.osv.OsvFormatException;
import dev.bulwark.vuln.osv.OsvImport;
import dev.bulwark.vuln.osv.OsvParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads every advisory feed {@code bulwark db import} takes, by content rather than by name: OSV ({@code .jsonl},
 * {@code .json}, {@code .zip}), Alpine secdb JSON and the Debian security tracker JSON, or a directory of any of them.
 * A {@code .json} file is OSV when its object has an {@code id}, secdb when it has {@code packages} and
 * {@code distroversion}, and otherwise read as the tracker's {@code {source: {id: …}}}, one source package at a time
 * (the real file is ~80 MB; a tree of all of it is not needed).
 */
public final class Feeds {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The largest JSON feed file: the Debian tracker's is ~80 MB today. */
  static final long MAX_JSON_BYTES = 1L << 30;
  private static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Za-z0-9._]+)+");

  private Feeds() {}

  /** Imports {@code path}, a file or a directory walked in name order. */
  public static OsvImport.Result read(Path path) throws IOException {
    OsvImport.Collector c = new OsvImport.Collector();
    if (Files.isDirectory(path)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(path)) {
        files = walk.filter(Files::isRegularFile).filter(Feeds::isFeedFile).sorted().toList();
      }
      for (Path f : files) file(f, c);
    } else {
      file(path, c);
    }
    OsvImport.Result r = c.result();
    List<dev.bulwark.vuln.osv.Advisory> compact = new java.util.ArrayList<>(r.advisories().size());
    for (dev.bulwark.vuln.osv.Advisory a : r.advisories()) compact.add(compact(a));
    return new OsvImport.Result(compact, r.withdrawn(), r.errors());
  }

  /** The record with only the listed versions that add to its ranges ({@code Matcher.withoutRedundantVersions}). */
  static dev.bulwark.vuln.osv.Advisory compact(dev.bulwark.vuln.osv.Advisory a) {
    List<dev.bulwark.vuln.osv.Affected> affected = new java.util.ArrayList<>(a.affected().size());
    boolean changed = false;
    for (dev.bulwark.vuln.osv.Affected af : a.affected()) {
      dev.bulwark.vuln.osv.Affected c = dev.bulwark.vuln.db.Matcher.withoutRedundantVersions(af);
      changed |= c != af;
      affected.add(c);
    }
    return !changed ? a : new dev.bulwark.vuln.osv.Advisory(a.id(), a.aliases(), a.summary(), a.severity(), a.databaseSeverity(), a.published(),
        a.modified(), a.withdrawn(), affected);
  }

  private static boolean isFeedFile(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".zip");
  }

  private static void file(Path f, OsvImport.Collector c) throws IOException {
    if (!f.getFileName().toString().endsWith(".json")) {
      c.file(f);
      return;
    }
    if (Files.size(f) > MAX_JSON_BYTES) {
      c.error(f + ": over " + (MAX_JSON_BYTES >> 20) + " MiB; no advisory feed file is this large; skipped");
      return;
    }
    try (InputStream in = Files.newInputStream(f); JsonParser p = JSON.getFactory().createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        c.error(f + ": not an OSV record, Alpine secdb or Debian tracker file (not a JSON object); skipped");
        return;
      }
      JsonToken t = p.nextToken();
      if (t == JsonToken.END_OBJECT) return; // {}: an empty tracker file
      String first = p.currentName();
      if (isTopLevelOf(first)) {
        osvOrSecdb(f, c);
        return;
      }
      // the tracker: source package -> ids
      String where = f.toString();
      while (t == JsonToken.FIELD_NAME) {
        String source = p.currentName();
        p.nextToken();
        JsonNode ids = p.readValueAsTree();
        DebianTracker.readPackage(source, ids, where, c::add, c::error);
        t = p.nextToken();
      }
      if (t != JsonToken.END_OBJECT) throw new JsonParseFailure("unexpected " + t);
    } catch (JsonProcessingException | JsonParseFailure e) {
      c.error(f + ": not valid JSON (" + oneLine(e.getMessage()) + "); what was read before is kept");
    }
  }

  /** Fields that open an OSV record or a secdb file, never a Debian source package name (those are lower case). */
  private static boolean isTopLevelOf(String field) {
    return switch (field) {
      case "id", "schema_version", "modified", "published", "aliases", "summary", "details", "affected", "severity", "withdrawn",
          "packages", "apkurl", "archs", "urlprefix", "reponame", "distroversion" -> true;
      default -> false;
    };
  }

  private static void osvOrSecdb(Path f, OsvImport.Collector c) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(f.toFile());
    } catch (JsonProcessingException e) {
      c.error(f + ": not JSON: " + oneLine(e.getOriginalMessage()));
      return;
    }
    if (AlpineSecdb.looks(root)) {
      AlpineSecdb.read(root, f.toString(), c::add, c::error);
    } else if (Files.size(f) > OsvImportLimits.MAX_RECORD_BYTES) {
      c.error(f + ": a record over " + (OsvImportLimits.MAX_RECORD_BYTES >> 20) + " MiB (no OSV record is this large); skipped");
    } else {
      try {
        c.osv(OsvParser.parse(root), f.toString());
      } catch (OsvFormatException e) {
        c.error(f + ": " + e.getMessage());
      }
    }
  }

  /** The id of an advisory made from a distribution feed: never shown (the vulnerability's own id is its alias). */
  static String localId(String feed, String release, String pkg, String id) {
    return feed + ":" + release + ":" + pkg + ":" + id;
  }

  /** True for a vulnerability id ({@code CVE-2024-1}, {@code TEMP-0000000-A1B2C3}, {@code GHSA-…}). */
  static boolean isId(String s) {
    return ID.matcher(s).matches();
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ');
  }

  /** A structure error found while streaming. */
  private static final class JsonParseFailure extends IOException {
    private static final long serialVersionUID = 1L;

    JsonParseFailure(String m) {
      super(m);
    }
  }

  /** The OSV importer's record bound, here too. */
  private static final class OsvImportLimits {
    static final long MAX_RECORD_BYTES = 16 << 20;
  }
}
