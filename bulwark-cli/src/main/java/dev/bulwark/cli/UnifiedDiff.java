package dev.bulwark.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A unified diff of two texts, as {@code diff -u} and {@code git apply}/{@code patch -p0} read
 * it: lines compared with their terminators (a CRLF line stays CRLF in the patch), three lines of
 * context, and "\ No newline at end of file" where a text ends without one. Myers' O(ND)
 * algorithm: fixes change a few lines, so D is small even in a long file.
 */
final class UnifiedDiff {
  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  /** The diff of {@code before} and {@code after} under {@code --- name} / {@code +++ name}; "" when equal. */
  static String of(String name, String before, String after) {
    if (before.equals(after)) {
      return "";
    }
    List<String> a = lines(before);
    List<String> b = lines(after);
    boolean[][] changed = script(a, b);
    // the alignment as one list of operations: ' ' both, '-' only a, '+' only b
    StringBuilder ops = new StringBuilder();
    int x = 0;
    int y = 0;
    while (x < a.size() || y < b.size()) {
      if (x < a.size() && changed[0][x]) {
        ops.append('-');
        x++;
      } else if (y < b.size() && changed[1][y]) {
        ops.append('+');
        y++;
      } else {
        ops.append(' ');
        x++;
        y++;
      }
    }
    StringBuilder out = new StringBuilder("--- ").append(name).append('\n').append("+++ ").append(name).append('\n');
    int at = 0;
    x = 0;
    y = 0;
    while (true) {
      int first = indexOfChange(ops, at);
      if (first < 0) {
        break;
      }
      int start = Math.max(at, first - CONTEXT);
      int end = first;
      // a hunk runs on while the next change is at most twice the context away
      while (true) {
        while (end < ops.length() && ops.charAt(end) != ' ') {
          end++;
        }
        int next = indexOfChange(ops, end);
        if (next >= 0 && next - end <= 2 * CONTEXT) {
          end = next;
        } else {
          end = Math.min(ops.length(), end + CONTEXT);
          break;
        }
      }
      // advance x/y to the hunk's start
      for (int k = at; k < start; k++) {
        x += ops.charAt(k) != '+' ? 1 : 0;
        y += ops.charAt(k) != '-' ? 1 : 0;
      }
      int lenA = 0;
      int lenB = 0;
      for (int k = start; k < end; k++) {
        lenA += ops.charAt(k) != '+' ? 1 : 0;
        lenB += ops.charAt(k) != '-' ? 1 : 0;
      }
      out.append("@@ -").append(range(x, lenA)).append(" +").append(range(y, lenB)).append(" @@\n");
      for (int k = start; k < end; k++) {
        char op = ops.charAt(k);
        if (op == '+') {
          line(out, op, b.get(y++));
        } else {
          line(out, op, a.get(x++));
          y += op == ' ' ? 1 : 0;
        }
      }
      at = end;
    }
    return out.toString();
  }

  private static int indexOfChange(CharSequence ops, int from) {
    for (int k = from; k < ops.length(); k++) {
      if (ops.charAt(k) != ' ') {
        return k;
      }
    }
    return -1;
  }

  private static String range(int start, int length) {
    return length == 0 ? start + ",0" : length == 1 ? String.valueOf(start + 1) : (start + 1) + "," + length;
  }

  private static void line(StringBuilder out, char mark, String line) {
    out.append(mark).append(line);
    if (!line.endsWith("\n")) {
      out.append("\n\\ No newline at end of file\n");
    }
  }

  /** Lines with their terminators ({@code \n} or {@code \r\n}; a lone {@code \r} is no line end for BuildKit either). */
  static List<String> lines(String s) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int k = 0; k < s.length(); k++) {
      if (s.charAt(k) == '\n') {
        out.add(s.substring(start, k + 1));
        start = k + 1;
      }
    }
    if (start < s.length()) {
      out.add(s.substring(start));
    }
    return out;
  }

  /** Which lines of {@code a} are deleted ([0]) and of {@code b} inserted ([1]) in a shortest edit script. */
  static boolean[][] script(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int max = n + m;
    int[] v = new int[2 * max + 2];
    List<int[]> trace = new ArrayList<>();
    int found = -1;
    for (int d = 0; d <= max && found < 0; d++) {
      trace.add(Arrays.copyOfRange(v, max - d - 1 < 0 ? 0 : max - d - 1, Math.min(v.length, max + d + 2))); // O(D^2) in all
      for (int k = -d; k <= d; k += 2) {
        int x = (k == -d || (k != d && v[max + k - 1] < v[max + k + 1])) ? v[max + k + 1] : v[max + k - 1] + 1;
        int y = x - k;
        while (x < n && y < m && a.get(x).equals(b.get(y))) {
          x++;
          y++;
        }
        v[max + k] = x;
        if (x >= n && y >= m) {
          found = d;
          break;
        }
      }
    }
    boolean[] deleted = new boolean[n];
    boolean[] inserted = new boolean[m];
    int x = n;
    int y = m;
    for (int d = found; d > 0; d--) {
      int[] pv = trace.get(d);
      int base = Math.max(0, max - d - 1); // pv[i] is v[base + i]
      int k = x - y;
      int prevK = (k == -d || (k != d && pv[max + k - 1 - base] < pv[max + k + 1 - base])) ? k + 1 : k - 1;
      int prevX = pv[max + prevK - base];
      int prevY = prevX - prevK;
      while (x > prevX && y > prevY) {
        x--;
        y--;
      }
      if (x == prevX) {
        inserted[--y] = true;
      } else {
        deleted[--x] = true;
      }
    }
    return new boolean[][] {deleted, inserted};
  }
}
