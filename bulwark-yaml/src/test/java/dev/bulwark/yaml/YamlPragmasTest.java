package dev.bulwark.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.Severity;
import dev.bulwark.core.text.SourceText;
import dev.bulwark.core.text.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlPragmasTest {
  private static final RuleInfo RULE =
      new RuleInfo("BW-K001", "t", Severity.HIGH, Category.PRIVILEGE, "r", "f", List.of("privileged", "CKV_K8S_16"), List.of());

  private static Finding at(int line) {
    return Finding.of(RULE, "m", new Span(line, 1, line, 2, 0, 1), null);
  }

  @Test
  void sameLineAndLineAboveAndGlobal() {
    YamlPragmas p = YamlPragmas.of(new SourceText("""
        a: 1   # bulwark ignore=BW-K001 # accepted: legacy
        # bulwark ignore=ckv_k8s_16,BW-K999
        b: 2
        c: 3
        d: "# bulwark ignore=BW-K001 is only text"
        """));
    assertThat(p.suppresses(at(1))).isTrue();
    assertThat(p.suppresses(at(2))).isFalse();
    assertThat(p.suppresses(at(3))).isTrue();
    assertThat(p.suppresses(at(4))).isFalse();
    assertThat(YamlPragmas.of(new SourceText("# bulwark global ignore=privileged\na: 1\n")).suppresses(at(2))).isTrue();
    assertThat(YamlPragmas.of(new SourceText("a: 1 #bulwark ignore=BW-K002\n")).suppresses(at(1))).isFalse();
  }
}
