package dev.bulwark.cli;

import dev.bulwark.core.cases.RuleCases;

import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.Severity;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Renders the rule catalog as Markdown pages: docs/rules/README.md and one page per rule. */
public final class RuleDocs {
  private RuleDocs() {}

  /**
   * A rule's examples, as its {@code .cases} file gives them: the first case it reports on (with
   * where) and the first it passes. Either may be null.
   */
  public record Examples(String failing, String failingAt, String passing, String autofix) {
    public Examples(String failing, String failingAt, String passing) {
      this(failing, failingAt, passing, null);
    }

    /**
     * {@link #from(String)}, with which fixes the Dockerfile rule {@code id} attaches to its
     * findings on the fail cases ("safe", "unsafe", "safe or unsafe"; null: none).
     */
    public static Examples from(String id, String cases) {
      Examples e = from(cases);
      dev.bulwark.core.Rule<dev.bulwark.lint.DockerfileTarget> rule = null;
      for (dev.bulwark.core.Rule<dev.bulwark.lint.DockerfileTarget> r : dev.bulwark.lint.rules.DockerfileRules.all()) {
        rule = r.info().id().equals(id) ? r : rule;
      }
      if (rule == null) {
        return e;
      }
      boolean safe = false;
      boolean unsafe = false;
      for (RuleCases.Case c : RuleCases.parse(cases)) {
        if (!c.fail() || c.config() != null || c.context() != null) {
          continue;
        }
        dev.bulwark.lint.DockerfileTarget t = dev.bulwark.lint.DockerfileTarget.parse("Dockerfile", c.body());
        t = new dev.bulwark.lint.DockerfileTarget("Dockerfile", t.model(),
            dev.bulwark.core.LintConfig.DEFAULT.withPurpose(dev.bulwark.core.Purpose.APPLICATION), "Dockerfile");
        for (dev.bulwark.core.Finding f : new dev.bulwark.core.Linter<>(java.util.List.of(rule)).lint(t)) {
          if (f.fix().isPresent()) {
            safe |= f.fix().get().isSafe();
            unsafe |= !f.fix().get().isSafe();
          }
        }
      }
      String autofix = safe && unsafe ? "safe or unsafe" : safe ? "safe" : unsafe ? "unsafe" : null;
      return new Examples(e.failing(), e.failingAt(), e.passing(), autofix);
    }

    /** The first plain (no severity, config or context) fail and pass cases of a {@code .cases} file's text. */
    public static Examples from(String cases) {
      String failing = null;
      String failingAt = null;
      String passing = null;
      for (RuleCases.Case c : RuleCases.parse(cases)) {
        if (!c.plain()) {
          continue;
        }
        String body = c.body().stripTrailing() + "\n";
        if (c.fail() && failing == null) {
          failing = body;
          failingAt = c.positions().isEmpty() ? null : String.join(" ", c.positions());
        } else if (!c.fail() && passing == null) {
          passing = body;
        }
      }
      return new Examples(failing, failingAt, passing);
    }
  }

  /** File name to content, for every page, with no examples. */
  public static Map<String, String> pages() {
    return pages(id -> null);
  }

  /** File name to content, for every page; {@code examples} gives a rule's examples (null: none). */
  public static Map<String, String> pages(Function<String, Examples> examples) {
    Map<String, String> out = new LinkedHashMap<>();
    StringBuilder index = new StringBuilder("# Bulwark rules\n\nGenerated from the rule catalog (`bulwark rules`); do not edit by hand.\n"
        + "Regenerate with `./mvnw verify -Dbulwark.update-docs=true`.\n\n| id | severity | category | title | also known as |\n|---|---|---|---|---|\n");
    for (RuleInfo r : RuleCatalog.infos()) {
      index.append("| [").append(r.id()).append("](").append(r.id()).append(".md) | ").append(r.severity().label()).append(" | ")
          .append(r.category()).append(" | ").append(r.title().replace("|", "\\|")).append(" | ").append(String.join(", ", r.aliases())).append(" |\n");
      out.put(r.id() + ".md", page(r, examples.apply(r.id())));
    }
    out.put("README.md", index.toString());
    return out;
  }

  static String page(RuleInfo r, Examples examples) {
    StringBuilder sb = new StringBuilder();
    sb.append("# ").append(r.id()).append(": ").append(r.title()).append("\n\n");
    sb.append("- Severity: **").append(r.severity().label()).append("**\n");
    sb.append("- Category: ").append(r.category()).append('\n');
    if (!r.aliases().isEmpty()) {
      sb.append("- Also known as: ").append(String.join(", ", r.aliases())).append('\n');
    }
    for (dev.bulwark.core.PurposeAdjustment a : r.byPurpose()) {
      sb.append("- In a ").append(a.purpose().label()).append(": ")
          .append(a.drops() ? "not reported" : "at most **" + a.severity().label() + "** (" + a.note() + ")").append('\n');
    }
    if (examples != null && examples.autofix() != null) {
      sb.append("- Fix: ").append(examples.autofix()).append(" autofix available (`bulwark fix`").append(examples.autofix().equals("safe") ? "" : ", `--unsafe` for the unsafe ones")
          .append(")\n");
    }
    sb.append("\n## Why it matters\n\n").append(r.rationale()).append("\n\n## How to fix\n\n").append(r.fix()).append('\n');
    if (examples != null && examples.failing() != null) {
      String fence = r.id().startsWith("BW-C") || r.id().startsWith("BW-K") ? "yaml" : "dockerfile";
      sb.append("\n## Example\n\nReported").append(examples.failingAt() == null ? "" : " at " + examples.failingAt().replace(" ", ", "))
          .append(":\n\n```").append(fence).append('\n').append(examples.failing()).append("```\n");
      if (examples.passing() != null) {
        sb.append("\nNot reported:\n\n```").append(fence).append('\n').append(examples.passing()).append("```\n");
      }
    }
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
