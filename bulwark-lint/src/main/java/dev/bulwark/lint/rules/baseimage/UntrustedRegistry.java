package dev.bulwark.lint.rules.baseimage;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.LintConfig;
import dev.bulwark.core.Severity;
import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;

/** BW-D007: FROM a registry outside the configured trusted list. */
public final class UntrustedRegistry extends DockerfileRule {
  public UntrustedRegistry() {
    super("BW-D007", "Base image from an untrusted registry", Severity.MEDIUM, Category.SUPPLY_CHAIN,
        "Images from registries the organisation does not control or mirror can change or vanish, and bypass its scanning.",
        "Pull base images from a trusted registry or mirror (`trustedRegistries` in .bulwark.yaml).", List.of("DL3026"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    List<String> trusted = target.config().trustedRegistries();
    if (trusted.isEmpty()) {
      return;
    }
    for (Stage stage : target.model().stages()) {
      ImageReference ref = stage.baseImage().orElse(null);
      if (ref != null && trusted.stream().noneMatch(t -> registryMatches(t, ref.registry()))) {
        report.accept(finding("FROM " + stage.from().image() + " comes from " + ref.registry() + ", not a trusted registry",
            stage.from().instruction().argSpan(0), stage));
      }
    }
  }

  static boolean registryMatches(String pattern, String registry) {
    String p = pattern.equals("hub.docker.com") || pattern.equals("index.docker.io") ? "docker.io" : pattern;
    return LintConfig.globMatches(p, registry);
  }
}
