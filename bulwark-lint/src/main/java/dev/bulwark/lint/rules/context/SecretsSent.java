package dev.bulwark.lint.rules.context;

import dev.bulwark.core.Category;
import dev.bulwark.core.Severity;
import dev.bulwark.lint.context.BuildContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** BW-I002: secret-looking files that the ignore file lets through into the image. */
public final class SecretsSent extends ContextPathsSent {
  private static final Pattern SECRET = Pattern.compile(
      "(?i)(?:^|/)(?:\\.env(?:\\.[\\w.-]+)?|[^/]*\\.pem|[^/]*\\.key|id_(?:rsa|dsa|ecdsa|ed25519)(?:\\.pub)?|\\.npmrc|\\.pypirc|\\.netrc|"
          + "\\.git-credentials|\\.aws/credentials|\\.docker/config\\.json|[^/]*\\.p12|[^/]*\\.pfx|\\.htpasswd|[^/]*\\.tfstate)$");

  private static final Pattern EXAMPLE = Pattern.compile("(?i)(example|sample|template|dist)$");

  public SecretsSent() {
    super("BW-I002", "Secret files in the build context are copied into the image", Severity.HIGH, Category.SECRETS,
        "These files are not excluded by .dockerignore, so `COPY . .` puts them in a layer, readable by anyone who can"
            + " pull the image.",
        "Exclude them in .dockerignore (`.env*`, `**/*.pem`, `**/*.key`, `**/id_rsa*`, `.npmrc`), and pass what the build"
            + " needs with `RUN --mount=type=secret`.");
  }

  /** The secret-looking files a context sends: the same for every Dockerfile that copies it, so computed once. */
  private static final class Leaked extends BuildContext.Derived<List<String>> {
    @Override
    protected List<String> compute(BuildContext context) {
      List<String> leaked = new ArrayList<>();
      for (String e : context.sent()) {
        if (!e.endsWith("/") && SECRET.matcher(e).find() && !EXAMPLE.matcher(e).find()) {
          leaked.add(e);
        }
      }
      return List.copyOf(leaked);
    }
  }

  private static final Leaked LEAKED = new Leaked();

  /** The secret-looking files {@code context} sends (computed once per context). */
  static List<String> leaked(BuildContext context) {
    return context.get(LEAKED);
  }

  @Override
  protected BuildContext.Derived<List<String>> offending() {
    return LEAKED;
  }
}
