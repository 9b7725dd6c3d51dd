package dev.bulwark.core;

import java.util.Locale;

/**
 * What a Dockerfile (or image) is for. Which rules apply, and how severe they are, depends on it:
 * root in an application image is critical; in a toolchain base image it is a note that the images
 * built FROM it must set USER, and a single-stage build that keeps its compilers is the point of a
 * toolchain image.
 */
public enum Purpose {
  /** Runs the project's own program: the image that is deployed. */
  APPLICATION("application", "application image"),
  /** Built upon: language runtimes and SDKs, OS and official-images-style bases. */
  BASE("base", "base or toolchain image"),
  /** A development container, a CI runner or job image. */
  DEVELOPMENT("development", "development or CI image"),
  /** Built by a test suite as input or scaffolding, never deployed. */
  FIXTURE("fixture", "test fixture");

  private final String key;
  private final String label;

  Purpose(String key, String label) {
    this.key = key;
    this.label = label;
  }

  /** The word used in config files, pragmas and machine formats. */
  public String key() {
    return key;
  }

  /** How reports name it: "base or toolchain image". */
  public String label() {
    return label;
  }

  /** The accepted spellings: the keys plus app, toolchain, dev, ci, test. */
  public static final String SPELLINGS = "application (app), base (toolchain), development (dev, ci), fixture (test)";

  /** Parses a purpose word; IllegalArgumentException names the accepted ones. */
  public static Purpose parse(String word) {
    switch (word.strip().toLowerCase(Locale.ROOT)) {
      case "application", "app":
        return APPLICATION;
      case "base", "toolchain":
        return BASE;
      case "development", "dev", "ci":
        return DEVELOPMENT;
      case "fixture", "test":
        return FIXTURE;
      default:
        throw new IllegalArgumentException("unknown purpose '" + word + "' (known: " + SPELLINGS + ")");
    }
  }
}
