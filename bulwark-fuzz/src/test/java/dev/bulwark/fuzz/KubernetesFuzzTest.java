package dev.bulwark.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Linter;
import dev.bulwark.k8s.KubernetesTarget;
import dev.bulwark.k8s.rules.KubernetesRules;
import dev.bulwark.yaml.YamlException;
import dev.bulwark.yaml.YamlLoader;
import java.nio.charset.StandardCharsets;

/**
 * YAML files as the scan reads them (UTF-8, malformed bytes replaced): loaded into the position
 * tree, and when they are manifests, linted by every Kubernetes rule, each finding's span inside
 * the text. Only {@link YamlException} may escape.
 */
class KubernetesFuzzTest {
  private static final Linter<KubernetesTarget> LINTER = KubernetesRules.linter();

  static {
    Bounds.warmUp(() -> lint("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: x}]}\n"));
  }

  @FuzzTest
  void yaml(byte[] input) {
    Bounds.check(() -> YamlLoader.load("f.yaml", new String(input, StandardCharsets.UTF_8)), YamlException.class);
  }

  @FuzzTest
  void manifest(byte[] input) {
    Bounds.check(() -> lint(new String(input, StandardCharsets.UTF_8)), YamlException.class);
  }

  private static void lint(String text) throws YamlException {
    KubernetesTarget t = KubernetesTarget.parse("m.yaml", text);
    for (Finding f : LINTER.lint(t)) {
      if (f.span().startOffset() < 0 || f.span().endOffset() > text.length() || f.span().startOffset() > f.span().endOffset()) {
        throw new IllegalStateException(f.ruleId() + " span outside the text: " + f.span());
      }
    }
  }
}
