package dev.bulwark.core;

/**
 * A target's purpose and how Bulwark knows it: inferred from the file (with the reason in words),
 * set in the project config, or by a pragma in the file itself.
 */
public record PurposeVerdict(Purpose purpose, Source source, String reason) {

  /** Where the purpose came from; {@link #key()} is the word machine formats write. */
  public enum Source {
    INFERRED("inferred"), CONFIG("config"), PRAGMA("pragma");

    private final String key;

    Source(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  /** What a target is when nothing says otherwise. */
  public static final PurposeVerdict APPLICATION = new PurposeVerdict(Purpose.APPLICATION, Source.INFERRED, "runs its own program");

  public static PurposeVerdict inferred(Purpose purpose, String reason) {
    return new PurposeVerdict(purpose, Source.INFERRED, reason);
  }

  /** "base or toolchain image (inferred: no CMD or ENTRYPOINT, no project sources copied)". */
  public String describe() {
    return purpose.label() + " (" + source.key() + ": " + reason + ")";
  }
}
