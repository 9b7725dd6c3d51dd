package dev.bulwark.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class YamlLoaderTest {

  /** Every node as "path span" lines, keys included: the golden form of a tree's positions. */
  static String dump(YamlNode n, String path, List<String> out) {
    out.add(path + " " + n.span() + (n instanceof YamlScalar s ? " " + s.value() : ""));
    if (n instanceof YamlMapping m) {
      for (YamlMapping.Entry e : m.entries()) {
        out.add(path + "." + e.key().value() + "(key) " + e.key().span());
        dump(e.value(), path + "." + e.key().value(), out);
      }
    } else if (n instanceof YamlSequence s) {
      for (int i = 0; i < s.items().size(); i++) {
        dump(s.items().get(i), path + "[" + i + "]", out);
      }
    }
    return String.join("\n", out);
  }

  static YamlStream load(String text) throws YamlException {
    return YamlLoader.load("f.yaml", text);
  }

  @Test
  void blockAndFlowPositions() throws YamlException {
    String text = """
        apiVersion: v1
        kind: Pod
        spec:
          containers:
            - name: app
              image: "nginx:1.27"
              ports: [{containerPort: 80}, 443]
        """;
    assertThat(dump(load(text).documents().get(0).root(), "$", new ArrayList<>())).isEqualTo("""
        $ 1:1-7:40
        $.apiVersion(key) 1:1-1:11
        $.apiVersion 1:13-1:15 v1
        $.kind(key) 2:1-2:5
        $.kind 2:7-2:10 Pod
        $.spec(key) 3:1-3:5
        $.spec 4:3-7:40
        $.spec.containers(key) 4:3-4:13
        $.spec.containers 5:5-7:40
        $.spec.containers[0] 5:7-7:40
        $.spec.containers[0].name(key) 5:7-5:11
        $.spec.containers[0].name 5:13-5:16 app
        $.spec.containers[0].image(key) 6:7-6:12
        $.spec.containers[0].image 6:14-6:26 nginx:1.27
        $.spec.containers[0].ports(key) 7:7-7:12
        $.spec.containers[0].ports 7:14-7:40
        $.spec.containers[0].ports[0] 7:15-7:34
        $.spec.containers[0].ports[0].containerPort(key) 7:16-7:29
        $.spec.containers[0].ports[0].containerPort 7:31-7:33 80
        $.spec.containers[0].ports[1] 7:36-7:39 443""");
  }

  @Test
  void documentsAndAliasesAndMerge() throws YamlException {
    YamlStream s = load("""
        # first
        a: &x {k: 1}
        b: *x
        ---
        ---
        <<: {k: 2, j: 3}
        k: 4
        """);
    assertThat(s.documents()).hasSize(3);
    YamlMapping first = (YamlMapping) s.documents().get(0).root();
    assertThat(first.get("b")).isSameAs(first.get("a"));
    assertThat(s.documents().get(1).root()).isNull();
    YamlMapping third = (YamlMapping) s.documents().get(2).root();
    assertThat(third.entries()).extracting(e -> e.key().value() + "=" + ((YamlScalar) e.value()).value()).containsExactly("k=4", "j=3");
    assertThat(third.entry("k").key().span().startLine()).isEqualTo(7);
  }

  @Test
  void positionsCountUtf16AndCrLf() throws YamlException {
    YamlMapping m = (YamlMapping) load("a: \"\uD83D\uDE00\"\r\nb: c\r\n").documents().get(0).root();
    assertThat(m.get("a").span().toString()).isEqualTo("1:4-1:8");
    assertThat(m.get("b").span().toString()).isEqualTo("2:4-2:5");
  }

  @Test
  void byteOrderMarkTakesNoColumn() throws YamlException {
    YamlMapping m = (YamlMapping) load("\uFEFFa: b\n").documents().get(0).root();
    assertThat(m.get("a").span().startColumn()).isEqualTo(4);
  }

  @Test
  void scalarsKeepStyleAndNull() throws YamlException {
    YamlMapping m = (YamlMapping) load("a: true\nb: 'true'\nc:\nd: ~\ne: !!str x\n").documents().get(0).root();
    assertThat(((YamlScalar) m.get("a")).plain()).isTrue();
    assertThat(((YamlScalar) m.get("b")).plain()).isFalse();
    assertThat(((YamlScalar) m.get("c")).isNull()).isTrue();
    assertThat(m.scalar("d")).isNull();
    assertThat(((YamlScalar) m.get("e")).tag()).isEqualTo("tag:yaml.org,2002:str");
  }

  private static void assertError(String text, String where, String reasonPart) {
    assertThatThrownBy(() -> load(text)).isInstanceOf(YamlException.class)
        .satisfies(e -> {
          YamlException y = (YamlException) e;
          assertThat(y.line() + ":" + y.column()).isEqualTo(where);
          assertThat(y.getMessage()).startsWith("f.yaml:" + where + ": ").contains(reasonPart).doesNotContain("\n");
        });
  }

  @Test
  void duplicateKeysAreAnError() {
    assertError("a: 1\nb: 2\na: 3\n", "3:1", "duplicate key 'a' (first at line 1)");
    assertError("m: {x: 1, x: 2}\n", "1:11", "duplicate key 'x'");
  }

  @Test
  void tabsAreAnError() {
    assertError("a:\n\tb: 1\n", "2:1", "tab character");
  }

  @Test
  void notYaml() {
    assertError("a: [1, 2\n", "1:10", "expected ',' or ']'");
    assertError("key: value\n  bad: indent\n", "2:6", "");
    assertError("a: \u0001\n", "1:4", "U+0001 is not allowed");
  }

  @Test
  void complexKeysAreRefused() {
    assertError("? [a]\n: 1\n", "1:3", "mapping key must be a plain value");
  }

  @Test
  void undefinedAndRecursiveAliases() {
    assertError("a: *nope\n", "1:4", "has no anchor");
    assertError("a: &x [1, *x]\n", "1:11", "recursive");
  }

  @Test
  @Timeout(10)
  void aliasBombIsCut() {
    StringBuilder b = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 10; i++) {
      b.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        b.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      b.append("]\n");
    }
    assertThatThrownBy(() -> load(b.toString())).isInstanceOf(YamlException.class).hasMessageContaining("alias bomb");
  }

  @Test
  @Timeout(10)
  void scalarAliasesCountToo() {
    StringBuilder b = new StringBuilder("s: &s x\nl: [");
    for (int i = 0; i < 200_000; i++) {
      b.append(i == 0 ? "" : ",").append("*s");
    }
    b.append("]\n");
    assertThatThrownBy(() -> load(b.toString())).hasMessageContaining("aliases expand to more than 100000 nodes");
  }

  @Test
  @Timeout(10)
  void deepNestingIsCut() {
    String deep = "[".repeat(200_000) + "]".repeat(200_000);
    assertThatThrownBy(() -> load(deep)).isInstanceOf(YamlException.class).hasMessageContaining("nested more than 256 levels");
    StringBuilder block = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      block.append(" ".repeat(i)).append("k:\n");
    }
    assertThatThrownBy(() -> load(block.toString())).hasMessageContaining("nested more than 256 levels");
  }

  @Test
  void sizeAndNodeCaps() {
    assertThatThrownBy(() -> YamlLoader.load("f.yaml", "a: bcdef\n", new YamlLoader.Limits(4, 10, 10, 10)))
        .hasMessage("f.yaml:1:1: the file is larger than 0 MiB of text");
    assertThatThrownBy(() -> YamlLoader.load("f.yaml", "[1, 2, 3, 4, 5]", new YamlLoader.Limits(100, 3, 10, 10)))
        .hasMessageContaining("more than 3 YAML nodes");
  }

  @Test
  @Timeout(60) // seconds of margin for a loaded machine: it takes about one
  void aLargeFileWithinTheLimitsLoadsAndOnePastThemFailsFast() throws YamlException {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 50_000; i++) { // 250,001 nodes
      b.append("- {name: n").append(i).append(", v: ").append(i).append("}\n");
    }
    YamlStream s = load(b.toString());
    assertThat(((YamlSequence) s.documents().get(0).root()).items()).hasSize(50_000);
    String tooMany = "- a\n".repeat(150_000); // within the size cap, past this node cap
    assertThatThrownBy(() -> YamlLoader.load("f.yaml", tooMany, new YamlLoader.Limits(16 << 20, 100_000, 10, 10)))
        .hasMessageContaining("more than 100000 YAML nodes");
  }
}
