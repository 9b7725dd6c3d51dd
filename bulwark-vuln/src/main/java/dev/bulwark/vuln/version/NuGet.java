package dev.bulwark.vuln.version;

import java.util.List;

/**
 * NuGet package versions, parsed and ordered as {@code NuGetVersion} and NuGet's default {@code VersionComparer} do.
 *
 * <p>One to four numbers ({@code 1} is {@code 1.0.0}, a fourth is the revision, {@code 1.0.0.0 == 1.0.0}), each a
 * 32-bit number where leading zeros are allowed; then SemVer 2 release labels after {@code -} and metadata after
 * {@code +}. A pre-release sorts before the release; labels compare one by one, numbers (that fit 32 bits)
 * numerically and before words, words without regard to case ({@code 1.0.0-BETA == 1.0.0-beta}); a version with more
 * labels sorts after its prefix; metadata never counts. Surrounding whitespace is ignored.
 */
public final class NuGet implements VersionScheme {
  static final NuGet INSTANCE = new NuGet();

  private NuGet() {}

  /** Four numbers and the labels. */
  record Parsed(int[] numbers, List<String> labels) {}

  @Override
  public String name() {
    return "nuget";
  }

  @Override
  public boolean isValid(String version) {
    return parseOrNull(version) != null;
  }

  @Override
  public int compare(String a, String b) {
    Parsed x = parse(a);
    Parsed y = parse(b);
    for (int i = 0; i < 4; i++) {
      int c = Integer.compare(x.numbers[i], y.numbers[i]);
      if (c != 0) return c;
    }
    if (x.labels.isEmpty() || y.labels.isEmpty()) return Boolean.compare(x.labels.isEmpty(), y.labels.isEmpty());
    for (int i = 0; i < Math.max(x.labels.size(), y.labels.size()); i++) {
      if (i == x.labels.size()) return -1;
      if (i == y.labels.size()) return 1;
      int c = compareLabel(x.labels.get(i), y.labels.get(i));
      if (c != 0) return c;
    }
    return 0;
  }

  private static int compareLabel(String a, String b) {
    Integer na = int32(a);
    Integer nb = int32(b);
    if (na != null && nb != null) return Integer.compare(na, nb);
    if (na != null || nb != null) return na != null ? -1 : 1;
    return Digits.sign(String.CASE_INSENSITIVE_ORDER.compare(a, b));
  }

  /** The label as a 32-bit number, or null when it is not one. */
  private static Integer int32(String s) {
    if (!Digits.allDigits(s)) return null;
    String d = Digits.strip(s);
    if (d.length() > 10) return null;
    long v = Long.parseLong(d);
    return v > Integer.MAX_VALUE ? null : (int) v;
  }

  static Parsed parse(String s) {
    Parsed p = parseOrNull(s);
    if (p == null) throw new InvalidVersionException("nuget", s, "not a NuGet version");
    return p;
  }

  static Parsed parseOrNull(String raw) {
    String s = raw.strip();
    int plus = s.indexOf('+');
    String metadata = plus >= 0 ? s.substring(plus + 1) : null;
    String head = plus >= 0 ? s.substring(0, plus) : s;
    int dash = head.indexOf('-');
    String release = dash >= 0 ? head.substring(0, dash) : head;
    List<String> labels = dash >= 0 ? List.of(head.substring(dash + 1).split("\\.", -1)) : List.of();
    String[] parts = release.split("\\.", -1);
    if (release.isEmpty() || parts.length > 4) return null;
    int[] numbers = new int[4];
    for (int i = 0; i < parts.length; i++) {
      Integer n = int32(parts[i]);
      if (n == null) return null;
      numbers[i] = n;
    }
    for (String label : labels) {
      if (!validPart(label, false)) return null;
    }
    if (metadata != null) {
      for (String part : metadata.split("\\.", -1)) {
        if (!validPart(part, true)) return null;
      }
    }
    return new Parsed(numbers, labels);
  }

  private static boolean validPart(String s, boolean leadingZeros) {
    if (s.isEmpty()) return false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Digits.isAsciiAlnum(c) && c != '-') return false;
    }
    return leadingZeros || s.length() == 1 || s.charAt(0) != '0' || !Digits.allDigits(s);
  }
}
