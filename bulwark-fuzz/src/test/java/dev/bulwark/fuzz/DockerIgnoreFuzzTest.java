package dev.bulwark.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.lint.context.DockerIgnore;
import java.nio.charset.StandardCharsets;

/**
 * The {@code .dockerignore} matcher, which never throws (bad lines are its problems) and must match
 * in time linear in the path whatever the patterns. Input: the ignore file, a NUL, then paths one
 * a line (with no NUL, the file alone is matched against a few fixed paths).
 */
class DockerIgnoreFuzzTest {
  private static final String[] FIXED = {"a", "a/b/c", ".git/config", "node_modules/x/y.js", "dir/.env", "./x/../y"};

  static {
    Bounds.warmUp(() -> DockerIgnore.parse("**/*.log\n!a\n").excludes("a/b.log"));
  }

  @FuzzTest
  void matches(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    int nul = text.indexOf('\0');
    String[] paths = nul < 0 ? FIXED : text.substring(nul + 1).split("\n", -1);
    String ignoreFile = nul < 0 ? text : text.substring(0, nul);
    Bounds.check(() -> {
      DockerIgnore ignore = DockerIgnore.parse(ignoreFile);
      ignore.problems();
      ignore.patterns();
      for (String path : paths) {
        ignore.excludes(path);
      }
    });
  }
}
