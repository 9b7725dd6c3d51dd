package dev.bulwark.core;

import java.util.Locale;

/** What a rule protects; reports and docs print the {@link #label()}. */
public enum Category {
  PRIVILEGE,
  SECRETS,
  SUPPLY_CHAIN,
  VULNERABILITIES,
  ATTACK_SURFACE,
  BUILD_HARDENING,
  RUNTIME,
  RELIABILITY,
  MAINTAINABILITY,
  SYNTAX;

  /** {@code supply-chain}, {@code attack-surface}, …: the names the catalog has always used. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @Override
  public String toString() {
    return label();
  }
}
