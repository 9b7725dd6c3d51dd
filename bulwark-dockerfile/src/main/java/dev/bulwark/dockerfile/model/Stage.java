package dev.bulwark.dockerfile.model;

import java.util.List;
import java.util.Optional;

/**
 * One build stage and what it leaves behind: the final USER, WORKDIR and ENV (inherited from a
 * parent stage when built FROM one), exposed ports, ENTRYPOINT/CMD and HEALTHCHECK in force.
 */
public record Stage(
    int index,
    String name,
    Command.From from,
    BaseImage base,
    List<Step> steps,
    StageState finalState,
    List<PortSpec> exposedPorts,
    CommandLine entrypoint,
    CommandLine cmd,
    Command.Healthcheck healthcheck,
    List<CopyEdge> copyFrom) {

  /** Commands of the stage, in order, FROM excluded. */
  public List<Command> commands() {
    return steps.stream().map(Step::command).toList();
  }

  public <T extends Command> List<T> commands(Class<T> type) {
    return steps.stream().map(Step::command).filter(type::isInstance).map(type::cast).toList();
  }

  /** The image reference when the stage is built from a registry image. */
  public Optional<ImageReference> baseImage() {
    return base instanceof BaseImage.Image i ? Optional.of(i.reference()) : Optional.empty();
  }

  /** The stage name, or its index when unnamed, the way {@code COPY --from} would name it. */
  public String displayName() {
    return name != null ? name : String.valueOf(index);
  }
}
