package dev.bulwark.dockerfile.syntax;

import java.util.List;

/**
 * Prints the node tree in the s-expression format of BuildKit's {@code Node.Dump()}, the one
 * its parser tests keep as expected results ({@code testfiles/NAME/result}), so the two
 * parsers can be compared line by line.
 */
public final class BuildKitDump {
  private BuildKitDump() {}

  public static String dump(Dockerfile file) {
    StringBuilder sb = new StringBuilder();
    for (Instruction i : file.instructions()) {
      sb.append('(').append(node(i)).append(")\n");
    }
    return sb.toString();
  }

  static String node(Instruction i) {
    StringBuilder sb = new StringBuilder(i.command());
    if (!i.flags().isEmpty()) {
      sb.append(' ').append(quoteList(i.flags().stream().map(Flag::raw).toList()));
    }
    if (i.child() != null) {
      sb.append(" (").append(node(i.child())).append(')');
    }
    for (String a : i.args()) {
      sb.append(' ').append(GoQuote.quote(a));
    }
    return sb.toString().strip();
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
