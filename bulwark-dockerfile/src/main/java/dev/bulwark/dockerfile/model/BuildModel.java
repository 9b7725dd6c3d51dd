package dev.bulwark.dockerfile.model;

import dev.bulwark.dockerfile.syntax.Diagnostic;
import dev.bulwark.dockerfile.syntax.Dockerfile;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a Dockerfile builds: global ARGs, the stages with their commands and state, and the
 * edges between them. Built by {@link #of(Dockerfile)}; pure, no I/O.
 *
 * <p>{@code implicitStage} (null when there is none) holds the instructions before the first FROM
 * other than ARG. BuildKit refuses such a file ("no build stage in current context"); hadolint and
 * Trivy lint those instructions anyway, so the model keeps them as a stage of their own, index -1,
 * with no FROM, outside {@code stages} (indexes and {@code COPY --from=N} stay BuildKit's).
 */
public record BuildModel(
    Dockerfile file, List<ArgDecl> globalArgs, Map<String, String> metaArgs, List<Stage> stages, Stage implicitStage,
    List<Diagnostic> diagnostics) {

  public static BuildModel of(Dockerfile file) {
    return BuildModelBuilder.build(file, Map.of());
  }

  /** With {@code --build-arg} style overrides of ARG defaults. */
  public static BuildModel of(Dockerfile file, Map<String, String> buildArgs) {
    return BuildModelBuilder.build(file, buildArgs);
  }

  /** The stage a plain {@code docker build} produces: the last one. */
  public Optional<Stage> finalStage() {
    return stages.isEmpty() ? Optional.empty() : Optional.of(stages.getLast());
  }

  public Optional<Stage> implicit() {
    return Optional.ofNullable(implicitStage);
  }

  public Optional<Stage> stage(String nameOrIndex) {
    for (Stage s : stages) {
      if (nameOrIndex.equalsIgnoreCase(s.name()) || nameOrIndex.equals(String.valueOf(s.index()))) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /**
   * The first stage of {@code s}'s FROM chain: {@code s} itself, or the earlier stage it is built FROM,
   * followed back to the one built FROM a registry image, scratch or an unresolved reference. A parent
   * is always an earlier stage (BuildKit names only those), so the walk ends.
   */
  public Stage rootOf(Stage s) {
    Stage cur = s;
    for (Stage p = parentOf(cur); p != null; p = parentOf(cur)) {
      cur = p;
    }
    return cur;
  }

  /** True when {@code s} is built FROM {@code ancestor}, directly or through stages between them. */
  public boolean derivesFrom(Stage s, Stage ancestor) {
    for (Stage p = parentOf(s); p != null; p = parentOf(p)) {
      if (p == ancestor) {
        return true;
      }
    }
    return false;
  }

  /** The earlier stage {@code s} is built FROM, or null (a registry image, scratch, or a reference that is no earlier stage). */
  private Stage parentOf(Stage s) {
    return s.base() instanceof BaseImage.Stage p && p.index() >= 0 && p.index() < s.index() ? stages.get(p.index()) : null;
  }

  public boolean isMultiStage() {
    return stages.size() > 1;
  }
}
