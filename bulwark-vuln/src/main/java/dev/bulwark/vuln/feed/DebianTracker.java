package dev.bulwark.vuln.feed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.vuln.osv.Advisory;
import dev.bulwark.vuln.osv.Affected;
import dev.bulwark.vuln.osv.Range;
import dev.bulwark.vuln.version.VersionSchemes;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Debian security tracker's JSON ({@code https://security-tracker.debian.org/tracker/data/json}):
 * {@code {source: {id: {description, releases: {codename: {status, fixed_version, urgency, nodsa, nodsa_reason}}}}}}.
 * Each (release, source package, id) becomes one advisory in ecosystem {@code Debian:<major>} (the codename mapped by
 * {@link #MAJOR}; an unknown one is kept as written), keeping the tracker's states:
 *
 * <ul>
 *   <li>{@code resolved} with a {@code fixed_version}: affected below it, by dpkg's order;
 *   <li>{@code resolved} with {@code fixed_version "0"}: not affected; no advisory (so never a match);
 *   <li>{@code open}: unfixed, every version affected, no fix to offer; with {@code nodsa} the security team will not
 *       issue an advisory ({@code nodsa_reason} empty: {@code no-dsa}; or {@code postponed}, {@code ignored}), kept
 *       as the match's note; urgency {@code end-of-life}: the package is no longer supported in that release;
 *   <li>{@code undetermined}: treated as open, noted as undetermined.
 * </ul>
 *
 * The urgency ({@code unimportant}, {@code low}, {@code medium}, {@code high}; {@code not yet assigned} is none) is the
 * vendor severity.
 */
final class DebianTracker {
  private DebianTracker() {}

  /** Debian's release codenames by major version (the tracker writes codenames, os-release and OSV the number). */
  static final Map<String, String> MAJOR = Map.ofEntries(
      Map.entry("etch", "4"), Map.entry("lenny", "5"), Map.entry("squeeze", "6"), Map.entry("wheezy", "7"),
      Map.entry("jessie", "8"), Map.entry("stretch", "9"), Map.entry("buster", "10"), Map.entry("bullseye", "11"),
      Map.entry("bookworm", "12"), Map.entry("trixie", "13"), Map.entry("forky", "14"), Map.entry("duke", "15"));

  /** The OSV ecosystem of a tracker release. */
  static String ecosystem(String codename) {
    return "Debian:" + MAJOR.getOrDefault(codename, codename);
  }

  /** The advisories of one source package's entry of the tracker JSON. */
  static void readPackage(String source, JsonNode ids, String where, Consumer<Advisory> out, Consumer<String> bad) {
    if (!ids.isObject()) {
      bad.accept(where + ": " + source + ": not an object of vulnerability ids; skipped");
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = ids.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String id = e.getKey();
      JsonNode releases = e.getValue().get("releases");
      if (releases == null || !releases.isObject()) continue;
      String summary = AlpineSecdb.text(e.getValue().get("description"));
      for (Iterator<Map.Entry<String, JsonNode>> rs = releases.fields(); rs.hasNext(); ) {
        Map.Entry<String, JsonNode> r = rs.next();
        Affected affected = affected(source, r.getKey(), r.getValue(), where + ": " + source + " " + id, bad);
        if (affected != null) {
          out.accept(new Advisory(Feeds.localId("debian", r.getKey(), source, id), List.of(id), summary, List.of(), null, null, null, null,
              List.of(affected)));
        }
      }
    }
  }

  private static Affected affected(String source, String codename, JsonNode r, String where, Consumer<String> bad) {
    String status = AlpineSecdb.text(r.get("status"));
    String fixed = AlpineSecdb.text(r.get("fixed_version"));
    String urgency = AlpineSecdb.text(r.get("urgency"));
    String vendorSeverity = urgency == null || urgency.startsWith("not yet") || urgency.equals("end-of-life") ? null : urgency.replace("**", "");
    Range.Event introduced = new Range.Event(Range.Kind.INTRODUCED, "0");
    if ("resolved".equals(status)) {
      if (fixed == null || fixed.equals("0")) return null; // not affected
      if (!VersionSchemes.DPKG.isValid(fixed)) {
        bad.accept(where + " (" + codename + "): fixed version '" + fixed + "' is not a valid dpkg version; skipped");
        return null;
      }
      Range range = new Range(Range.Type.ECOSYSTEM, List.of(introduced, new Range.Event(Range.Kind.FIXED, fixed)));
      return new Affected(ecosystem(codename), source, null, List.of(range), List.of(), null, vendorSeverity);
    }
    if (!"open".equals(status) && !"undetermined".equals(status)) {
      bad.accept(where + " (" + codename + "): unknown status '" + status + "'; skipped");
      return null;
    }
    String note;
    if ("end-of-life".equals(urgency)) {
      note = "end-of-life";
    } else if (r.has("nodsa")) {
      String reason = AlpineSecdb.text(r.get("nodsa_reason"));
      note = reason == null || reason.isBlank() ? "no-dsa" : reason;
    } else {
      note = "undetermined".equals(status) ? "undetermined" : null;
    }
    Range range = new Range(Range.Type.ECOSYSTEM, List.of(introduced));
    return new Affected(ecosystem(codename), source, null, List.of(range), List.of(), note, vendorSeverity);
  }
}
