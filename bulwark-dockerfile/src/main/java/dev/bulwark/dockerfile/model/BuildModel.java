package dev.bulwark.dockerfile.model;

import dev.bulwark.dockerfile.syntax.Diagnostic;
import dev.bulwark.dockerfile.syntax.Dockerfile;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a Dockerfile builds: global ARGs, the stages with their commands and state, and the
 * edges between them. Built by {@link #of(Dockerfile)}; pure, no I/O.
 */
public record BuildModel(
    Dockerfile file, List<ArgDecl> globalArgs, Map<String, String> metaArgs, List<Stage> stages, List<Diagnostic> diagnostics) {

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

  public Optional<Stage> stage(String nameOrIndex) {
    for (Stage s : stages) {
      if (nameOrIndex.equalsIgnoreCase(s.name()) || nameOrIndex.equals(String.valueOf(s.index()))) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  public boolean isMultiStage() {
    return stages.size() > 1;
  }
}
