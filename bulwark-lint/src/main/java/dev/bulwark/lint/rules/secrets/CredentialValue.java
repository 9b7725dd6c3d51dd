package dev.bulwark.lint.rules.secrets;

import dev.bulwark.core.text.Span;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.core.secrets.Secrets;
import dev.bulwark.dockerfile.model.KeyValue;
import dev.bulwark.dockerfile.syntax.Instruction;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** BW-D041: a real-looking credential written into the Dockerfile. */
public final class CredentialValue extends DockerfileRule {
  /** A quote at either end of a value (compiled once: asked for every ENV and ARG pair). */
  /** The ids of a secret written under a secret name: this rule's and BW-D040's (which does not report it again). */
  private static final List<String> NAMED_SECRET_ALIASES = List.of("DS031", "SecretsUsedInArgOrEnv", "DL3064");
  private static final Pattern EDGE_QUOTES = Pattern.compile("^[\"']|[\"']$");

  public CredentialValue() {
    super("BW-D041", "Credential written in the Dockerfile", Severity.CRITICAL, Category.SECRETS,
        "A live credential in the Dockerfile is in version control, in every image layer or config, and in every registry"
            + " and cache the image reaches; treat it as leaked.",
        "Revoke and rotate the credential, then " + Character.toLowerCase(Secrets.SECRET_FIX.charAt(0)) + Secrets.SECRET_FIX.substring(1),
        List.of("DS031"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Instruction in : target.file().instructions()) {
      MatchResult found = Secrets.credentialMatch(in.original());
      Span at = found == null ? null : in.sourceMap().span(found.start(), found.end());
      for (var h : in.heredocs()) {
        if (found == null) {
          found = Secrets.credentialMatch(h.content());
          at = found == null ? null : h.contentMap(in.source()).span(found.start(), found.end());
        }
      }
      Instruction own = in.child() != null ? in.child() : in; // ONBUILD ENV/ARG: child images store it
      if (found != null) {
        Finding f = finding("credential-shaped value " + Secrets.mask(found.group()) + " in " + in.keyword().toUpperCase(Locale.ROOT),
            at, target.stageOf(in));
        boolean named = (own.command().equals("env") || own.command().equals("arg")) && pairs(own).stream().anyMatch(kv -> Secrets.isSecretName(kv.key()));
        report.accept(named ? f.withAliases(NAMED_SECRET_ALIASES) : f); // BW-D040 leaves a named one to this rule
        continue;
      }
      if (own.command().equals("env") || own.command().equals("arg")) {
        for (KeyValue kv : pairs(own)) {
          String v = unquoted(kv.value());
          if (holdsHighEntropySecret(kv.key(), v)) {
            // BW-D040 leaves this pair to this rule, so this finding answers to its ids too (BuildKit's check, hadolint's)
            report.accept(finding(kv.key() + " holds a high-entropy value " + Secrets.mask(v), kv.valueSpan(), target.stageOf(in))
                .withAliases(NAMED_SECRET_ALIASES));
          }
        }
      }
    }
  }

  /**
   * True when {@code value} (quotes removed) under the secret name {@code name} reads as a real secret: 16+ characters of
   * high entropy, no variable or path. BW-D041 reports it; BW-D040 (the name alone) then says nothing more of it.
   */
  static boolean holdsHighEntropySecret(String name, String value) {
    return Secrets.isSecretName(name) && value.length() >= 16 && !value.contains("$") && !value.contains("/") && Secrets.entropy(value) >= 3.5
        && !Secrets.isPublicValue(name, value);
  }

  /** {@code value} without the quotes at its edges. */
  static String unquoted(String value) {
    return EDGE_QUOTES.matcher(value).replaceAll("");
  }

  /** True when the instruction's text holds a credential-shaped value (a cloud key, a token format): BW-D041's first case. */
  static boolean holdsCredential(Instruction in) {
    return Secrets.credentialMatch(in.original()) != null;
  }

  private static List<KeyValue> pairs(Instruction in) {
    List<KeyValue> out = new ArrayList<>();
    if (in.command().equals("env")) {
      for (int i = 0; i + 1 < in.args().size(); i += 2) {
        out.add(new KeyValue(in.args().get(i), in.args().get(i + 1), in.argSpan(i), in.argSpan(i + 1)));
      }
    } else {
      for (int i = 0; i < in.args().size(); i++) {
        String w = in.args().get(i);
        int eq = w.indexOf('=');
        if (eq > 0) {
          out.add(new KeyValue(w.substring(0, eq), w.substring(eq + 1), in.subSpan(in.argSpan(i), 0, eq),
              in.subSpan(in.argSpan(i), eq + 1, w.length())));
        }
      }
    }
    return out;
  }
}
