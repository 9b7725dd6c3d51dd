package dev.bulwark.image.rules;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.core.secrets.Secrets;
import java.util.List;
import java.util.function.Consumer;

/** BW-M002: Secret in the image environment. */
public final class SecretsInEnv extends ImageRule {
  public SecretsInEnv() {
    super("BW-M002", "Secret in the image environment", Severity.HIGH, Category.SECRETS,
        "Environment variables are part of the image config: anyone who can pull the image reads them.",
        Secrets.SECRET_FIX, List.of("CIS-DI-0010"));
  }

  @Override
  public void check(ImageTarget t, Consumer<Finding> report) {
    for (String kv : t.image().manifest().config().env()) {
      int eq = kv.indexOf('=');
      String key = eq < 0 ? kv : kv.substring(0, eq);
      String value = eq < 0 ? "" : kv.substring(eq + 1);
      String credential = Secrets.credentialIn(value);
      if (credential != null) {
        report.accept(inConfig("Env", "ENV " + key + " holds a credential-shaped value " + Secrets.mask(credential)));
      } else if (Secrets.isSecretName(key) && !value.isEmpty()) {
        report.accept(inConfig("Env", "ENV " + key + " looks like a secret and has a value in the image"));
      }
    }
  }
}
