package dev.bulwark.dockerfile.model;

import java.util.List;
import java.util.Map;

/**
 * The build state in force when an instruction runs. {@code user} and {@code workdir} are null
 * while the stage has not set them (the base image's defaults apply); {@code env} holds ENV
 * values, {@code args} the ARG values in scope.
 */
public record StageState(String user, String workdir, Map<String, String> env, Map<String, String> args, List<String> shell) {

  static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

  static StageState empty() {
    return new StageState(null, null, PersistentMap.EMPTY, PersistentMap.EMPTY, DEFAULT_SHELL);
  }

  /** Variables visible to expansion: ARG values overlaid by ENV values (ENV wins). */
  public Map<String, String> expansionEnv() {
    if (args.isEmpty()) {
      return env;
    }
    if (env.isEmpty()) {
      return args;
    }
    return new OverlayMap(env, args); // a view: merging per instruction is quadratic in ARG/ENV lines
  }
}
