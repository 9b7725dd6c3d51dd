package dev.bulwark.dockerfile.model;

import dev.bulwark.core.ref.ImageReference;

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
    List<CopyEdge> copyFrom,
    List<Command> commands) {

  /** Commands of the stage of one type, in order (a plain loop: rules call this a lot). */
  public <T extends Command> List<T> commands(Class<T> type) {
    List<T> out = new java.util.ArrayList<>();
    for (Command c : commands) {
      if (type.isInstance(c)) {
        out.add(type.cast(c));
      }
    }
    return out;
  }

  /**
   * Like {@link #commands(Class)}, with the commands of the stage's {@code ONBUILD} triggers too, in
   * file order: for rules about what a command does, which child images run as well.
   */
  public <T extends Command> List<T> commandsAndTriggers(Class<T> type) {
    List<T> out = new java.util.ArrayList<>();
    for (Command c : commands) {
      Command own = c instanceof Command.Onbuild o ? o.trigger() : c;
      if (type.isInstance(own)) {
        out.add(type.cast(own));
      }
    }
    return out;
  }

  /** The image reference when the stage is built from a registry image. */
  public Optional<ImageReference> baseImage() {
    return base instanceof BaseImage.Image i ? Optional.of(i.reference()) : Optional.empty();
  }

  /** The instructions before the first FROM (see {@link BuildModel#implicitStage()}): no FROM, index -1. */
  public boolean isImplicit() {
    return from == null;
  }

  /** The stage name, or its index when unnamed, the way {@code COPY --from} would name it. */
  public String displayName() {
    return name != null ? name : String.valueOf(index);
  }
}
