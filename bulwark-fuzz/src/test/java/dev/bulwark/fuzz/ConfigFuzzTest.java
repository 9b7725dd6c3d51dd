package dev.bulwark.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.core.LintConfig;
import dev.bulwark.core.glob.Glob;
import java.nio.charset.StandardCharsets;

/**
 * {@code .bulwark.yaml} and {@code .hadolint.yaml}, read as the scan reads them (UTF-8, malformed
 * bytes replaced), then their globs asked about a few paths. Only {@link LintConfig.ConfigException}
 * (and a glob's {@link Glob.SyntaxException}) may escape.
 */
class ConfigFuzzTest {
  private static final String[] PATHS = {"Dockerfile", "legacy/a/Dockerfile", "vendor/x/y.Dockerfile", "a b/c"};

  static {
    Bounds.warmUp(() -> use(LintConfig.parse("ignore: [BW-D001]\nexclude: [\"a/**\"]\n", ".bulwark.yaml")));
  }

  @FuzzTest
  void bulwarkYaml(byte[] input) {
    Bounds.check(() -> use(LintConfig.parse(new String(input, StandardCharsets.UTF_8), ".bulwark.yaml")),
        LintConfig.ConfigException.class, Glob.SyntaxException.class);
  }

  @FuzzTest
  void hadolintYaml(byte[] input) {
    Bounds.check(() -> use(LintConfig.parseHadolint(new String(input, StandardCharsets.UTF_8), ".hadolint.yaml")),
        LintConfig.ConfigException.class, Glob.SyntaxException.class);
  }

  private static void use(LintConfig config) {
    for (String p : PATHS) {
      config.excludesFile(p);
    }
  }
}
