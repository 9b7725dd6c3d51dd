package dev.bulwark.vuln.match;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CVSS v4.0 base score (of base, threat and environmental metrics as given): the specification's macrovector method as
 * FIRST's reference calculator computes it: the six equivalence classes give a macrovector whose score the lookup
 * table holds, then the score is lowered by the vector's mean distance from the highest vector of its macrovector,
 * proportionally to the score gap to each next-lower macrovector. The lookup table and the maximal vectors are the
 * calculator's data (BSD-2-Clause, see the resource file).
 */
final class Cvss4 {
  private Cvss4() {}

  private static final Map<String, Double> LOOKUP = load();

  private static Map<String, Double> load() {
    Map<String, Double> m = new HashMap<>();
    try (InputStream in = Cvss4.class.getResourceAsStream("cvss4-lookup.tsv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("#") || line.isBlank()) continue;
        String[] f = line.split("\t");
        m.put(f[0], Double.parseDouble(f[1]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }

  // the highest vectors of each class (max_composed.js)
  private static final String[][] EQ1_MAX = {{"AV:N/PR:N/UI:N/"}, {"AV:A/PR:N/UI:N/", "AV:N/PR:L/UI:N/", "AV:N/PR:N/UI:P/"},
      {"AV:P/PR:N/UI:N/", "AV:A/PR:L/UI:P/"}};
  private static final String[][] EQ2_MAX = {{"AC:L/AT:N/"}, {"AC:H/AT:N/", "AC:L/AT:P/"}};
  private static final String[][][] EQ3EQ6_MAX = {
      {{"VC:H/VI:H/VA:H/CR:H/IR:H/AR:H/"}, {"VC:H/VI:H/VA:L/CR:M/IR:M/AR:H/", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M/"}},
      {{"VC:L/VI:H/VA:H/CR:H/IR:H/AR:H/", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H/"},
          {"VC:L/VI:H/VA:L/CR:H/IR:M/AR:H/", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M/", "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M/",
              "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H/", "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M/"}},
      {{}, {"VC:L/VI:L/VA:L/CR:H/IR:H/AR:H/"}}};
  private static final String[][] EQ4_MAX = {{"SC:H/SI:S/SA:S/"}, {"SC:H/SI:H/SA:H/"}, {"SC:L/SI:L/SA:L/"}};
  private static final String[][] EQ5_MAX = {{"E:A/"}, {"E:P/"}, {"E:U/"}};
  // max_severity.js
  private static final int[] EQ1_SEV = {1, 4, 5};
  private static final int[] EQ2_SEV = {1, 2};
  private static final int[][] EQ3EQ6_SEV = {{7, 6}, {8, 8}, {0, 10}};
  private static final int[] EQ4_SEV = {6, 5, 4};

  private static final String[] BASE = {"AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"};
  private static final String[] BASE_VALUES = {"NALP", "LH", "NP", "NLH", "NPA", "HLN", "HLN", "HLN", "HLN", "HLN", "HLN"};
  private static final String[] DISTANCE = {"AV", "PR", "UI", "AC", "AT", "VC", "VI", "VA", "SC", "SI", "SA", "CR", "IR", "AR"};

  static double baseScore(String vector) throws Cvss.BadVectorException {
    Map<String, String> sel = Cvss.metrics(vector);
    for (int i = 0; i < BASE.length; i++) Cvss.need(sel, BASE[i], BASE_VALUES[i]);
    for (Map.Entry<String, String> e : sel.entrySet()) {
      if (!validOptional(e.getKey(), e.getValue())) throw new Cvss.BadVectorException("metric " + e.getKey() + " has bad value '" + e.getValue() + "'");
    }
    boolean noImpact = true;
    for (String k : new String[] {"VC", "VI", "VA", "SC", "SI", "SA"}) noImpact &= m(sel, k).equals("N");
    if (noImpact) return 0.0;
    int[] eq = macro(sel);
    String mv = "" + eq[0] + eq[1] + eq[2] + eq[3] + eq[4] + eq[5];
    Double value = LOOKUP.get(mv);
    if (value == null) throw new Cvss.BadVectorException("no macrovector " + mv);
    double v = value;
    double eq1Next = score(eq[0] + 1, eq[1], eq[2], eq[3], eq[4], eq[5]);
    double eq2Next = score(eq[0], eq[1] + 1, eq[2], eq[3], eq[4], eq[5]);
    double eq3eq6Next;
    if (eq[2] == 1 && eq[5] == 1) {
      eq3eq6Next = score(eq[0], eq[1], eq[2] + 1, eq[3], eq[4], eq[5]);
    } else if (eq[2] == 0 && eq[5] == 1) {
      eq3eq6Next = score(eq[0], eq[1], eq[2] + 1, eq[3], eq[4], eq[5]);
    } else if (eq[2] == 1 && eq[5] == 0) {
      eq3eq6Next = score(eq[0], eq[1], eq[2], eq[3], eq[4], eq[5] + 1);
    } else if (eq[2] == 0 && eq[5] == 0) {
      double left = score(eq[0], eq[1], eq[2], eq[3], eq[4], eq[5] + 1);
      double right = score(eq[0], eq[1], eq[2] + 1, eq[3], eq[4], eq[5]);
      eq3eq6Next = left > right ? left : right; // as the calculator: NaN on one side picks the other only when it is right
    } else {
      eq3eq6Next = score(eq[0], eq[1], eq[2] + 1, eq[3], eq[4], eq[5] + 1);
    }
    double eq4Next = score(eq[0], eq[1], eq[2], eq[3] + 1, eq[4], eq[5]);
    double eq5Next = score(eq[0], eq[1], eq[2], eq[3], eq[4] + 1, eq[5]);

    double[] dist = null;
    for (String maxVector : maxVectors(eq)) {
      Map<String, String> max = parseMax(maxVector);
      double[] d = new double[DISTANCE.length];
      boolean ok = true;
      for (int i = 0; i < DISTANCE.length; i++) {
        d[i] = level(DISTANCE[i], m(sel, DISTANCE[i])) - level(DISTANCE[i], max.get(DISTANCE[i]));
        if (d[i] < 0) ok = false;
      }
      if (ok) {
        dist = d;
        break;
      }
    }
    if (dist == null) throw new Cvss.BadVectorException("no maximal vector above " + vector);
    double d1 = dist[0] + dist[1] + dist[2];
    double d2 = dist[3] + dist[4];
    double d36 = dist[5] + dist[6] + dist[7] + dist[11] + dist[12] + dist[13];
    double d4 = dist[8] + dist[9] + dist[10];
    double step = 0.1;
    double max1 = EQ1_SEV[eq[0]] * step;
    double max2 = EQ2_SEV[eq[1]] * step;
    double max36 = EQ3EQ6_SEV[eq[2]][eq[5]] * step;
    double max4 = EQ4_SEV[eq[3]] * step;
    int existing = 0;
    double sum = 0;
    double[] available = {v - eq1Next, v - eq2Next, v - eq3eq6Next, v - eq4Next, v - eq5Next};
    double[] current = {d1, d2, d36, d4, 0};
    double[] maxes = {max1, max2, max36, max4, 1};
    for (int i = 0; i < 5; i++) {
      if (Double.isNaN(available[i])) continue;
      existing++;
      sum += available[i] * (current[i] / maxes[i]);
    }
    double mean = existing == 0 ? 0 : sum / existing;
    v -= mean;
    if (v < 0) v = 0;
    if (v > 10) v = 10;
    return Math.round(v * 10) / 10.0;
  }

  private static double score(int... eq) {
    Double s = LOOKUP.get("" + eq[0] + eq[1] + eq[2] + eq[3] + eq[4] + eq[5]);
    return s == null ? Double.NaN : s;
  }

  private static List<String> maxVectors(int[] eq) {
    List<String> out = new ArrayList<>();
    for (String a : EQ1_MAX[eq[0]]) {
      for (String b : EQ2_MAX[eq[1]]) {
        for (String c : EQ3EQ6_MAX[eq[2]][eq[5]]) {
          for (String d : EQ4_MAX[eq[3]]) {
            for (String e : EQ5_MAX[eq[4]]) out.add(a + b + c + d + e);
          }
        }
      }
    }
    return out;
  }

  private static Map<String, String> parseMax(String s) {
    Map<String, String> m = new HashMap<>();
    for (String part : s.split("/")) {
      int c = part.indexOf(':');
      m.put(part.substring(0, c), part.substring(c + 1));
    }
    return m;
  }

  /** The effective value: threat and environmental defaults to the worst case, modified base metrics override. */
  static String m(Map<String, String> sel, String metric) {
    String selected = sel.getOrDefault(metric, "X");
    if (metric.equals("E") && selected.equals("X")) return "A";
    if ((metric.equals("CR") || metric.equals("IR") || metric.equals("AR")) && selected.equals("X")) return "H";
    String modified = sel.get("M" + metric);
    if (modified != null && !modified.equals("X")) return modified;
    return selected;
  }

  private static int[] macro(Map<String, String> s) {
    String av = m(s, "AV");
    String pr = m(s, "PR");
    String ui = m(s, "UI");
    int eq1;
    if (av.equals("N") && pr.equals("N") && ui.equals("N")) {
      eq1 = 0;
    } else if ((av.equals("N") || pr.equals("N") || ui.equals("N")) && !av.equals("P")) {
      eq1 = 1;
    } else {
      eq1 = 2;
    }
    int eq2 = m(s, "AC").equals("L") && m(s, "AT").equals("N") ? 0 : 1;
    boolean vc = m(s, "VC").equals("H");
    boolean vi = m(s, "VI").equals("H");
    boolean va = m(s, "VA").equals("H");
    int eq3 = vc && vi ? 0 : vc || vi || va ? 1 : 2;
    boolean safety = m(s, "SI").equals("S") || m(s, "SA").equals("S");
    int eq4 = safety ? 0 : m(s, "SC").equals("H") || m(s, "SI").equals("H") || m(s, "SA").equals("H") ? 1 : 2;
    String e = m(s, "E");
    int eq5 = e.equals("A") ? 0 : e.equals("P") ? 1 : 2;
    boolean eq6high = (m(s, "CR").equals("H") && vc) || (m(s, "IR").equals("H") && vi) || (m(s, "AR").equals("H") && va);
    return new int[] {eq1, eq2, eq3, eq4, eq5, eq6high ? 0 : 1};
  }

  private static double level(String metric, String v) {
    String order;
    double offset = 0;
    switch (metric) {
      case "AV": order = "NALP"; break;
      case "PR": order = "NLH"; break;
      case "UI": order = "NPA"; break;
      case "AC": order = "LH"; break;
      case "AT": order = "NP"; break;
      case "VC": case "VI": case "VA": order = "HLN"; break;
      case "SC": order = "HLN"; offset = 0.1; break;
      case "SI": case "SA": order = "SHLN"; break;
      default: order = "HML"; break; // CR, IR, AR
    }
    return offset + order.indexOf(v) * 0.1;
  }

  private static final Map<String, String> OPTIONAL = Map.ofEntries(
      Map.entry("E", "XAPU"), Map.entry("CR", "XHML"), Map.entry("IR", "XHML"), Map.entry("AR", "XHML"),
      Map.entry("MAV", "XNALP"), Map.entry("MAC", "XLH"), Map.entry("MAT", "XNP"), Map.entry("MPR", "XNLH"), Map.entry("MUI", "XNPA"),
      Map.entry("MVC", "XHLN"), Map.entry("MVI", "XHLN"), Map.entry("MVA", "XHLN"), Map.entry("MSC", "XHLN"), Map.entry("MSI", "XSHLN"),
      Map.entry("MSA", "XSHLN"), Map.entry("S", "XNP"), Map.entry("AU", "XNY"), Map.entry("R", "XAUI"), Map.entry("V", "XDC"),
      Map.entry("RE", "XLMH"), Map.entry("U", "X"));

  private static boolean validOptional(String key, String value) {
    for (String b : BASE) if (b.equals(key)) return true;
    if (key.equals("U")) return value.equals("X") || value.equals("Clear") || value.equals("Green") || value.equals("Amber") || value.equals("Red");
    String allowed = OPTIONAL.get(key);
    return allowed != null && value.length() == 1 && allowed.indexOf(value.charAt(0)) >= 0;
  }
}
