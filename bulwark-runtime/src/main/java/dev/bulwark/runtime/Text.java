package dev.bulwark.runtime;

import java.util.List;

/** Quoting for the generated files: YAML scalars and shell words that read back exactly as written. */
final class Text {
  private Text() {}

  /** A double-quoted YAML scalar (JSON string syntax, which YAML reads the same). */
  static String yaml(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** A YAML flow sequence of double-quoted scalars. */
  static String yamlList(List<String> items) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(yaml(items.get(i)));
    }
    return sb.append(']').toString();
  }

  /** A POSIX shell word: bare when it holds only safe characters, else single-quoted. */
  static String shell(String s) {
    if (!s.isEmpty() && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./:=@,+%".indexOf(c) >= 0)) {
      return s;
    }
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** Comment lines ({@code prefix} then "# "), the text wrapped at about 100 columns. */
  static void comment(StringBuilder out, String prefix, String text) {
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (!line.isEmpty() && line.length() + word.length() + 1 > 96) {
        out.append(prefix).append("# ").append(line).append('\n');
        line.setLength(0);
      }
      line.append(line.isEmpty() ? "" : " ").append(word);
    }
    if (!line.isEmpty()) {
      out.append(prefix).append("# ").append(line).append('\n');
    }
  }
}
