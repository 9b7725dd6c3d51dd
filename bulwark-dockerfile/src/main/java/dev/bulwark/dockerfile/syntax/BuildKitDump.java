package dev.bulwark.dockerfile.syntax;

import java.util.List;

/**
 * Prints the node tree in the s-expression format of BuildKit's {@code Node.Dump()} as its parser
 * tests compare it ({@code testfiles/NAME/result} is {@code Dump() + "\n"}), so the two parsers can
 * be compared line by line: one line per instruction, each ending in a newline (a file with no
 * instruction is one empty line), ENV and LABEL pairs as BuildKit's three nodes key, value and
 * separator ({@code "="}, or {@code ""} for the legacy {@code KEY value} form).
 */
public final class BuildKitDump {
  private BuildKitDump() {}

  public static String dump(Dockerfile file) {
    if (file.instructions().isEmpty()) {
      return "\n";
    }
    StringBuilder sb = new StringBuilder();
    for (Instruction i : file.instructions()) {
      sb.append('(').append(node(i, file.escapeToken())).append(")\n");
    }
    return sb.toString();
  }

  static String node(Instruction i, char escape) {
    StringBuilder sb = new StringBuilder(i.command());
    if (!i.flags().isEmpty()) {
      sb.append(' ').append(quoteList(i.flags().stream().map(Flag::raw).toList()));
    }
    if (i.child() != null) {
      sb.append(" (").append(node(i.child(), escape)).append(')');
    }
    boolean pairs = (i.command().equals("env") || i.command().equals("label")) && !i.args().isEmpty();
    String separator = pairs ? separator(i, escape) : null;
    for (int k = 0; k < i.args().size(); k++) {
      sb.append(' ').append(GoQuote.quote(i.args().get(k)));
      if (pairs && k % 2 == 1) {
        sb.append(' ').append(GoQuote.quote(separator));
      }
    }
    return sb.toString().strip();
  }

  /** BuildKit's parseNameVal: the legacy form when the first word holds no '='. */
  private static String separator(Instruction i, char escape) {
    List<String> words = LineParsers.parseWords(i.rest(), escape).words();
    return !words.isEmpty() && words.getFirst().contains("=") ? "=" : "";
  }

  private static String quoteList(List<String> values) {
    StringBuilder sb = new StringBuilder("[");
    for (int k = 0; k < values.size(); k++) {
      if (k > 0) {
        sb.append(' ');
      }
      sb.append(GoQuote.quote(values.get(k)));
    }
    return sb.append(']').toString();
  }
}
