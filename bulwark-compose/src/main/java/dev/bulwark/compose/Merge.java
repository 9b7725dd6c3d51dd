package dev.bulwark.compose;

import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlNode;
import dev.bulwark.yaml.YamlScalar;
import dev.bulwark.yaml.YamlSequence;
import dev.bulwark.yaml.YamlStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges one Compose model over another as {@code docker compose -f a -f b} and {@code extends} do
 * (the compose specification's merge rules): mappings recursively, a later scalar replacing an
 * earlier one; {@code command}, {@code entrypoint} and {@code healthcheck.test} replaced whole;
 * {@code environment}, {@code labels}, {@code extra_hosts}, {@code sysctls} (list or map form)
 * merged by key; {@code volumes}, {@code devices}, {@code secrets} and {@code configs} by their
 * target path; {@code ports}, {@code expose}, {@code dns}, {@code tmpfs} and the like appended,
 * duplicates dropped; {@code networks} and {@code depends_on} by name; {@code logging} only when the
 * driver is the same; a value tagged {@code !reset} removes the key, one tagged {@code !override}
 * replaces it. Nodes are never changed: merged ones are new, recorded in {@link Origins} with the
 * file of the earlier node (so a finding about a whole service points at where it is first defined).
 */
final class Merge {
  private static final Set<String> REPLACED = Set.of("command", "entrypoint", "healthcheck.test");
  private static final Set<String> BY_KEY = Set.of("environment", "labels", "extra_hosts", "sysctls", "annotations", "build.args",
      "build.labels", "build.extra_hosts", "deploy.labels");
  private static final Set<String> BY_NAME = Set.of("networks", "depends_on");
  private static final Set<String> UNIQUE = Set.of("ports", "expose", "external_links", "dns", "dns_search", "dns_opt", "tmpfs",
      "cap_add", "cap_drop", "security_opt", "env_file", "profiles", "links", "volumes_from", "device_cgroup_rules", "group_add");
  private static final Set<String> BY_TARGET = Set.of("volumes", "devices", "secrets", "configs");

  private final Origins origins;
  private final YamlStream fallback;

  Merge(Origins origins, YamlStream fallback) {
    this.origins = origins;
    this.fallback = fallback;
  }

  /** The top level: services one by one, everything else as plain mappings. */
  YamlMapping root(YamlMapping base, YamlMapping over) {
    return mapping("", base, over);
  }

  /** One service over another ({@code extends}, or the same service in a later file). */
  YamlMapping service(YamlMapping base, YamlMapping over) {
    return mapping("service", base, over);
  }

  private YamlMapping mapping(String path, YamlMapping base, YamlMapping over) {
    List<YamlMapping.Entry> out = new ArrayList<>(base.entries());
    for (YamlMapping.Entry e : over.entries()) {
      String k = e.key().value();
      int at = indexOf(out, k);
      String tag = e.value().tag();
      if ("!reset".equals(tag)) {
        if (at >= 0) {
          out.remove(at);
        }
        continue;
      }
      if (at < 0) {
        out.add(e);
        continue;
      }
      YamlMapping.Entry b = out.get(at);
      YamlNode merged = "!override".equals(tag) || k.startsWith("x-") ? e.value() : value(child(path, k), b.value(), e.value());
      // a replaced value is the later file's, key and all; a merged one stays where it was first written
      out.set(at, merged == e.value() ? e : new YamlMapping.Entry(b.key(), merged));
    }
    return made(new YamlMapping(out, base.tag(), base.span()), base);
  }

  /** The path rules are keyed on: {@code services.web.healthcheck} is {@code healthcheck} within {@code service}. */
  private static String child(String path, String key) {
    if (path.isEmpty()) {
      return key.equals("services") ? "services" : "top";
    }
    if (path.equals("services")) {
      return "service";
    }
    if (path.equals("service")) {
      return key;
    }
    if (path.equals("top")) {
      return "top";
    }
    return path.equals("ulimits") ? "ulimits.*" : path + "." + key;
  }

  private YamlNode value(String path, YamlNode b, YamlNode o) {
    if (REPLACED.contains(path)) {
      return o;
    }
    if (BY_KEY.contains(path)) {
      return byKey(b, o, path.endsWith("extra_hosts"));
    }
    if (BY_NAME.contains(path)) {
      return byName(path, b, o);
    }
    if (BY_TARGET.contains(path)) {
      return unique(b, o, path);
    }
    if (UNIQUE.contains(path)) {
      return unique(b, o, path);
    }
    if (path.equals("logging") && b instanceof YamlMapping bm && o instanceof YamlMapping om) {
      String bd = bm.string("driver");
      String od = om.string("driver");
      return bd == null || od == null || bd.equals(od) ? mapping(path, bm, om) : o;
    }
    if (path.equals("service") && isNull(b) && o instanceof YamlMapping) {
      return o;
    }
    if (path.equals("service") && b instanceof YamlMapping && isNull(o)) {
      return b;
    }
    if (b instanceof YamlMapping bm && o instanceof YamlMapping om) {
      return mapping(path, bm, om);
    }
    if (b instanceof YamlSequence bs && o instanceof YamlSequence os && !path.equals("top")) {
      List<YamlNode> items = new ArrayList<>(bs.items());
      items.addAll(os.items());
      return made(new YamlSequence(items, bs.tag(), bs.span()), bs);
    }
    return o;
  }

  private static boolean isNull(YamlNode n) {
    return n instanceof YamlScalar s && s.isNull();
  }

  /** Both lists, later items replacing earlier ones of the same identity (where the first one was), new ones appended. */
  private YamlNode unique(YamlNode b, YamlNode o, String path) {
    List<YamlNode> all = concat(items(b), items(o));
    List<String> ids = new ArrayList<>(all.size());
    for (YamlNode n : all) {
      ids.add(identity(path, n));
    }
    List<YamlNode> items = dedupe(all, ids);
    YamlSequence shape = b instanceof YamlSequence s ? s : null;
    return made(new YamlSequence(items, shape == null ? null : shape.tag(), b.span()), b);
  }

  /** {@code items} without repeats of an id ({@code ids}, one per item): a later item replaces the earlier one where it was. */
  private static List<YamlNode> dedupe(List<YamlNode> items, List<String> ids) {
    List<YamlNode> out = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      Integer at = seen.putIfAbsent(ids.get(i), out.size());
      if (at == null) {
        out.add(items.get(i));
      } else {
        out.set(at, items.get(i));
      }
    }
    return out;
  }

  /** What makes two items of a list the same one: a volume's or secret's target path, a port's binding, else the text. */
  static String identity(String path, YamlNode n) {
    if (n instanceof YamlMapping m) {
      return switch (path) {
        case "volumes", "devices" -> String.valueOf(m.string("target"));
        case "secrets" -> target(m, "/run/secrets/");
        case "configs" -> target(m, "/");
        case "ports" -> (m.string("host_ip") == null ? "0.0.0.0" : m.string("host_ip")) + ":" + m.string("published") + ":"
            + m.string("target") + "/" + (m.string("protocol") == null ? "tcp" : m.string("protocol"));
        default -> "map:" + m.span().startOffset();
      };
    }
    String v = n instanceof YamlScalar s ? s.value() : "seq:" + n.span().startOffset();
    return switch (path) {
      case "volumes", "devices" -> shortTarget(v);
      case "secrets" -> "/run/secrets/" + v;
      case "configs" -> "/" + v;
      default -> v;
    };
  }

  private static String target(YamlMapping m, String dir) {
    String t = m.string("target");
    if (t != null) {
      return t.startsWith("/") ? t : dir + t;
    }
    return dir + m.string("source");
  }

  /** {@code src:dst[:mode]} → dst; a lone path is its own target. A Windows drive ({@code C:\…}) is not a separator. */
  private static String shortTarget(String v) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) == ':' && !(i == start + 1 && Character.isLetter(v.charAt(start)) && i + 1 < v.length()
          && (v.charAt(i + 1) == '\\' || v.charAt(i + 1) == '/'))) {
        parts.add(v.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(v.substring(start));
    return parts.size() >= 2 ? parts.get(1) : parts.get(0);
  }

  /** {@code environment} and the like: a mapping or a list of {@code KEY=value}; later keys win, in place. */
  private YamlNode byKey(YamlNode b, YamlNode o, boolean hosts) {
    if (b instanceof YamlMapping bm && o instanceof YamlMapping om) {
      return flat(bm, om);
    }
    List<YamlNode> all = concat(asList(b), asList(o));
    List<String> ids = new ArrayList<>(all.size());
    for (YamlNode n : all) {
      ids.add(n instanceof YamlScalar s ? keyOf(s.value(), hosts) : "node:" + n.span().startOffset());
    }
    return made(new YamlSequence(dedupe(all, ids), null, b.span()), b);
  }

  /** Keys of {@code o} replace those of {@code b} in place (no recursion: these are string maps). */
  private YamlMapping flat(YamlMapping b, YamlMapping o) {
    List<YamlMapping.Entry> out = new ArrayList<>(b.entries());
    for (YamlMapping.Entry e : o.entries()) {
      int at = indexOf(out, e.key().value());
      if (at < 0) {
        out.add(e);
      } else {
        out.set(at, e);
      }
    }
    return made(new YamlMapping(out, b.tag(), b.span()), b);
  }

  private static String keyOf(String item, boolean hosts) {
    int eq = item.indexOf('=');
    if (hosts) {
      int colon = item.indexOf(':');
      eq = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
    }
    return eq < 0 ? item : item.substring(0, eq);
  }

  /** A map's entries as {@code KEY=value} items (spanning key to value), a list as it is. */
  private List<YamlNode> asList(YamlNode n) {
    if (!(n instanceof YamlMapping m)) {
      return items(n);
    }
    List<YamlNode> out = new ArrayList<>();
    for (YamlMapping.Entry e : m.entries()) {
      boolean bare = e.value() instanceof YamlScalar s && s.isNull();
      String text = bare ? e.key().value() : e.key().value() + "=" + (e.value() instanceof YamlScalar s ? s.value() : "");
      out.add(made(new YamlScalar(text, false, null, bare ? e.key().span() : e.key().span().to(e.value().span())), e.key()));
    }
    return out;
  }

  /** {@code networks} and {@code depends_on}: a list of names or a mapping by name; merged by name, a mapping when either is. */
  private YamlNode byName(String path, YamlNode b, YamlNode o) {
    if (b instanceof YamlSequence && o instanceof YamlSequence) {
      return unique(b, o, path);
    }
    YamlMapping bm = asMapping(b);
    YamlMapping om = asMapping(o);
    List<YamlMapping.Entry> out = new ArrayList<>(bm.entries());
    for (YamlMapping.Entry e : om.entries()) {
      int at = indexOf(out, e.key().value());
      if (at < 0) {
        out.add(e);
      } else if (out.get(at).value() instanceof YamlMapping x && e.value() instanceof YamlMapping y) {
        out.set(at, new YamlMapping.Entry(out.get(at).key(), mapping(path + ".*", x, y)));
      } else if (!isNull(e.value()) || !(out.get(at).value() instanceof YamlMapping)) {
        out.set(at, e);
      }
    }
    return made(new YamlMapping(out, null, b.span()), b);
  }

  private YamlMapping asMapping(YamlNode n) {
    if (n instanceof YamlMapping m) {
      return m;
    }
    List<YamlMapping.Entry> out = new ArrayList<>();
    for (YamlNode item : items(n)) {
      if (item instanceof YamlScalar s) {
        YamlScalar none = made(new YamlScalar("", true, null, s.span()), s);
        out.add(new YamlMapping.Entry(s, none));
      }
    }
    return made(new YamlMapping(out, null, n.span()), n);
  }

  /** A list's items; a lone scalar ({@code dns: 8.8.8.8}) is a list of one. */
  private static List<YamlNode> items(YamlNode n) {
    if (n instanceof YamlSequence s) {
      return s.items();
    }
    return n instanceof YamlScalar s && s.isNull() ? List.of() : List.of(n);
  }

  private static List<YamlNode> concat(List<YamlNode> a, List<YamlNode> b) {
    List<YamlNode> out = new ArrayList<>(a.size() + b.size());
    out.addAll(a);
    out.addAll(b);
    return out;
  }

  private static int indexOf(List<YamlMapping.Entry> entries, String key) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).key().value().equals(key)) {
        return i;
      }
    }
    return -1;
  }

  /** {@code made} comes from the file {@code from} is in. */
  private <N extends YamlNode> N made(N made, YamlNode from) {
    origins.put(made, origins.of(from, fallback));
    return made;
  }
}
