package dev.bulwark.cli;

import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.Severity;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Renders the rule catalog as Markdown pages: docs/rules/README.md and one page per rule. */
public final class RuleDocs {
  private RuleDocs() {}

  /** File name to content, for every page. */
  public static Map<String, String> pages() {
    Map<String, String> out = new LinkedHashMap<>();
    StringBuilder index = new StringBuilder("# Bulwark rules\n\nGenerated from the rule catalog (`bulwark rules`); do not edit by hand.\n"
        + "Regenerate with `./mvnw verify -Dbulwark.update-docs=true`.\n\n| id | severity | category | title | also known as |\n|---|---|---|---|---|\n");
    for (RuleInfo r : RuleCatalog.infos()) {
      index.append("| [").append(r.id()).append("](").append(r.id()).append(".md) | ").append(r.severity().label()).append(" | ")
          .append(r.category()).append(" | ").append(r.title().replace("|", "\\|")).append(" | ").append(String.join(", ", r.aliases())).append(" |\n");
      out.put(r.id() + ".md", page(r));
    }
    out.put("README.md", index.toString());
    return out;
  }

  static String page(RuleInfo r) {
    StringBuilder sb = new StringBuilder();
    sb.append("# ").append(r.id()).append(": ").append(r.title()).append("\n\n");
    sb.append("- Severity: **").append(r.severity().label()).append("**\n");
    sb.append("- Category: ").append(r.category()).append('\n');
    if (!r.aliases().isEmpty()) {
      sb.append("- Also known as: ").append(String.join(", ", r.aliases())).append('\n');
    }
    sb.append("\n## Why it matters\n\n").append(r.rationale()).append("\n\n## How to fix\n\n").append(r.fix()).append('\n');
    sb.append("\n## Suppressing\n\n`# bulwark ignore=").append(r.id()).append("` on the line before the instruction, `# bulwark global ignore=")
        .append(r.id()).append("` anywhere in the file, or `ignore: [").append(r.id()).append("]` in `.bulwark.yaml`");
    if (r.aliases().stream().anyMatch(a -> a.toUpperCase(Locale.ROOT).startsWith("DL"))) {
      sb.append("; hadolint pragmas naming ").append(r.aliases().stream().filter(a -> a.startsWith("DL")).findFirst().orElseThrow()).append(" work too");
    }
    sb.append(".\n");
    if (!r.references().isEmpty()) {
      sb.append("\n## References\n\n");
      for (String ref : r.references()) {
        sb.append("- ").append(ref).append('\n');
      }
    }
    return sb.toString();
  }
}
