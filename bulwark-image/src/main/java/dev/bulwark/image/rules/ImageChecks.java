package dev.bulwark.image.rules;

import dev.bulwark.core.Linter;
import dev.bulwark.core.Rule;
import java.util.List;

/**
 * The BW-M rules, one class each, in id order, and the linter that runs them. Findings point at the
 * config field they read, or at the layer and path of the (first) file they name.
 */
public final class ImageChecks {
  private static final List<Rule<ImageTarget>> ALL = List.of(new RootUser(), new SecretsInEnv(), new SecretsInHistory(), new ExposedPorts(),
      new NoHealthcheck(), new SetuidFiles(), new WorldWritable(), new SecretFiles(), new AttackSurface(), new PackageCaches(),
      new OsEndOfLife(), new ProvenanceLabels());

  private static final Linter<ImageTarget> LINTER = new Linter<>(ALL);

  private ImageChecks() {}

  public static List<Rule<ImageTarget>> all() {
    return ALL;
  }

  /** The linter with every image rule. */
  public static Linter<ImageTarget> linter() {
    return LINTER;
  }
}
