package dev.bulwark.image.rules;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.core.secrets.Secrets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** BW-M003: Secret in the image build history. */
public final class SecretsInHistory extends ImageRule {
  private static final Pattern BUILD_ARG = Pattern.compile("(?:^|\\s)([A-Za-z_][A-Za-z0-9_]*)=(\\S+)");

  public SecretsInHistory() {
    super("BW-M003", "Secret in the image build history", Severity.HIGH, Category.SECRETS,
        "Build arguments and RUN command lines are recorded in the image history (`docker history --no-trunc`).",
        Secrets.SECRET_FIX, List.of("CIS-DI-0010"));
  }

  @Override
  public void check(ImageTarget t, Consumer<Finding> report) {
    Set<String> seen = new TreeSet<>();
    for (String line : t.image().manifest().config().history()) {
      String credential = Secrets.credentialIn(line);
      if (credential != null) {
        seen.add("a credential-shaped value " + Secrets.mask(credential));
        continue;
      }
      var m = BUILD_ARG.matcher(line);
      while (m.find()) {
        if (Secrets.isSecretName(m.group(1)) && !m.group(2).startsWith("$")) {
          seen.add(m.group(1));
        }
      }
    }
    for (String s : seen) {
      report.accept(inConfig("history", "the build history records " + s));
    }
  }
}
