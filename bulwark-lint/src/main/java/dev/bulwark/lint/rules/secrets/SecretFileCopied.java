package dev.bulwark.lint.rules.secrets;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** BW-D042: secret files copied into a layer. */
public final class SecretFileCopied extends DockerfileRule {
  private static final Pattern SECRET_FILE = Pattern.compile(
      "(?i)(?:^|/)(?:\\.env(?:\\.[\\w.-]+)?|[^/]*(?:key|priv)[^/]*\\.pem|[^/]*\\.key|id_(?:rsa|dsa|ecdsa|ed25519)|\\.npmrc|\\.pypirc|"
          + "\\.netrc|\\.git-credentials|\\.dockercfg|\\.docker/config\\.json|credentials\\.json|[^/]*\\.p12|[^/]*\\.pfx|\\.htpasswd|"
          + "\\.aws/credentials|secrets?\\.(?:ya?ml|json|env))$");
  /**
   * Public halves and certificates are meant to be shipped: {@code id_rsa.pub}, {@code cert.pem},
   * {@code ca.pem}, {@code fullchain.pem}, and a repository's signing key ({@code nodesource-repo.gpg.key}, anything put
   * in {@code /usr/share/keyrings/} or {@code /etc/apt/trusted.gpg.d/}); so is a plain {@code credentials} name, which in a source
   * tree is a package or folder (AWS's file is matched as {@code .aws/credentials}).
   */
  private static final Pattern PUBLIC = Pattern.compile("(?i)(?:\\.pub|pubkey[^/]*|public[^/]*|\\.gpg\\.key|gpg[-_.]?key|\\.asc|\\.gpg"
      // a package repository's signing key, where apt and dnf keep them: public by design
      + "|(?:^|/)(?:keyrings|trusted\\.gpg\\.d|rpm-gpg)/[^/]*)$");

  public SecretFileCopied() {
    super("BW-D042", "Secret file copied into the image", Severity.HIGH, Category.SECRETS,
        "A key or credentials file copied into a layer stays in that layer even if a later RUN deletes it; anyone with"
            + " the image can extract it.",
        "Mount it only for the step that needs it: `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`; and list"
            + " such files in .dockerignore.",
        List.of("DS031"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Stage stage : target.stages()) {
      for (Command c : stage.commandsAndTriggers(Command.class)) {
        List<String> sources = c instanceof Command.Copy cp && cp.from() == null ? cp.sources()
            : c instanceof Command.Add add ? add.sources() : List.of();
        String dest = c instanceof Command.Copy cp ? cp.destination() : c instanceof Command.Add add ? add.destination() : "";
        if (PUBLIC.matcher(withoutTrailingSlashes(dest)).find()) {
          continue; // COPY jenkins.io.key /war/jenkins-key.pub: the Dockerfile says the key is a public one
        }
        boolean ships = target.inFinalImage(stage);
        for (int i = 0; i < sources.size(); i++) {
          String src = sources.get(i);
          String path = withoutTrailingSlashes(src);
          if (SECRET_FILE.matcher(path).find() && !PUBLIC.matcher(path).find()) {
            Finding f = finding(src + " is a secret file; it stays in the layer" + (ships ? ""
                : " of build stage '" + stage.displayName() + "', which does not ship but stays in the builder's cache"),
                c.instruction().argSpan(i), stage);
            report.accept(ships ? f : f.withSeverity(Severity.LOW));
          }
        }
      }
    }
  }

  private static String withoutTrailingSlashes(String path) {
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(0, end);
  }
}
