package dev.bulwark.dockerfile.model;

import dev.bulwark.dockerfile.syntax.Heredoc;
import dev.bulwark.dockerfile.syntax.Instruction;
import java.util.List;

/**
 * An instruction read into typed values, as BuildKit's {@code instructions} package reads it:
 * flags checked and typed, variables expanded where BuildKit expands them.
 */
public sealed interface Command {

  /** The syntax node this command was read from (for positions). */
  Instruction instruction();

  /** {@code FROM [--platform=p] image [AS name]}; {@code image} is after meta-ARG expansion. */
  record From(Instruction instruction, String image, String stageName, String platform) implements Command {}

  record Run(Instruction instruction, CommandLine command, List<Mount> mounts, String network, String security, List<Heredoc> heredocs)
      implements Command {}

  record Cmd(Instruction instruction, CommandLine command) implements Command {}

  record Entrypoint(Instruction instruction, CommandLine command) implements Command {}

  record Copy(
      Instruction instruction,
      List<String> sources,
      String destination,
      String from,
      String chown,
      String chmod,
      boolean link,
      boolean parents,
      List<String> excludes,
      List<Heredoc> heredocs)
      implements Command {}

  record Add(
      Instruction instruction,
      List<String> sources,
      String destination,
      String chown,
      String chmod,
      boolean link,
      boolean keepGitDir,
      String checksum,
      List<String> excludes,
      List<Heredoc> heredocs)
      implements Command {}

  record Env(Instruction instruction, List<KeyValue> pairs) implements Command {}

  record Arg(Instruction instruction, List<ArgDecl> args) implements Command {}

  record Label(Instruction instruction, List<KeyValue> pairs) implements Command {}

  /** {@code USER name[:group]}, expanded. */
  record User(Instruction instruction, String user) implements Command {
    public String name() {
      int i = user.indexOf(':');
      return i < 0 ? user : user.substring(0, i);
    }
  }

  record Workdir(Instruction instruction, String path) implements Command {}

  /** {@code outOfRange}: numeric ports past 65535, which BuildKit refuses (kept apart from {@code ports}). */
  record Expose(Instruction instruction, List<PortSpec> ports, List<PortSpec> outOfRange) implements Command {}

  record Volume(Instruction instruction, List<String> paths) implements Command {}

  /** {@code HEALTHCHECK NONE} has {@code none} set and a null {@code test}. */
  record Healthcheck(
      Instruction instruction, boolean none, CommandLine test, String interval, String timeout, String startPeriod, String startInterval, Integer retries)
      implements Command {}

  record Shell(Instruction instruction, List<String> shell) implements Command {}

  record StopSignal(Instruction instruction, String signal) implements Command {}

  record Maintainer(Instruction instruction, String name) implements Command {}

  /** {@code ONBUILD}: {@code trigger} is the wrapped command, or null when it could not be read. */
  record Onbuild(Instruction instruction, Command trigger) implements Command {}

  /** An instruction BuildKit does not know; it fails the build. */
  record Unknown(Instruction instruction) implements Command {}
}
