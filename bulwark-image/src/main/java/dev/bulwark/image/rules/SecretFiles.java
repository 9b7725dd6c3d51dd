package dev.bulwark.image.rules;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.image.fs.FileEntry;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** BW-M008: Private keys or credential files in the image. */
public final class SecretFiles extends ImageRule {
  static final Pattern SECRET_PATH = Pattern.compile(
      "(?:^|/)(?:\\.env(?:\\.[\\w.-]+)?|id_(?:rsa|dsa|ecdsa|ed25519)|[^/]*\\.key|[^/]*\\.p12|[^/]*\\.pfx|\\.npmrc|\\.pypirc|\\.netrc|"
          + "\\.git-credentials|\\.aws/credentials|\\.docker/config\\.json|\\.htpasswd)$");

  public SecretFiles() {
    super("BW-M008", "Private keys or credential files in the image", Severity.HIGH, Category.SECRETS,
        "A key or credentials file in any layer can be extracted by anyone who pulls the image.",
        "Remove them from the build context (.dockerignore) and mount secrets at build or run time instead.", List.of("CIS-DI-0010"));
  }

  @Override
  public void check(ImageTarget t, Consumer<Finding> report) {
    reportFiles(t, e -> e.type() == FileEntry.Type.FILE && mayBeSecret(e.path()) && SECRET_PATH.matcher(e.path()).find() && !e.path().startsWith("usr/share/")
        && !e.path().endsWith(".example"), "secret-looking file(s)", report);
  }

  /** Every name {@link #SECRET_PATH} matches passes this; most of an image's files do not, and skip the regex (a million paths cost a second). */
  static boolean mayBeSecret(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return name.startsWith(".") || name.startsWith("id_") || name.endsWith(".key") || name.endsWith(".p12") || name.endsWith(".pfx")
        || name.equals("credentials") || name.equals("config.json");
  }
}
