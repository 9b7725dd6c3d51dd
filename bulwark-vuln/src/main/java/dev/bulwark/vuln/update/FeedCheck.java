package dev.bulwark.vuln.update;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.bulwark.vuln.osv.Advisory;
import dev.bulwark.vuln.osv.Affected;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The checks a downloaded feed passes before it may replace anything. The importers are lenient on purpose (a bad
 * record is skipped, a JSON file cut short keeps what was read); an update is not: a download that is cut short, not
 * the format its URL promises, or empty is refused, and so is one that would shrink what the database knew.
 */
public final class FeedCheck {
  private static final JsonFactory JSON = new JsonFactory();

  private FeedCheck() {}

  /**
   * The file's structure, before it is imported: a zip whose directory reads, or exactly one JSON object, read to its
   * end as a token stream (constant memory, whatever the size).
   */
  public static void structure(Download d, Path file) throws IOException {
    long size = Files.size(file);
    if (size == 0) throw new IOException(d.label() + ": the download is empty");
    if (d.kind() == Download.Kind.OSV_ZIP) {
      try (ZipFile zip = new ZipFile(file.toFile())) {
        if (zip.size() == 0) throw new IOException(d.label() + ": the zip archive holds no records");
      } catch (ZipException e) {
        throw new IOException(d.label() + ": not a readable zip archive (" + e.getMessage() + "; a truncated or corrupt download)", e);
      }
      return;
    }
    try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
      JsonToken first;
      try {
        first = p.nextToken();
      } catch (JsonProcessingException e) {
        first = null; // not JSON from its first byte: an HTML page, a zip
      }
      if (first != JsonToken.START_OBJECT) throw new IOException(d.label() + ": not a JSON object (an error page, or another file?)");
      boolean packages = false;
      boolean distroversion = false;
      for (JsonToken t; (t = p.nextToken()) == JsonToken.FIELD_NAME; ) {
        packages |= p.currentName().equals("packages");
        distroversion |= p.currentName().equals("distroversion");
        p.nextToken();
        p.skipChildren();
      }
      if (p.currentToken() != JsonToken.END_OBJECT) throw new IOException(d.label() + ": not valid JSON (unexpected " + p.currentToken() + ")");
      if (p.nextToken() != null) throw new IOException(d.label() + ": data after the JSON object");
      if (d.kind() == Download.Kind.ALPINE_SECDB && !(packages && distroversion)) {
        throw new IOException(d.label() + ": not an Alpine secdb file (no \"packages\" and \"distroversion\")");
      }
    } catch (JsonProcessingException e) {
      throw new IOException(d.label() + ": not valid JSON (" + e.getOriginalMessage() + " at byte " + e.getLocation().getByteOffset()
          + " of " + size + "; a truncated or corrupt download)", e);
    }
  }

  /**
   * What the import of a download gave: some advisories of the download's own ecosystems (a mirror serving the wrong
   * file, or a feed read as nothing, gives none), and not mostly bad records.
   */
  public static void records(Download d, List<Advisory> advisories, int bad) throws IOException {
    // secdb writes a repository without fixes as "packages": {} (structure() has seen it is secdb)
    if (d.kind() == Download.Kind.ALPINE_SECDB && advisories.isEmpty() && bad == 0) return;
    long inScope = advisories.stream().filter(a -> covers(d.scope(), a)).count();
    if (inScope == 0) {
      throw new IOException(d.label() + ": no " + d.scope().name() + " advisories in the download" + (advisories.isEmpty() ? "" : " (" + advisories.size()
          + " of other ecosystems)") + (bad > 0 ? ", " + bad + " bad records" : "") + "; not the expected feed");
    }
    if (bad > advisories.size()) throw new IOException(d.label() + ": " + bad + " bad records against " + advisories.size() + " good ones; not the expected feed");
  }

  /**
   * Refuses a download that gives less than half the advisories the current database holds for its ecosystems (a
   * mirror's partial copy that is still a valid file). {@code before} is the current per-ecosystem count,
   * {@code advisories} what every download of {@code scope} gave (a branch's main and community together).
   */
  public static void notShrunk(Download.Scope scope, Map<String, Integer> before, List<Advisory> advisories) throws IOException {
    long old = 0;
    for (Map.Entry<String, Integer> e : before.entrySet()) if (scope.covers(e.getKey())) old += e.getValue();
    long now = advisories.stream().filter(a -> covers(scope, a)).count();
    if (old > 0 && now * 2 < old) {
      throw new IOException(scope.name() + ": the downloads give " + now + " advisories where the database has " + old + " (less than half); a partial mirror? "
          + "(--allow-shrink accepts it)");
    }
  }

  static boolean covers(Download.Scope scope, Advisory a) {
    for (Affected af : a.affected()) if (scope.covers(af.ecosystem())) return true;
    return false;
  }
}
