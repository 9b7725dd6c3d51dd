package dev.bulwark.lint.rules.privilege;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.core.fix.Edit;
import dev.bulwark.core.fix.Fix;
import dev.bulwark.core.text.Span;
import dev.bulwark.dockerfile.shell.Script;
import dev.bulwark.dockerfile.shell.ShellParseResult;
import dev.bulwark.dockerfile.shell.ShellParser;
import dev.bulwark.dockerfile.shell.SimpleCommand;
import dev.bulwark.dockerfile.shell.Word;
import dev.bulwark.dockerfile.shell.WordPart;
import dev.bulwark.dockerfile.syntax.Instruction;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.CommandLine;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/** BW-D067: shell-form CMD/ENTRYPOINT. */
public final class ShellFormEntrypoint extends DockerfileRule {
  public ShellFormEntrypoint() {
    super("BW-D067", "CMD or ENTRYPOINT in shell form", Severity.LOW, Category.RUNTIME,
        "Shell form runs the program under `/bin/sh -c`: the shell is PID 1 and does not forward SIGTERM, so stops wait"
            + " for the kill timeout and in-flight work is cut off; it also needs a shell in the image.",
        "Use exec form: `CMD [\"/app\", \"--port\", \"8080\"]`.", List.of("DL3025", "JSONArgsRecommended"));
  }

  /** Builtins and keywords that are no program to exec. */
  private static final Set<String> NOT_PROGRAMS = Set.of("cd", "export", ".", "source", "set", "trap", "ulimit", "umask", "eval", "if",
      "for", "while", "until", "case", "{", "!", "[[", "time", "alias", "unset", "shift", "wait", "read");

  /**
   * The exec form of a shell-form command, as hadolint DL3025 asks. A plain word list (no
   * expansion, glob, quote-dependent splitting, operator or redirection) becomes its words: safe for
   * CMD with no ENTRYPOINT in force, and for ENTRYPOINT with no CMD in its stage (exec form passes
   * them on as arguments, shell form never did). A single command using variables keeps its shell,
   * which execs it so it is PID 1: unsafe, the image still needs {@code /bin/sh}. Anything else
   * (pipes, {@code &&}, several commands) has no exec form that means the same: no fix.
   */
  static Fix execForm(Command c, CommandLine.Shell sh, Stage stage) {
    Instruction in = c.instruction();
    if (!sh.shell().equals(List.of("/bin/sh", "-c")) || !in.heredocs().isEmpty() || in.args().size() != 1 || !in.flags().isEmpty()) {
      return null;
    }
    String script = in.args().getFirst();
    Span at = in.argSpan(0);
    String text = in.source().text();
    if (at.endOffset() - at.startOffset() != script.length() || !text.regionMatches(at.startOffset(), script, 0, script.length())) {
      return null; // continuation lines or comments inside: not one span to replace
    }
    ShellParseResult parsed = ShellParser.parse(script);
    if (!parsed.ok() || parsed.script().items().size() != 1) {
      return null;
    }
    Script.Item item = parsed.script().items().getFirst();
    List<Script.Pipeline> pipelines = item.andOr().pipelines();
    if (item.background() || pipelines.size() != 1 || pipelines.getFirst().negated() || pipelines.getFirst().commands().size() != 1
        || !(pipelines.getFirst().commands().getFirst() instanceof SimpleCommand sc) || !sc.assignments().isEmpty()
        || !sc.redirects().isEmpty() || sc.words().isEmpty() || !script.substring(sc.end()).isBlank()) {
      return null;
    }
    List<Word> words = sc.words();
    if (words.getFirst().value().equals("exec") && words.getFirst().isStatic()) {
      words = words.subList(1, words.size());
    }
    if (words.isEmpty() || NOT_PROGRAMS.contains(words.getFirst().value())) {
      return null;
    }
    boolean plain = true;
    for (Word w : words) {
      for (WordPart p : w.parts()) {
        if (p instanceof WordPart.CommandSubstitution || p instanceof WordPart.Arithmetic) {
          return null;
        }
        if (!(p instanceof WordPart.Literal l) || (!l.quoted() && (hasGlob(l.text()) || l.text().startsWith("~")))) {
          plain = false;
        }
      }
    }
    String keyword = in.keyword().toUpperCase(Locale.ROOT);
    if (plain) {
      List<String> argv = new ArrayList<>();
      for (Word w : words) {
        argv.add(w.value());
      }
      boolean passesArgs = c instanceof Command.Cmd ? stage.entrypoint() != null : !stage.commands(Command.Cmd.class).isEmpty();
      Edit edit = Edit.replace(at, json(argv));
      return passesArgs ? Fix.unsafe(keyword + " in exec form (the " + (c instanceof Command.Cmd ? "ENTRYPOINT" : "CMD")
          + " in force now sees its words as arguments)", edit) : Fix.safe(keyword + " in exec form", edit);
    }
    String body = sc.words().getFirst().value().equals("exec") ? script.strip() : "exec " + script.strip();
    return Fix.unsafe(keyword + " in exec form through sh -c 'exec …', so the program is PID 1 and gets signals",
        Edit.replace(at, json(List.of("/bin/sh", "-c", body))));
  }

  private static boolean hasGlob(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
  }

  /** A JSON array of strings, as BuildKit reads exec form. */
  private static String json(List<String> argv) {
    StringBuilder sb = new StringBuilder("[");
    for (String a : argv) {
      sb.append(sb.length() > 1 ? ", \"" : "\"");
      for (int i = 0; i < a.length(); i++) {
        char ch = a.charAt(i);
        switch (ch) {
          case '"' -> sb.append("\\\"");
          case '\\' -> sb.append("\\\\");
          case '\t' -> sb.append("\\t");
          default -> {
            if (ch < 0x20) {
              sb.append(String.format("\\u%04x", (int) ch));
            } else {
              sb.append(ch);
            }
          }
        }
      }
      sb.append('"');
    }
    return sb.append(']').toString();
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (Stage stage : target.stages()) {
      for (Command c : stage.commands()) {
        CommandLine line = c instanceof Command.Cmd cmd ? cmd.command() : c instanceof Command.Entrypoint ep ? ep.command() : null;
        if (line instanceof CommandLine.Shell sh && !sh.script().isBlank()) {
          Finding f = finding(c.instruction().keyword().toUpperCase() + " in shell form: signals do not reach the process",
              c.instruction().span(), stage);
          Fix fix = execForm(c, sh, stage);
          report.accept(fix == null ? f : f.withFix(fix));
        }
      }
    }
  }
}
