package dev.bulwark.compose.rules.secrets;

import dev.bulwark.compose.ComposeRule;
import dev.bulwark.compose.ComposeService;
import dev.bulwark.compose.ComposeTarget;
import dev.bulwark.compose.rules.model.Fields;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.core.secrets.Secrets;
import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlNode;
import dev.bulwark.yaml.YamlScalar;
import dev.bulwark.yaml.YamlSequence;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BW-C015: a secret written into {@code environment} (map or list form). Credential-shaped values (provider tokens, private
 * keys) are high; a literal under a secret name (core's token rule) medium; a dictionary word or example value ({@code
 * example}, {@code postgres}, {@code admin123}) low: it marks a development file, and is public wherever the file runs. A
 * {@code ${VAR}} reference is not a secret (the value comes from the shell or {@code .env}), nor is a switch, a path (a
 * {@code *_FILE} or a mounted secret), a placeholder or a setting about a secret ({@code AUTH_METHOD}, {@code TOKEN_TTL}).
 */
public final class SecretInEnvironment extends ComposeRule {
  /** A name's last part that says it configures a secret rather than holding one. */
  private static final Set<String> SETTING = Set.of("TYPE", "METHOD", "MODE", "ENABLE", "ENABLED", "DISABLE", "DISABLED", "URL", "URI",
      "HOST", "PORT", "PROVIDER", "USER", "USERNAME", "NAME", "EXPIRY", "EXPIRE", "EXPIRES", "EXPIRATION", "TTL", "TIMEOUT", "LENGTH",
      "SIZE", "ALGORITHM", "ALG", "ISSUER", "AUDIENCE", "HEADER", "REALM", "DOMAIN", "SCOPE", "SCOPES", "ENDPOINT", "SERVER", "PATH",
      "DIR", "ID", "REQUIRED", "BACKEND", "STRATEGY", "POLICY", "LIFETIME", "DURATION", "FORMAT", "VERSION", "COST", "ROUNDS",
      "HASH", "HASHING", "ENCRYPTION", "TLS", "SSL", "METHODS", "LEVEL", "FIELD", "PARAM", "PREFIX", "COOKIE", "LOCATION", "HOSTNAME",
      "LANGUAGE");
  /** A file path, or a config parameter naming one ({@code %kernel.project_dir%/jwt/private.pem}): the secret is elsewhere. */
  private static final Pattern FILE = Pattern.compile("(?i).*\\.(?:pem|key|crt|cert|p12|pfx|jks|json|txt)$");
  /** Text to fill in that core's placeholders do not cover: {@code XXX-XXX}, {@code ***}, {@code none}, {@code TODO}. */
  private static final Pattern FILL_IN = Pattern.compile("(?i)(?:x{3,}|\\*{3,}|\\.{3})(?:[-_ ]?(?:x{3,}|\\*{3,}))*|todo|tbd|fixme|none|null|undefined|redacted");
  /** A value wrapped in one pair of matching quotes, which the list form keeps in the value. */
  private static final Pattern QUOTED = Pattern.compile("^([\"'])(.*)\\1$");
  /** A URL with a password in it: {@code postgres://app:hunter2@db/app}. */
  private static final Pattern URL_PASSWORD = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/:@\\s]*:([^@/\\s]+)@");

  public SecretInEnvironment() {
    super("BW-C015", "Secret in an environment value", Severity.HIGH, Category.SECRETS,
        "A secret written in the Compose file is in the repository, in every copy of the file and in `docker inspect` of the"
            + " container; it cannot be rotated without a commit. A token in a known format (cloud keys, GitHub tokens, private keys)"
            + " is high; another literal under a secret name medium; an example word (`example`, `postgres`, `changeme`) low: it"
            + " says the file is for development, and anywhere else that password is public.",
        "Reference the value instead (`POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set it in .env}`, with `.env` ignored by git), or"
            + " use Compose `secrets:` and the image's `*_FILE` variable (`POSTGRES_PASSWORD_FILE: /run/secrets/db_password`).",
        List.of());
  }

  @Override
  public void check(ComposeTarget target, Consumer<Finding> report) {
    for (ComposeService s : target.services()) {
      YamlNode env = s.body().get("environment");
      if (env instanceof YamlMapping m) {
        for (YamlMapping.Entry e : m.entries()) {
          if (e.value() instanceof YamlScalar v && !v.isNull()) {
            check(target, s, e.key().value(), v.value(), v, report);
          }
        }
      } else if (env instanceof YamlSequence seq) {
        for (YamlNode n : seq.items()) {
          if (n instanceof YamlScalar x && x.value().indexOf('=') > 0) {
            int eq = x.value().indexOf('=');
            check(target, s, x.value().substring(0, eq).strip(), x.value().substring(eq + 1), x, report);
          }
        }
      }
    }
  }

  private void check(ComposeTarget target, ComposeService s, String name, String value, YamlNode node, Consumer<Finding> report) {
    String v = QUOTED.matcher(value.strip()).replaceAll("$2").strip();
    if (v.isEmpty() || Fields.isVariable(v) || FILE.matcher(v).matches()) {
      return;
    }
    String credential = Secrets.credentialIn(v);
    if (credential != null) {
      report.accept(finding(target, Severity.HIGH, s.displayName() + " sets " + name + " to a literal credential-shaped value ("
          + Secrets.mask(credential) + ")", node, s.name()));
      return;
    }
    String secret = null;
    Matcher url = URL_PASSWORD.matcher(v);
    boolean inUrl = url.find();
    if (inUrl) {
      secret = url.group(1);
    } else if (Secrets.isSecretName(name) && !isSetting(name) && !Secrets.isPublicValue(name, v) && !v.startsWith("/")
        && !v.startsWith("./") && !Secrets.isPlaceholder(v) && !isNumberSetting(v)) {
      secret = v;
    }
    if (secret == null || Secrets.isPlaceholder(secret) || FILL_IN.matcher(secret).matches()) {
      return;
    }
    String where = inUrl ? " a URL with the password " : " the literal ";
    if (Secrets.isExampleValue(name, secret)) {
      report.accept(finding(target, Severity.LOW, s.displayName() + " sets " + name + " to" + where + "example value " + Secrets.mask(secret)
          + ": fine for a local development stack, public anywhere else", node, s.name()));
    } else {
      report.accept(finding(target, Severity.MEDIUM, s.displayName() + " sets " + name + " to" + where + "secret " + Secrets.mask(secret),
          node, s.name()));
    }
  }

  /** {@code AUTH_METHOD}, {@code JWT_TOKEN_TTL}, {@code PASSWORD_MIN_LENGTH}: the last part of the name is not the secret. */
  private static boolean isSetting(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    int at = upper.lastIndexOf('_');
    String last = at < 0 ? upper : upper.substring(at + 1);
    return SETTING.contains(last) || upper.contains("_MIN_") || upper.contains("_MAX_");
  }

  /** A small number under a secret name is a setting (a length, a cost, a timeout), not a password. */
  private static boolean isNumberSetting(String v) {
    return v.length() <= 4 && v.chars().allMatch(Character::isDigit);
  }
}
