import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Bulwark's verdicts against Trivy's, per (Dockerfile, Trivy check): a Bulwark finding counts for a
 * Trivy check when its own {@code aliases} field in Bulwark's JSON names the check (DS002…), so a
 * finding that carries DS025 for its apk command but not for an apt one counts only where it does.
 * Run with the JDK's source launcher (bench/trivy-agreement.sh does):
 * {@code java bench/TrivyAgreement.java [--list DS013] BULWARK.json TRIVY.json...}.
 * Files are those Bulwark scanned (Trivy's targets are resolved against each report's
 * ArtifactName); Trivy's FAIL results are its verdicts. Prints both / Bulwark-only / Trivy-only per
 * check with precision and recall of Bulwark against Trivy, for all files and for the files whose
 * purpose Bulwark judges an application image. {@code --list ID} also names the files where the two
 * disagree on ID, with the lines each tool reports.
 */
public final class TrivyAgreement {
  /** One file: its purpose and, per DS id, the lines each tool reports (0 when the tool gives none). */
  private static final class FileVerdicts {
    boolean application;
    final Map<String, TreeSet<Integer>> bulwark = new TreeMap<>();
    final Map<String, TreeSet<Integer>> trivy = new TreeMap<>();
  }

  /** Counts for one check. */
  private static final class Tally {
    int both;
    int bulwarkOnly;
    int trivyOnly;

    void add(Tally t) {
      both += t.both;
      bulwarkOnly += t.bulwarkOnly;
      trivyOnly += t.trivyOnly;
    }
  }

  public static void main(String[] args) throws IOException {
    List<String> rest = new ArrayList<>(List.of(args));
    String list = null;
    if (rest.size() >= 2 && rest.get(0).equals("--list")) {
      list = rest.get(1);
      rest = rest.subList(2, rest.size());
    }
    if (rest.size() < 2) {
      System.err.println("usage: java bench/TrivyAgreement.java [--list DSnnn] BULWARK.json TRIVY.json...");
      System.exit(2);
    }
    Map<Path, FileVerdicts> files = new TreeMap<>();
    readBulwark(Json.parse(Files.readString(Path.of(rest.get(0)))), files);
    int trivyOnlyFiles = 0;
    for (String report : rest.subList(1, rest.size())) {
      trivyOnlyFiles += readTrivy(Json.parse(Files.readString(Path.of(report))), files);
    }
    long apps = files.values().stream().filter(f -> f.application).count();
    System.out.printf("files: %d scanned by Bulwark (%d application images); %d Trivy results for files Bulwark did not scan (left out)%n",
        files.size(), apps, trivyOnlyFiles);
    Map<String, Tally[]> table = new TreeMap<>();
    for (FileVerdicts f : files.values()) {
      TreeSet<String> ids = new TreeSet<>(f.bulwark.keySet());
      ids.addAll(f.trivy.keySet());
      for (String id : ids) {
        Tally[] t = table.computeIfAbsent(id, k -> new Tally[] {new Tally(), new Tally()});
        count(t[0], f, id);
        if (f.application) {
          count(t[1], f, id);
        }
      }
    }
    System.out.printf("%-6s | %22s | %22s%n", "", "all files", "application images");
    System.out.printf("%-6s | %6s %7s %7s | %6s %7s %7s%n", "check", "both", "bw-only", "tr-only", "both", "bw-only", "tr-only");
    Tally all = new Tally();
    Tally app = new Tally();
    for (Map.Entry<String, Tally[]> e : table.entrySet()) {
      Tally[] t = e.getValue();
      all.add(t[0]);
      app.add(t[1]);
      System.out.printf("%-6s | %6d %7d %7d | %6d %7d %7d%n", e.getKey(), t[0].both, t[0].bulwarkOnly, t[0].trivyOnly,
          t[1].both, t[1].bulwarkOnly, t[1].trivyOnly);
    }
    System.out.printf("%-6s | %6d %7d %7d | %6d %7d %7d%n", "total", all.both, all.bulwarkOnly, all.trivyOnly, app.both, app.bulwarkOnly,
        app.trivyOnly);
    System.out.printf("all files:          precision %.3f recall %.3f%n", precision(all), recall(all));
    System.out.printf("application images: precision %.3f recall %.3f%n", precision(app), recall(app));
    if (list != null) {
      System.out.printf("%nfiles where the two disagree on %s (lines: bulwark / trivy; 0 = whole file):%n", list);
      for (Map.Entry<Path, FileVerdicts> e : files.entrySet()) {
        FileVerdicts f = e.getValue();
        if (f.bulwark.containsKey(list) != f.trivy.containsKey(list)) {
          System.out.printf("%s %-12s %s bulwark %s trivy %s%n", f.bulwark.containsKey(list) ? "bulwark-only" : "trivy-only  ",
              f.application ? "application" : "other", e.getKey(), lines(f.bulwark.get(list)), lines(f.trivy.get(list)));
        }
      }
    }
  }

  private static void count(Tally t, FileVerdicts f, String id) {
    boolean b = f.bulwark.containsKey(id);
    boolean r = f.trivy.containsKey(id);
    if (b && r) {
      t.both++;
    } else if (b) {
      t.bulwarkOnly++;
    } else {
      t.trivyOnly++;
    }
  }

  private static double precision(Tally t) {
    return t.both + t.bulwarkOnly == 0 ? 1 : (double) t.both / (t.both + t.bulwarkOnly);
  }

  private static double recall(Tally t) {
    return t.both + t.trivyOnly == 0 ? 1 : (double) t.both / (t.both + t.trivyOnly);
  }

  private static String lines(TreeSet<Integer> lines) {
    return lines == null ? "-" : lines.toString().replace(" ", "");
  }

  @SuppressWarnings("unchecked")
  private static void readBulwark(Object root, Map<Path, FileVerdicts> files) {
    for (Object o : (List<Object>) ((Map<String, Object>) root).get("files")) {
      Map<String, Object> file = (Map<String, Object>) o;
      FileVerdicts f = files.computeIfAbsent(normal((String) file.get("path")), k -> new FileVerdicts());
      Object purpose = file.get("purpose");
      f.application = purpose instanceof Map<?, ?> p && "application".equals(p.get("kind"));
      Object findings = file.get("findings");
      for (Object x : findings == null ? List.of() : (List<Object>) findings) {
        Map<String, Object> finding = (Map<String, Object>) x;
        Object aliases = finding.get("aliases");
        for (Object a : aliases == null ? List.of() : (List<Object>) aliases) {
          if (((String) a).startsWith("DS")) {
            f.bulwark.computeIfAbsent((String) a, k -> new TreeSet<>()).add(number(finding.get("line")));
          }
        }
      }
    }
  }

  /** Adds one Trivy report's FAIL results; returns how many result files Bulwark did not scan. */
  @SuppressWarnings("unchecked")
  private static int readTrivy(Object root, Map<Path, FileVerdicts> files) {
    Map<String, Object> report = (Map<String, Object>) root;
    Path base = Path.of((String) report.get("ArtifactName"));
    Object results = report.get("Results");
    int unknown = 0;
    for (Object o : results == null ? List.of() : (List<Object>) results) {
      Map<String, Object> result = (Map<String, Object>) o;
      if (!"dockerfile".equals(result.get("Type"))) {
        continue;
      }
      FileVerdicts f = files.get(normal(base.resolve((String) result.get("Target")).toString()));
      if (f == null) {
        unknown++;
        continue;
      }
      Object misconfigurations = result.get("Misconfigurations");
      for (Object x : misconfigurations == null ? List.of() : (List<Object>) misconfigurations) {
        Map<String, Object> m = (Map<String, Object>) x;
        if ("FAIL".equals(m.get("Status"))) {
          Object cause = m.get("CauseMetadata");
          int line = cause instanceof Map<?, ?> c ? number(c.get("StartLine")) : 0;
          f.trivy.computeIfAbsent((String) m.get("ID"), k -> new TreeSet<>()).add(line);
        }
      }
    }
    return unknown;
  }

  private static int number(Object o) {
    return o instanceof Number n ? n.intValue() : 0;
  }

  private static Path normal(String path) {
    return Path.of(path).toAbsolutePath().normalize();
  }

  /** A small JSON reader (objects as maps, arrays as lists, numbers as doubles): enough for two reports. */
  private static final class Json {
    private final String s;
    private int i;

    private Json(String s) {
      this.s = s;
    }

    static Object parse(String text) {
      Json j = new Json(text);
      Object v = j.value();
      j.space();
      if (j.i != text.length()) {
        throw j.error("trailing text");
      }
      return v;
    }

    private Object value() {
      space();
      if (i >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(i);
      switch (c) {
        case '{':
          return object();
        case '[':
          return array();
        case '"':
          return string();
        case 't':
          return literal("true", Boolean.TRUE);
        case 'f':
          return literal("false", Boolean.FALSE);
        case 'n':
          return literal("null", null);
        default:
          return number();
      }
    }

    private Map<String, Object> object() {
      Map<String, Object> m = new LinkedHashMap<>();
      i++;
      space();
      if (s.charAt(i) == '}') {
        i++;
        return m;
      }
      while (true) {
        space();
        String key = string();
        space();
        expect(':');
        m.put(key, value());
        space();
        if (s.charAt(i) == ',') {
          i++;
        } else {
          expect('}');
          return m;
        }
      }
    }

    private List<Object> array() {
      List<Object> l = new ArrayList<>();
      i++;
      space();
      if (s.charAt(i) == ']') {
        i++;
        return l;
      }
      while (true) {
        l.add(value());
        space();
        if (s.charAt(i) == ',') {
          i++;
        } else {
          expect(']');
          return l;
        }
      }
    }

    private String string() {
      expect('"');
      StringBuilder b = new StringBuilder();
      while (true) {
        char c = s.charAt(i++);
        if (c == '"') {
          return b.toString();
        }
        if (c != '\\') {
          b.append(c);
          continue;
        }
        char e = s.charAt(i++);
        switch (e) {
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'r' -> b.append('\r');
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'u' -> {
            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> b.append(e);
        }
      }
    }

    private Object literal(String word, Object v) {
      if (!s.startsWith(word, i)) {
        throw error("bad literal");
      }
      i += word.length();
      return v;
    }

    private Double number() {
      int start = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      if (start == i) {
        throw error("unexpected character");
      }
      return Double.valueOf(s.substring(start, i));
    }

    private void expect(char c) {
      if (i >= s.length() || s.charAt(i) != c) {
        throw error("expected '" + c + "'");
      }
      i++;
    }

    private void space() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException("JSON: " + what + " at offset " + i);
    }
  }
}
