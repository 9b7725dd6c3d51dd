package dev.bulwark.lint.rules.secrets;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.core.secrets.Secrets;
import dev.bulwark.dockerfile.syntax.Heredoc;
import dev.bulwark.dockerfile.syntax.Instruction;
import dev.bulwark.dockerfile.syntax.SourceMap;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** BW-D043: user:password in a URL. */
public final class CredentialsInUrl extends DockerfileRule {
  private static final Pattern URL_CREDENTIALS = Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*://([^/\\s:@'\"]+):([^/\\s@'\"]+)@[^\\s/'\"]+");

  public CredentialsInUrl() {
    super("BW-D043", "Credentials in a URL", Severity.HIGH, Category.SECRETS,
        "user:password@ in a URL ends up in the Dockerfile, the build log, the image history and often in a config file"
            + " inside the image.",
        Secrets.SECRET_FIX, List.of());
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Instruction in : target.file().instructions()) {
      find(target, in, in.original(), in.sourceMap(), report);
      for (Heredoc h : in.heredocs()) { // a heredoc's body is a script or a file's content: found at its own line
        find(target, in, h.content(), h.contentMap(in.source()), report);
      }
    }
  }

  private void find(DockerfileTarget target, Instruction in, String text, SourceMap map, Consumer<Finding> report) {
    int scheme = text.indexOf("://");
    if (scheme < 0 || text.indexOf('@', scheme) < 0) {
      return; // every match has both: skips the regex, tried at every offset, on nearly every instruction
    }
    Matcher m = URL_CREDENTIALS.matcher(text);
    while (m.find()) {
      String pass = m.group(2);
      if (pass.startsWith("$") || pass.startsWith("${")) {
        continue; // a variable: BW-D040 judges where it comes from
      }
      report.accept(finding("URL carries the password of user '" + m.group(1) + "'", map.span(m.start(), m.end()), target.stageOf(in)));
    }
  }
}
