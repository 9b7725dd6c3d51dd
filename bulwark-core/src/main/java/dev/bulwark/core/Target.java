package dev.bulwark.core;

/** What rules are run over: a Dockerfile, a built image, a Compose file… with the settings that apply to it. */
public interface Target {

  /** The name reports show: a file's path or an image reference. */
  String path();

  /** The project settings for this target. */
  LintConfig config();

  /** The path per-path settings match against: relative to the config file's directory. */
  default String relativePath() {
    return path();
  }

  /** What the target is for, which decides how some rules judge it; an application image unless known otherwise. */
  default PurposeVerdict purpose() {
    return PurposeVerdict.APPLICATION;
  }

  /** The purpose that judges one finding: the target's, unless the part it is in has another (a Dockerfile's dev stage). */
  default PurposeVerdict purposeOf(Finding finding) {
    return purpose();
  }

  /** Ignore pragmas written in the target itself (comments in a Dockerfile); none by default. */
  default Suppressions suppressions() {
    return Suppressions.NONE;
  }
}
