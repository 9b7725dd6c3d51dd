package dev.bulwark.lint;

import dev.bulwark.core.Finding;
import dev.bulwark.core.Suppressions;

import dev.bulwark.dockerfile.model.BuildModel;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.syntax.Element;
import dev.bulwark.dockerfile.syntax.Instruction;
import dev.bulwark.dockerfile.syntax.Trivia;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ignore pragmas written in the Dockerfile's comments:
 * <ul>
 *   <li>{@code # bulwark ignore=BW-D002,DL3008} or {@code # hadolint ignore=...}: the next instruction;
 *   <li>{@code # bulwark stage ignore=...} / {@code # hadolint stage ignore=...}: the rest of the stage;
 *   <li>{@code # bulwark global ignore=...} / {@code # hadolint global ignore=...}: the whole file;
 *   <li>{@code # trivy:ignore:AVD-DS-0002}: the next instruction, Trivy's ids.
 * </ul>
 * A trailing {@code # reason} after the list is allowed. Ids match a finding's rule id or aliases.
 */
public final class DockerfilePragmas implements Suppressions {
  private static final Pattern PRAGMA =
      Pattern.compile("^#\\s*(bulwark|hadolint)\\s+(?:(global|stage)\\s+)?ignore\\s*=\\s*([A-Za-z0-9_,\\- ]+?)\\s*(?:#.*)?$");
  private static final Pattern TRIVY = Pattern.compile("^#\\s*trivy:ignore:([A-Za-z0-9_-]+)");

  private record Scoped(int fromLine, int toLine, Set<String> ids) {}

  private final Set<String> global;
  private final List<Scoped> scoped;

  private DockerfilePragmas(Set<String> global, List<Scoped> scoped) {
    this.global = global;
    this.scoped = scoped;
  }

  public static DockerfilePragmas of(BuildModel model) {
    Set<String> global = new HashSet<>();
    List<Scoped> scoped = new ArrayList<>();
    List<Element> elements = model.file().elements();
    List<String> pending = new ArrayList<>();
    for (Element e : elements) {
      if (e instanceof Trivia t && t.kind() == Trivia.Kind.COMMENT) {
        String c = t.text().strip();
        Matcher m = PRAGMA.matcher(c);
        if (m.matches()) {
          Set<String> ids = ids(m.group(3));
          if ("global".equals(m.group(2))) {
            global.addAll(ids);
          } else if ("stage".equals(m.group(2))) {
            int line = t.extent().startLine();
            scoped.add(new Scoped(line, stageEnd(model, line), ids));
          } else {
            pending.addAll(ids);
          }
        }
        Matcher tm = TRIVY.matcher(c);
        if (tm.find()) {
          pending.add(Suppressions.normalizeTrivy(tm.group(1)));
        }
      } else if (e instanceof Instruction in) {
        if (!pending.isEmpty()) {
          scoped.add(new Scoped(in.startLine(), in.endLine(), Set.copyOf(pending)));
          pending.clear();
        }
      }
    }
    return new DockerfilePragmas(Set.copyOf(global), List.copyOf(scoped));
  }

  private static int stageEnd(BuildModel model, int line) {
    int end = Integer.MAX_VALUE;
    for (Stage s : model.stages()) {
      int start = s.from().instruction().startLine();
      if (start > line) {
        end = Math.min(end, start - 1);
      }
    }
    return end;
  }

  private static Set<String> ids(String list) {
    return Suppressions.ids(list);
  }

  @Override
  public boolean suppresses(Finding f) {
    if (Suppressions.anyOf(global, f)) {
      return true;
    }
    int line = f.span().startLine();
    for (Scoped s : scoped) {
      if (line >= s.fromLine() && line <= s.toLine() && Suppressions.anyOf(s.ids(), f)) {
        return true;
      }
    }
    return false;
  }
}
