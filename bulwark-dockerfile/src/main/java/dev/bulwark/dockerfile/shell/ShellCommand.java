package dev.bulwark.dockerfile.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A command in a pipeline: simple or compound. */
public sealed interface ShellCommand
    permits SimpleCommand, ShellCommand.Subshell, ShellCommand.Group, ShellCommand.If, ShellCommand.Loop,
        ShellCommand.For, ShellCommand.Case, ShellCommand.Function {

  /** Scripts nested directly in this command (bodies, conditions). */
  List<Script> children();

  /** Visits every simple command in this command, nested ones and substitutions included. */
  default void visit(Consumer<SimpleCommand> visitor) {
    for (Script s : children()) {
      s.visit(visitor);
    }
  }

  /** {@code ( ... )}. */
  record Subshell(Script body, List<Redirect> redirects) implements ShellCommand {
    public List<Script> children() {
      return List.of(body);
    }
  }

  /** {@code { ...; }}. */
  record Group(Script body, List<Redirect> redirects) implements ShellCommand {
    public List<Script> children() {
      return List.of(body);
    }
  }

  /** {@code if c; then b; elif c2; then b2; else e; fi}: conditions and bodies pair up. */
  record If(List<Script> conditions, List<Script> bodies, Script elseBody, List<Redirect> redirects) implements ShellCommand {
    public List<Script> children() {
      List<Script> out = new ArrayList<>();
      for (int i = 0; i < conditions.size(); i++) {
        out.add(conditions.get(i));
        out.add(bodies.get(i));
      }
      if (elseBody != null) {
        out.add(elseBody);
      }
      return out;
    }
  }

  /** {@code while}/{@code until} loops. */
  record Loop(boolean until, Script condition, Script body, List<Redirect> redirects) implements ShellCommand {
    public List<Script> children() {
      return List.of(condition, body);
    }
  }

  /** {@code for name in words; do ...; done}. */
  record For(String variable, List<Word> words, Script body, List<Redirect> redirects) implements ShellCommand {
    public List<Script> children() {
      return List.of(body);
    }
  }

  /** {@code case word in pattern) ... ;; esac}. */
  record Case(Word subject, List<CaseItem> items, List<Redirect> redirects) implements ShellCommand {
    public List<Script> children() {
      return items.stream().map(CaseItem::body).toList();
    }
  }

  /** One {@code pattern|pattern) body ;;} arm. */
  record CaseItem(List<Word> patterns, Script body) {}

  /** {@code name() compound-command}. */
  record Function(String name, ShellCommand body) implements ShellCommand {
    public List<Script> children() {
      return body.children();
    }
  }
}
