package dev.bulwark.core;

import java.util.List;

/**
 * What a rule is, as data: stable id ({@code BW-D001}), title, severity, category, why it
 * matters for a running container, how to fix it, aliases in other tools (hadolint
 * {@code DL3002}, Trivy {@code DS002}, CIS items, BuildKit check names) and references.
 */
public record RuleInfo(
    String id, String title, Severity severity, Category category, String rationale, String fix, List<String> aliases, List<String> references,
    List<PurposeAdjustment> byPurpose) {

  public RuleInfo {
    aliases = List.copyOf(aliases);
    references = List.copyOf(references);
    byPurpose = List.copyOf(byPurpose);
  }

  /** A rule that applies the same way whatever the target is for. */
  public RuleInfo(String id, String title, Severity severity, Category category, String rationale, String fix, List<String> aliases,
      List<String> references) {
    this(id, title, severity, category, rationale, fix, aliases, references, List.of());
  }

  /** This rule, with its findings in a {@code purpose} target at {@code severity} (null: not reported), {@code note} saying why. */
  public RuleInfo withPurpose(Purpose purpose, Severity severity, String note) {
    List<PurposeAdjustment> next = new java.util.ArrayList<>();
    for (PurposeAdjustment a : byPurpose) {
      if (a.purpose() != purpose) {
        next.add(a);
      }
    }
    next.add(new PurposeAdjustment(purpose, severity, note));
    return new RuleInfo(id, title, this.severity, category, rationale, fix, aliases, references, next);
  }

  /** How findings change in a {@code purpose} target, or null when they stay as they are. */
  public PurposeAdjustment adjustmentFor(Purpose purpose) {
    for (PurposeAdjustment a : byPurpose) { // a handful at most: a loop, no map
      if (a.purpose() == purpose) {
        return a;
      }
    }
    return null;
  }

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
