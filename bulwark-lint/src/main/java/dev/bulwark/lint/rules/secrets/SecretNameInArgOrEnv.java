package dev.bulwark.lint.rules.secrets;

import dev.bulwark.core.text.Span;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.core.secrets.Secrets;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** BW-D040: ARG/ENV named like a secret. */
public final class SecretNameInArgOrEnv extends DockerfileRule {
  public SecretNameInArgOrEnv() {
    super("BW-D040", "Secret passed through ARG or ENV", Severity.HIGH, Category.SECRETS,
        "ARG values are recorded in the image history and ENV values in its config: anyone who can pull the image can"
            + " read them, for as long as the image exists.",
        Secrets.SECRET_FIX, List.of("SecretsUsedInArgOrEnv", "DL3064", "DS031"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (var outer : target.file().instructions()) {
      var in = outer.child() != null ? outer.child() : outer; // ONBUILD ENV/ARG: child images store it
      // ARG words are name[=value] (the name starts the word); ENV args pair up key, value
      List<String> names = new ArrayList<>();
      List<String> values = new ArrayList<>(); // null: an ARG without a default
      List<Span> spans = new ArrayList<>();
      if (in.command().equals("arg")) {
        for (int i = 0; i < in.args().size(); i++) {
          String w = in.args().get(i);
          names.add(w.contains("=") ? w.substring(0, w.indexOf('=')) : w);
          values.add(w.contains("=") ? w.substring(w.indexOf('=') + 1) : null);
          spans.add(in.subSpan(in.argSpan(i), 0, names.getLast().length()));
        }
      } else if (in.command().equals("env")) {
        for (int i = 0; i + 1 < in.args().size(); i += 2) {
          names.add(in.args().get(i));
          values.add(in.args().get(i + 1));
          spans.add(in.argSpan(i));
        }
      }
      for (int i = 0; i < names.size(); i++) {
        // a switch, an empty placeholder or a published signing-key fingerprint stores no secret
        if (!Secrets.isSecretName(names.get(i)) || Secrets.isPublicValue(names.get(i), values.get(i))) {
          continue;
        }
        String value = values.get(i) == null ? null : CredentialValue.unquoted(values.get(i));
        if (value != null && (CredentialValue.holdsHighEntropySecret(names.get(i), value) || CredentialValue.holdsCredential(outer))) {
          continue; // BW-D041 reports the value itself, at critical: one cause, one finding
        }
        report.accept(finding(in.keyword().toUpperCase(Locale.ROOT) + " " + names.get(i) + " looks like a secret; it is stored in the image",
            spans.get(i), target.stageOf(in)));
      }
    }
  }
}
