package dev.bulwark.harden;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bulwark harden}: rewrites a Dockerfile into hardened multi-stage variants that keep its
 * build. Pure: the Dockerfile text, the project's manifest files and the options in, a result per
 * variant out; no I/O.
 */
public final class Harden {
  private Harden() {}

  /**
   * The {@code variant} of {@code dockerfile}. {@code projectFiles} maps manifest paths relative to
   * the build context ({@code go.mod}, {@code package.json}, {@code pom.xml}, …) to their content.
   */
  public static HardenResult harden(String dockerfile, Map<String, String> projectFiles, Variant variant, HardenOptions options) {
    Analysis a = Analysis.of(dockerfile, projectFiles);
    return harden(a, variant, options);
  }

  /** Every variant, read once. */
  public static List<HardenResult> all(String dockerfile, Map<String, String> projectFiles, HardenOptions options) {
    Analysis a = Analysis.of(dockerfile, projectFiles);
    List<HardenResult> out = new ArrayList<>();
    for (Variant v : Variant.values()) {
      out.add(harden(a, v, options));
    }
    return out;
  }

  private static HardenResult harden(Analysis a, Variant variant, HardenOptions options) {
    if (a.refusal != null) {
      return new HardenResult.Refused(variant, a.refusal, a.refusalMessage);
    }
    return new VariantWriter(a, variant, options == null ? HardenOptions.DEFAULT : options).write();
  }

  /** The language harden read the app as, for the .dockerignore; null when it recognised none. */
  public static String language(String dockerfile, Map<String, String> projectFiles) {
    Analysis a = Analysis.of(dockerfile, projectFiles);
    return a.language == null ? null : a.language.name();
  }

  /**
   * A {@code .dockerignore} for the app merged into {@code existing} (null when there is none): the
   * user's lines kept in their order, the missing entries appended under a comment, and no entry
   * that would exclude a path the Dockerfile copies.
   */
  public static String dockerignore(String dockerfile, Map<String, String> projectFiles, String existing) {
    Analysis a = Analysis.of(dockerfile, projectFiles);
    return Dockerignore.merge(existing, a.language, Dockerignore.copiedSources(a.model));
  }
}
