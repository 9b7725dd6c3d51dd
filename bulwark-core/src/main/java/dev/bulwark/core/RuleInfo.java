package dev.bulwark.core;

import java.util.List;

/**
 * What a rule is, as data: stable id ({@code BW-D001}), title, severity, category, why it
 * matters for a running container, how to fix it, aliases in other tools (hadolint
 * {@code DL3002}, Trivy {@code DS002}, CIS items, BuildKit check names) and references.
 */
public record RuleInfo(
    String id, String title, Severity severity, Category category, String rationale, String fix, List<String> aliases, List<String> references) {

  /** True when {@code name} is this rule's id or one of its aliases (case-insensitive). */
  public boolean answersTo(String name) {
    if (id.equalsIgnoreCase(name)) {
      return true;
    }
    for (String a : aliases) {
      if (a.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }
}
