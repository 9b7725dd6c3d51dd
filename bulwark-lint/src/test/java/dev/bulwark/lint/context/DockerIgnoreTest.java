package dev.bulwark.lint.context;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link DockerIgnore}: Docker's .dockerignore matching, case by case. */
class DockerIgnoreTest {

  @ParameterizedTest(name = "[{0}] {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      .git                      | .git                 | true
      .git                      | .git/HEAD            | true
      .git                      | sub/.git             | false
      /.git                     | .git/config          | true
      **/.git                   | sub/.git/config      | true
      *.md                      | README.md            | true
      *.md                      | docs/a.md            | false
      **/*.md                   | docs/a.md            | true
      **/*.md                   | a.md                 | true
      docs/**                   | docs/x/y.txt         | true
      docs/**                   | docsx/y.txt          | false
      node_modules              | node_modules/a/b.js  | true
      a?c                       | abc                  | true
      a?c                       | a/c                  | false
      [a-c]*.txt                | b1.txt               | true
      [a-c]*.txt                | d1.txt               | false
      ./build//out/             | build/out/x          | true
      src/../secret             | secret               | true
      **                        | anything/at/all      | true
      .env*                     | .env.local           | true
      .env*                     | config/.env          | false
      # comment                 | # comment            | false
      dir/*/x                   | dir/a/x              | true
      dir/*/x                   | dir/a/b/x            | false
      dir/**/x                  | dir/a/b/x            | true
      dir/**/x                  | dir/x                | true
      """)
  void singlePattern(String pattern, String path, boolean excluded) {
    assertThat(DockerIgnore.parse(pattern + "\n").excludes(path)).isEqualTo(excluded);
  }

  @ParameterizedTest(name = "{1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      **\\n!src\\n!go.mod              | src/main.go   | false
      **\\n!src\\n!go.mod              | go.mod        | false
      **\\n!src\\n!go.mod              | README.md     | true
      *.log\\n!keep.log                | keep.log      | false
      *.log\\n!keep.log\\nkeep.log     | keep.log      | true
      docs\\n!docs/public              | docs/public/a | false
      docs\\n!docs/public              | docs/private  | true
      .env*\\n!.env.example            | .env.example  | false
      .env*\\n!.env.example            | .env          | true
      """)
  void exceptionsAndOrder(String file, String path, boolean excluded) {
    assertThat(DockerIgnore.parse(file.replace("\\n", "\n")).excludes(path)).isEqualTo(excluded);
  }

  @org.junit.jupiter.api.Test
  void whitespaceCommentsBomAndErrors() {
    DockerIgnore d = DockerIgnore.parse("\uFEFF  .git  \n\n#.env\n   # not a comment (leading space)\n!\n");
    assertThat(d.excludes(".git")).isTrue();
    assertThat(d.excludes(".env")).isFalse();
    assertThat(d.problems()).singleElement().asString().contains("illegal exclusion");
    assertThat(d.patterns()).containsExactly(".git", "# not a comment (leading space)");
    assertThat(d.excludes(".")).isFalse();
  }
}
