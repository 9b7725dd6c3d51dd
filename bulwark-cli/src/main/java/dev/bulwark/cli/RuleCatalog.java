package dev.bulwark.cli;

import dev.bulwark.compose.rules.ComposeRules;
import dev.bulwark.core.Rule;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.image.rules.ImageChecks;
import dev.bulwark.k8s.rules.KubernetesRules;
import dev.bulwark.lint.rules.DockerfileRules;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every rule Bulwark ships, over every kind of target, and lookup by id or alias. It lives here,
 * where all the target modules meet: the Dockerfile rules must not know the image rules' module.
 */
public final class RuleCatalog {
  private static final List<RuleInfo> INFOS = Stream.of(DockerfileRules.all(), ImageChecks.all(), KubernetesRules.all(), ComposeRules.all())
      .flatMap(List::stream)
      .map(r -> ((Rule<?>) r).info())
      .sorted(Comparator.comparing(RuleInfo::id))
      .toList();

  private RuleCatalog() {}

  /** All rule entries (Dockerfile, context, parse, image, Kubernetes and Compose rules), in id order. */
  public static List<RuleInfo> infos() {
    return INFOS;
  }

  /** The rule with this id or alias ({@code BW-D001}, {@code DL3002}). */
  public static Optional<RuleInfo> find(String idOrAlias) {
    return INFOS.stream().filter(i -> i.answersTo(idOrAlias)).findFirst();
  }
}
