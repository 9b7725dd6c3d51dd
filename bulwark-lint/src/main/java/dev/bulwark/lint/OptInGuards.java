package dev.bulwark.lint;

import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.shell.Script;
import dev.bulwark.dockerfile.shell.ShellCommand;
import dev.bulwark.dockerfile.shell.SimpleCommand;
import dev.bulwark.dockerfile.shell.Word;
import dev.bulwark.dockerfile.shell.WordPart;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a command of a RUN only runs when a build ARG is set: it sits in an {@code if}, or after
 * an {@code &&}, whose test ({@code [ "$INSTALL_X" = "true" ]}, {@code [ -n "$DEBUG" ]}, the else of
 * {@code [ -z $DeveloperBuild ]}) is false with the ARG's default (none: empty). Such a step is
 * opt-in: a plain build skips it, and whoever passes {@code --build-arg} asks for it. Tests this
 * cannot evaluate (command substitutions, {@code ${X:-y}}, variables the script assigns, other
 * commands) say nothing. Pure.
 */
public final class OptInGuards {
  private OptInGuards() {}

  /** A condition the command needs to hold ({@code expected}) or to fail. */
  private record Guard(Script.Pipeline test, boolean expected) {}

  /**
   * The build ARG whose default keeps {@code command} (a simple command of {@code step}'s script)
   * from running, or null when it runs by default or that cannot be told.
   */
  public static String offByDefault(DockerfileTarget.RunStep step, SimpleCommand command) {
    Script script = step.facts().script();
    if (script == null) {
      return null;
    }
    List<Guard> guards = guardsOf(script, command, new ArrayList<>());
    if (guards == null || guards.isEmpty()) {
      return null;
    }
    Set<String> args = argsDeclared(step);
    Set<String> assigned = new HashSet<>();
    script.visit(c -> c.assignments().forEach(a -> assigned.add(a.name())));
    for (Guard g : guards) {
      String[] read = new String[1];
      Boolean value = evaluate(g.test(), step.env(), args, assigned, read);
      if (value != null && value != g.expected() && read[0] != null) {
        return read[0];
      }
    }
    return null;
  }

  /** The ARGs declared in the stage before this RUN (with or without a default). */
  private static Set<String> argsDeclared(DockerfileTarget.RunStep step) {
    Set<String> out = new HashSet<>();
    Stage stage = step.stage();
    for (Command c : stage.commands()) {
      if (c == step.run()) {
        break;
      }
      if (c instanceof Command.Arg a) {
        a.args().forEach(d -> out.add(d.name()));
      }
    }
    return out;
  }

  /** The guards on the way to {@code target} in {@code script}, or null when it is not in there. */
  private static List<Guard> guardsOf(Script script, SimpleCommand target, List<Guard> outer) {
    for (Script.Item item : script.items()) {
      Script.AndOr andOr = item.andOr();
      List<Script.Pipeline> ps = andOr.pipelines();
      for (int j = 0; j < ps.size(); j++) {
        List<Guard> here = new ArrayList<>(outer);
        if (j == 1 && andOr.operators().getFirst().equals("||")) {
          here.add(new Guard(ps.getFirst(), false));
        }
        for (int k = j - 1; k >= 0 && andOr.operators().get(k).equals("&&"); k--) {
          here.add(new Guard(ps.get(k), true)); // a && b && target: target runs when a and b succeed
        }
        for (ShellCommand c : ps.get(j).commands()) {
          List<Guard> found = guardsIn(c, target, here);
          if (found != null) {
            return found;
          }
        }
      }
    }
    return null;
  }

  private static List<Guard> guardsIn(ShellCommand c, SimpleCommand target, List<Guard> here) {
    if (c == target) {
      return here;
    }
    if (c instanceof ShellCommand.If branch) {
      for (int i = 0; i < branch.conditions().size(); i++) {
        List<Guard> found = guardsOf(branch.conditions().get(i), target, here);
        if (found != null) {
          return found;
        }
        List<Guard> inBody = new ArrayList<>(here);
        Script.Pipeline test = single(branch.conditions().get(i));
        if (test != null) {
          inBody.add(new Guard(test, true));
        }
        found = guardsOf(branch.bodies().get(i), target, inBody);
        if (found != null) {
          return found;
        }
      }
      if (branch.elseBody() != null) {
        List<Guard> inElse = new ArrayList<>(here);
        for (Script condition : branch.conditions()) {
          Script.Pipeline test = single(condition);
          if (test != null) {
            inElse.add(new Guard(test, false));
          }
        }
        return guardsOf(branch.elseBody(), target, inElse);
      }
      return null;
    }
    for (Script s : c.children()) {
      List<Guard> found = guardsOf(s, target, here);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** The one pipeline a condition is ({@code if [ ... ]; then}), or null for a longer one. */
  private static Script.Pipeline single(Script condition) {
    if (condition.items().size() != 1 || condition.items().getFirst().andOr().pipelines().size() != 1) {
      return null;
    }
    return condition.items().getFirst().andOr().pipelines().getFirst();
  }

  /**
   * The value of a {@code test}/{@code [}/{@code [[} pipeline with the ARGs at their defaults, or null
   * when it cannot be told; {@code read[0]} gets the ARG it reads.
   */
  private static Boolean evaluate(Script.Pipeline p, Map<String, String> env, Set<String> args, Set<String> assigned, String[] read) {
    if (p.commands().size() != 1 || !(p.commands().getFirst() instanceof SimpleCommand cmd) || cmd.words().isEmpty()) {
      return null;
    }
    List<Word> words = cmd.words();
    String name = words.getFirst().value();
    int end = words.size();
    if (name.equals("[") || name.equals("[[")) {
      if (!words.getLast().value().equals(name.equals("[") ? "]" : "]]")) {
        return null;
      }
      end--;
    } else if (!name.equals("test")) {
      return null;
    }
    List<String> operands = new ArrayList<>();
    for (int i = 1; i < end; i++) {
      Word w = words.get(i);
      String value = value(w, env, args, assigned, read);
      if (value == null) {
        return null;
      }
      operands.add(w.isStatic() ? w.value() : "\u0000" + value); // a marked value is never an operator
    }
    Boolean v = test(operands);
    return v == null ? null : p.negated() != v;
  }

  private static Boolean test(List<String> o) {
    if (!o.isEmpty() && o.getFirst().equals("!")) {
      Boolean inner = test(o.subList(1, o.size()));
      return inner == null ? null : !inner;
    }
    if (o.size() == 1) {
      return !strip(o.getFirst()).isEmpty();
    }
    if (o.size() == 2 && (o.getFirst().equals("-n") || o.getFirst().equals("-z"))) {
      return strip(o.get(1)).isEmpty() == o.getFirst().equals("-z");
    }
    if (o.size() == 3) {
      String a = strip(o.get(0));
      String b = strip(o.get(2));
      switch (o.get(1)) {
        case "=", "==":
          return a.equals(b);
        case "!=":
          return !a.equals(b);
        default:
          return null;
      }
    }
    return null;
  }

  private static String strip(String operand) {
    return operand.startsWith("\u0000") ? operand.substring(1) : operand;
  }

  /** A word with plain {@code $X}/{@code ${X}} references of build ARGs at their defaults, or null when it has other expansions. */
  private static String value(Word w, Map<String, String> env, Set<String> args, Set<String> assigned, String[] read) {
    StringBuilder sb = new StringBuilder();
    for (WordPart part : w.parts()) {
      if (part instanceof WordPart.Literal l) {
        sb.append(l.text());
      } else if (part instanceof WordPart.Parameter param) {
        String t = param.text();
        boolean plain = t.equals("$" + param.name()) || t.equals("${" + param.name() + "}");
        if (!plain || !args.contains(param.name()) || assigned.contains(param.name())) {
          return null;
        }
        read[0] = param.name();
        String v = env.get(param.name());
        sb.append(v == null ? "" : v);
      } else {
        return null;
      }
    }
    return sb.toString();
  }
}
