package dev.bulwark.vuln.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The table of own cases in {@code versions/cases.txt}: orderings, equal spellings and invalid inputs per scheme. */
class VersionCasesTest {
  // schemes whose tool orders every string: an invalid version still compares
  private static final Set<String> TOTAL = Set.of("apk", "rpm", "maven", "go-semver", "go-osv");
  private static final Pattern FIELD = Pattern.compile("\"([^\"]*)\"|(\\S+(?: \\S+)*)");

  record Case(int line, List<String> fields) {
    @Override
    public String toString() {
      return "line " + line + ": " + String.join(" | ", fields);
    }
  }

  static Stream<Case> cases() throws IOException {
    List<Case> out = new ArrayList<>();
    try (InputStream in = VersionCasesTest.class.getResourceAsStream("/versions/cases.txt")) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].isBlank() || lines[i].startsWith("#")) continue;
        List<String> fields = new ArrayList<>();
        Matcher m = FIELD.matcher(lines[i]);
        while (m.find()) fields.add(m.group(1) != null ? m.group(1) : m.group(2));
        out.add(new Case(i + 1, fields));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void holds(Case c) {
    VersionScheme s = VersionSchemes.byName(c.fields.get(0)).orElseThrow();
    if (c.fields.size() == 3) {
      String v = c.fields.get(2);
      boolean valid = c.fields.get(1).equals("valid");
      assertThat(s.isValid(v)).as("isValid(%s)", v).isEqualTo(valid);
      if (!valid && !TOTAL.contains(s.name()) && !warnsOnly(s, v)) {
        assertThatThrownBy(() -> s.compare(v, v)).isInstanceOf(InvalidVersionException.class);
      }
      return;
    }
    assertThat(c.fields).hasSize(4);
    String a = c.fields.get(1);
    String b = c.fields.get(3);
    int want = switch (c.fields.get(2)) {
      case "<" -> -1;
      case "=" -> 0;
      case ">" -> 1;
      default -> throw new AssertionError(c);
    };
    assertThat(Integer.signum(s.compare(a, b))).as("compare(%s, %s)", a, b).isEqualTo(want);
    assertThat(Integer.signum(s.compare(b, a))).as("compare(%s, %s)", b, a).isEqualTo(-want);
  }

  // dpkg compares what it only warns about (as dpkg --compare-versions does)
  private static boolean warnsOnly(VersionScheme s, String v) {
    if (s != VersionSchemes.DPKG) return false;
    try {
      Dpkg.parse(v);
      return true;
    } catch (InvalidVersionException e) {
      return false;
    }
  }
}
