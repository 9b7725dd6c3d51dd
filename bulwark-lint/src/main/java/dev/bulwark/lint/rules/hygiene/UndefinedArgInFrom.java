package dev.bulwark.lint.rules.hygiene;

import dev.bulwark.dockerfile.syntax.Flag;
import dev.bulwark.core.text.Span;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.syntax.Instruction;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** BW-D100: FROM uses an ARG that is not declared before it. */
public final class UndefinedArgInFrom extends DockerfileRule {
  /** {@code $VAR}, {@code ${VAR}}, and {@code ${VAR<op>…}} with the operator in group 2. */
  private static final Pattern VAR_REF = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)(:?[-=+?])?\\}?");

  private static final Set<String> PREDEFINED_ARGS = Set.of("BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT", "TARGETPLATFORM",
      "TARGETOS", "TARGETARCH", "TARGETVARIANT", "TARGETSTAGE", "BUILDKIT_SYNTAX", "HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY",
      "ALL_PROXY", "http_proxy", "https_proxy", "ftp_proxy", "no_proxy", "all_proxy");

  public UndefinedArgInFrom() {
    super("BW-D100", "FROM uses an undeclared ARG", Severity.MEDIUM, Category.RELIABILITY,
        "An undeclared variable expands to nothing, so FROM resolves to a different image than intended (or fails).",
        "Declare it before the first FROM: `ARG BASE=alpine:3.23`.", List.of("UndefinedArgInFrom"));
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    Set<String> declared = new HashSet<>();
    target.model().globalArgs().forEach(a -> declared.add(a.name()));
    for (Stage stage : target.model().stages()) {
      Instruction in = stage.from().instruction();
      // the image as written, and the --platform flag as written (its name is 11 chars: --platform=)
      List<String> texts = new ArrayList<>();
      List<Span> spans = new ArrayList<>();
      List<Integer> skips = new ArrayList<>();
      if (!in.args().isEmpty()) {
        texts.add(in.args().getFirst());
        spans.add(in.argSpan(0));
        skips.add(0);
      }
      Flag platform = in.flagNamed("platform");
      if (platform != null && platform.value() != null) {
        texts.add(platform.value());
        spans.add(platform.span());
        skips.add("--platform=".length());
      }
      for (int t = 0; t < texts.size(); t++) {
        Matcher m = VAR_REF.matcher(texts.get(t));
        while (m.find()) {
          String v = m.group(1);
          // ${VAR:-default} and ${VAR=default} stand for the default when VAR is unset: nothing is undefined
          boolean hasDefault = m.group(2) != null && (m.group(2).endsWith("-") || m.group(2).endsWith("="));
          if (!declared.contains(v) && !PREDEFINED_ARGS.contains(v) && !hasDefault) {
            report.accept(finding("FROM uses $" + v + ", which no ARG before the first FROM declares",
                in.subSpan(spans.get(t), skips.get(t) + m.start(), skips.get(t) + m.end()), stage));
          }
        }
      }
    }
  }
}
