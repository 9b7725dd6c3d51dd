package dev.bulwark.vuln.feed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.vuln.osv.Advisory;
import dev.bulwark.vuln.osv.Affected;
import dev.bulwark.vuln.osv.Range;
import dev.bulwark.vuln.version.VersionSchemes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Alpine's secdb JSON ({@code v3.20/main.json}): {@code distroversion} is the branch, each {@code packages[].pkg} names
 * an aport (the {@code origin} of the binary packages built from it) and {@code secfixes} maps the first fixed
 * version to the ids it fixes. Each (branch, aport, id) becomes one advisory in ecosystem {@code Alpine:v3.x}
 * affecting every version below the fix by apk's order. A fixed version of {@code 0} means the branch was never
 * affected (Alpine's convention), so it yields nothing.
 */
final class AlpineSecdb {
  private AlpineSecdb() {}

  /** True when the top-level fields are secdb's. */
  static boolean looks(JsonNode root) {
    return root.isObject() && root.has("packages") && (root.has("distroversion") || root.has("reponame"));
  }

  /** The advisories of one secdb file; {@code bad} gets one message per unusable entry. */
  static void read(JsonNode root, String where, Consumer<Advisory> out, Consumer<String> bad) {
    String branch = text(root.get("distroversion"));
    if (branch == null || branch.isBlank()) {
      bad.accept(where + ": Alpine secdb without distroversion (the branch); skipped");
      return;
    }
    String ecosystem = "Alpine:" + branch;
    JsonNode packages = root.get("packages");
    if (packages.isObject() && packages.isEmpty()) return; // how secdb writes a repository without fixes
    if (!packages.isArray()) {
      bad.accept(where + ": Alpine secdb \"packages\" is not an array; skipped");
      return;
    }
    for (JsonNode p : packages) {
      JsonNode pkg = p.get("pkg");
      String name = pkg == null ? null : text(pkg.get("name"));
      if (name == null) {
        bad.accept(where + ": an Alpine secdb package without pkg.name; skipped");
        continue;
      }
      JsonNode secfixes = pkg.get("secfixes");
      if (secfixes == null || !secfixes.isObject()) continue;
      for (Iterator<Map.Entry<String, JsonNode>> it = secfixes.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> fix = it.next();
        String fixed = fix.getKey().strip();
        if (fixed.equals("0")) continue; // never affected on this branch
        if (!VersionSchemes.APK.isValid(fixed)) {
          bad.accept(where + ": " + name + ": fixed version '" + fixed + "' is not a valid apk version; skipped");
          continue;
        }
        for (String id : ids(fix.getValue())) {
          Range range = new Range(Range.Type.ECOSYSTEM, List.of(new Range.Event(Range.Kind.INTRODUCED, "0"), new Range.Event(Range.Kind.FIXED, fixed)));
          Affected affected = new Affected(ecosystem, name, null, List.of(range), List.of());
          out.accept(new Advisory(Feeds.localId("alpine", branch, name, id), List.of(id), null, List.of(), null, null, null, null,
              List.of(affected)));
        }
      }
    }
  }

  /** The ids a secfixes entry lists: strings of one or more ids ("CVE-2019-1 CVE-2019-2", "CVE-2018-3 (disputed)"). */
  static List<String> ids(JsonNode list) {
    List<String> out = new ArrayList<>();
    if (list == null || !list.isArray()) return out;
    for (JsonNode n : list) {
      String s = text(n);
      if (s == null) continue;
      for (String token : s.strip().split("\\s+")) {
        if (Feeds.isId(token) && !out.contains(token)) out.add(token);
      }
    }
    return out;
  }

  static String text(JsonNode n) {
    return n != null && n.isTextual() ? n.asText() : null;
  }
}
