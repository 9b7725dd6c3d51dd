package dev.bulwark.lint.rules.syntax;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Rule;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.syntax.Diagnostic;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.purpose.Templates;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** The parser's own verdicts as findings: BW-P001 where BuildKit refuses the file, BW-P002 where it warns. */
public final class ParseDiagnostics implements Rule<DockerfileTarget> {
  /** BuildKit would refuse the file. */
  static final RuleInfo PARSE_ERROR = new RuleInfo(
      "BW-P001",
      "Dockerfile does not parse",
      Severity.HIGH,
      Category.SYNTAX,
      "BuildKit refuses this Dockerfile, so the image cannot be built as written; other findings may be incomplete.",
      "Fix the syntax error at the reported line.",
      List.of("DL1000"),
      List.of("https://docs.docker.com/reference/dockerfile/"));

  /** BuildKit accepts the file but warns. */
  static final RuleInfo PARSE_WARNING = new RuleInfo(
      "BW-P002",
      "Dockerfile parser warning",
      Severity.LOW,
      Category.SYNTAX,
      "BuildKit builds this but warns; such constructs are deprecated or likely mistakes.",
      "Follow the message, e.g. remove empty lines inside a continued instruction.",
      List.of("NoEmptyContinuation"),
      List.of("https://docs.docker.com/reference/build-checks/"));

  private final boolean errors;

  private ParseDiagnostics(boolean errors) {
    this.errors = errors;
  }

  public static ParseDiagnostics errors() {
    return new ParseDiagnostics(true);
  }

  public static ParseDiagnostics warnings() {
    return new ParseDiagnostics(false);
  }

  @Override
  public RuleInfo info() {
    return errors ? PARSE_ERROR : PARSE_WARNING;
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    // the same message on the same line is one finding with a count (50,000 repeated flags are one problem)
    Map<String, Diagnostic> first = new LinkedHashMap<>();
    Map<String, Integer> times = new HashMap<>();
    for (Diagnostic d : target.model().diagnostics()) {
      if (d.isError() == errors) {
        String key = d.span().startLine() + "\u0000" + d.message();
        first.putIfAbsent(key, d);
        times.merge(key, 1, Integer::sum);
      }
    }
    Set<Integer> placeholderLines = new HashSet<>();
    List<Templates.Placeholder> placeholders = Templates.placeholders(target.model());
    for (Templates.Placeholder p : placeholders) {
      placeholderLines.add(p.line());
    }
    String template = placeholders.isEmpty() ? null : placeholders.get(0).text();
    first.forEach((key, d) -> {
      int n = times.get(key);
      String message = n == 1 ? d.message() : d.message() + " (" + n + " times)";
      Finding f = Finding.of(info(), message, d.span(), null);
      if (errors && target.model().stages().isEmpty() && target.model().implicit().isEmpty()) {
        // nothing but comments (a fragment other files are assembled from): nothing is built from it, so nothing ships
        f = f.withSeverity(Severity.LOW);
      }
      if (template != null && errors) {
        // a template is filled in before it is built: the placeholder's own error is expected, any other
        // one would still break the generated file, but is judged on that file, not this one
        f = placeholderLines.contains(d.span().startLine())
            ? f.withMessage("the placeholder " + template + " is filled in before a build (a template, not built as written): " + message)
                .withSeverity(Severity.INFO)
            : f.withMessage(message + " (in a template with the placeholder " + template + ")").withSeverity(Severity.LOW);
      }
      report.accept(f);
    });
  }
}
