package dev.bulwark.lint.rules;

import dev.bulwark.dockerfile.model.ArgDecl;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.KeyValue;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.syntax.Instruction;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.core.Finding;
import dev.bulwark.core.secrets.Secrets;
import dev.bulwark.core.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rules about credentials baked into images. */
final class SecretRules {
  private SecretRules() {}



  /** BW-D040: ARG/ENV named like a secret. */
  static final class SecretNameInArgOrEnv extends AbstractRule {
    SecretNameInArgOrEnv() {
      super("BW-D040", "Secret passed through ARG or ENV", Severity.HIGH, "secrets",
          "ARG values are recorded in the image history and ENV values in its config: anyone who can pull the image can"
              + " read them, for as long as the image exists.",
          Secrets.SECRET_FIX, List.of("SecretsUsedInArgOrEnv", "DL3064", "DS031"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (var in : target.file().instructions()) {
        List<String> names = new ArrayList<>();
        if (in.command().equals("arg")) {
          for (String w : in.args()) {
            names.add(w.contains("=") ? w.substring(0, w.indexOf('=')) : w);
          }
        } else if (in.command().equals("env")) {
          for (int i = 0; i < in.args().size(); i += 2) {
            names.add(in.args().get(i));
          }
        }
        for (String n : names) {
          if (Secrets.isSecretName(n)) {
            report.accept(finding(in.keyword().toUpperCase(Locale.ROOT) + " " + n + " looks like a secret; it is stored in the image",
                in.locate(n), stageAt(target, in)));
          }
        }
      }
    }
  }

  /** BW-D041: a real-looking credential written into the Dockerfile. */
  static final class CredentialValue extends AbstractRule {
    CredentialValue() {
      super("BW-D041", "Credential written in the Dockerfile", Severity.CRITICAL, "secrets",
          "A live credential in the Dockerfile is in version control, in every image layer or config, and in every registry"
              + " and cache the image reaches; treat it as leaked.",
          "Revoke and rotate the credential, then " + Character.toLowerCase(Secrets.SECRET_FIX.charAt(0)) + Secrets.SECRET_FIX.substring(1),
          List.of("DS031"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Instruction in : target.file().instructions()) {
        String text = in.original();
        String found = Secrets.credentialIn(text);
        for (var h : in.heredocs()) {
          if (found == null) {
            found = Secrets.credentialIn(h.content());
          }
        }
        if (found != null) {
          report.accept(finding("credential-shaped value " + Secrets.mask(found) + " in " + in.keyword().toUpperCase(Locale.ROOT),
              in.locate(found), stageAt(target, in)));
          continue;
        }
        if (in.command().equals("env") || in.command().equals("arg")) {
          for (KeyValue kv : pairs(in)) {
            String v = kv.value().replaceAll("^[\"']|[\"']$", "");
            if (Secrets.isSecretName(kv.key()) && v.length() >= 16 && !v.contains("$") && !v.contains("/") && Secrets.entropy(v) >= 3.5) {
              report.accept(finding(kv.key() + " holds a high-entropy value " + Secrets.mask(v), in.locate(kv.value()), stageAt(target, in)));
            }
          }
        }
      }
    }

    private static List<KeyValue> pairs(Instruction in) {
      List<KeyValue> out = new ArrayList<>();
      if (in.command().equals("env")) {
        for (int i = 0; i + 1 < in.args().size(); i += 2) {
          out.add(new KeyValue(in.args().get(i), in.args().get(i + 1)));
        }
      } else {
        for (String w : in.args()) {
          int eq = w.indexOf('=');
          if (eq > 0) {
            out.add(new KeyValue(w.substring(0, eq), w.substring(eq + 1)));
          }
        }
      }
      return out;
    }
  }

  private static final Pattern SECRET_FILE = Pattern.compile(
      "(?i)(?:^|/)(?:\\.env(?:\\.[\\w.-]+)?|[^/]*\\.pem|[^/]*\\.key|id_(?:rsa|dsa|ecdsa|ed25519)[^/]*|\\.npmrc|\\.pypirc|\\.netrc|"
          + "\\.git-credentials|\\.dockercfg|\\.docker/config\\.json|credentials(?:\\.json)?|[^/]*\\.p12|[^/]*\\.pfx|\\.htpasswd|"
          + "\\.aws/credentials|secrets?\\.(?:ya?ml|json|env))$");

  /** BW-D042: secret files copied into a layer. */
  static final class SecretFileCopied extends AbstractRule {
    SecretFileCopied() {
      super("BW-D042", "Secret file copied into the image", Severity.HIGH, "secrets",
          "A key or credentials file copied into a layer stays in that layer even if a later RUN deletes it; anyone with"
              + " the image can extract it.",
          "Mount it only for the step that needs it: `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`; and list"
              + " such files in .dockerignore.",
          List.of("DS031"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Stage stage : target.model().stages()) {
        for (Command c : stage.commands()) {
          List<String> sources = c instanceof Command.Copy cp && cp.from() == null ? cp.sources()
              : c instanceof Command.Add add ? add.sources() : List.of();
          for (String src : sources) {
            if (SECRET_FILE.matcher(src.replaceAll("/+$", "")).find()) {
              report.accept(finding(src + " is a secret file; it stays in the layer", c.instruction().locate(src), stage));
            }
          }
        }
      }
    }
  }

  private static final Pattern URL_CREDENTIALS = Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*://([^/\\s:@'\"]+):([^/\\s@'\"]+)@[^\\s/'\"]+");

  /** BW-D043: user:password in a URL. */
  static final class CredentialsInUrl extends AbstractRule {
    CredentialsInUrl() {
      super("BW-D043", "Credentials in a URL", Severity.HIGH, "secrets",
          "user:password@ in a URL ends up in the Dockerfile, the build log, the image history and often in a config file"
              + " inside the image.",
          Secrets.SECRET_FIX, List.of());
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Instruction in : target.file().instructions()) {
        Matcher m = URL_CREDENTIALS.matcher(in.original());
        while (m.find()) {
          String pass = m.group(2);
          if (pass.startsWith("$") || pass.startsWith("${")) {
            continue; // a variable: BW-D040 judges where it comes from
          }
          report.accept(finding("URL carries the password of user '" + m.group(1) + "'", in.locate(m.group()), stageAt(target, in)));
        }
      }
    }
  }

  static Stage stageAt(DockerfileTarget target, Instruction in) {
    Stage found = null;
    for (Stage s : target.model().stages()) {
      if (s.from().instruction().startLine() <= in.startLine()) {
        found = s;
      }
    }
    return found;
  }
}
