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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** BW-D043: user:password in a URL. */
public final class CredentialsInUrl extends DockerfileRule {
  static final Pattern URL_CREDENTIALS = Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*://([^/\\s:@'\"]+):([^/\\s@'\"]+)@[^\\s/'\"]+");

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
    for (MatchResult m : credentialUrls(text)) {
      String pass = m.group(2);
      if (pass.startsWith("$") || pass.startsWith("${")) {
        continue; // a variable: BW-D040 judges where it comes from
      }
      report.accept(finding("URL carries the password of user '" + m.group(1) + "'", map.span(m.start(), m.end()), target.stageOf(in)));
    }
  }

  /**
   * What {@code URL_CREDENTIALS.matcher(text).find()} finds in turn, without trying the pattern at
   * every offset (its scheme part made that a tenth of the rule checks' time): the pattern is only
   * tried, anchored, at the leftmost scheme start before each {@code ://}.
   */
  static List<MatchResult> credentialUrls(String text) {
    List<MatchResult> found = new ArrayList<>();
    Matcher m = URL_CREDENTIALS.matcher(text).useTransparentBounds(true); // \b sees the char before the region
    int from = 0;
    for (int sep = text.indexOf("://"); sep >= 0 && text.indexOf('@', sep) >= 0; sep = text.indexOf("://", sep + 1)) {
      int start = schemeStart(text, sep, from);
      if (start >= 0 && m.region(start, text.length()).lookingAt()) {
        found.add(m.toMatchResult());
        from = m.end();
      }
    }
    return found;
  }

  /** The leftmost offset in [from, sep) where a scheme ending at {@code sep} can start after a word boundary, or -1. */
  private static int schemeStart(String text, int sep, int from) {
    int run = sep;
    while (run > from && isSchemeChar(text.charAt(run - 1))) {
      run--;
    }
    for (int s = run; s < sep; s++) {
      char c = text.charAt(s);
      if (((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) && (s == 0 || !isWordChar(text.charAt(s - 1)))) {
        return s;
      }
    }
    return -1;
  }

  private static boolean isSchemeChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-';
  }

  private static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
}
