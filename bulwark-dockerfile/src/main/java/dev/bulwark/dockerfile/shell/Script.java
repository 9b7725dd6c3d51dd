package dev.bulwark.dockerfile.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A list of commands separated by {@code ;}, {@code &} or newlines. */
public record Script(List<Item> items) {

  /** One and-or list, run in the background when it ended with {@code &}. */
  public record Item(AndOr andOr, boolean background) {}

  /** Pipelines joined by {@code &&} / {@code ||}; {@code operators.get(i)} joins i and i+1. */
  public record AndOr(List<Pipeline> pipelines, List<String> operators) {}

  /** Commands joined by {@code |}, optionally negated with {@code !}. */
  public record Pipeline(boolean negated, List<ShellCommand> commands) {}

  /** Every simple command in this script, nested ones included (bodies, substitutions), in source order. */
  public List<SimpleCommand> simpleCommands() {
    List<SimpleCommand> out = new ArrayList<>();
    visit(out::add);
    return out;
  }

  /** Calls {@code visitor} on every simple command, depth first, in source order. */
  public void visit(Consumer<SimpleCommand> visitor) {
    for (Item item : items) {
      for (Pipeline p : item.andOr().pipelines()) {
        for (ShellCommand c : p.commands()) {
          c.visit(visitor);
        }
      }
    }
  }

  /** All pipelines, nested ones included. */
  public List<Pipeline> pipelines() {
    List<Pipeline> out = new ArrayList<>();
    collectPipelines(out);
    return out;
  }

  void collectPipelines(List<Pipeline> out) {
    for (Item item : items) {
      for (Pipeline p : item.andOr().pipelines()) {
        out.add(p);
        for (ShellCommand c : p.commands()) {
          for (Script s : c.children()) {
            s.collectPipelines(out);
          }
        }
      }
    }
  }
}
