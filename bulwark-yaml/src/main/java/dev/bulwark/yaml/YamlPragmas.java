package dev.bulwark.yaml;

import dev.bulwark.core.Finding;
import dev.bulwark.core.Suppressions;
import dev.bulwark.core.text.SourceText;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ignore comments in a YAML file, the Dockerfile pragmas' syntax:
 * <ul>
 *   <li>{@code key: value  # bulwark ignore=BW-K001,privileged}: findings that start on this line;
 *   <li>a comment line {@code # bulwark ignore=…}: findings that start on the next line;
 *   <li>{@code # bulwark global ignore=…}: the whole file.
 * </ul>
 * A trailing {@code # reason} is allowed. Ids match a finding's rule id or any of its aliases.
 * Comments are found per line: a {@code #} that starts the line or follows a space, as YAML reads a
 * comment (a {@code #} inside a quoted value that looks like a pragma would count too; that text is
 * for people to read, not a value a manifest needs).
 */
public final class YamlPragmas implements Suppressions {
  private static final Pattern PRAGMA =
      Pattern.compile("(?:^|\\s)#\\s*bulwark\\s+(global\\s+)?ignore\\s*=\\s*([A-Za-z0-9_,.\\- ]+?)\\s*(?:#.*)?$");

  private final Set<String> global;
  private final Map<Integer, Set<String>> byLine;

  private YamlPragmas(Set<String> global, Map<Integer, Set<String>> byLine) {
    this.global = global;
    this.byLine = byLine;
  }

  public static YamlPragmas of(SourceText source) {
    Set<String> global = new HashSet<>();
    Map<Integer, Set<String>> byLine = new HashMap<>();
    String text = source.text();
    if (text.indexOf("bulwark") < 0) {
      return new YamlPragmas(Set.of(), Map.of());
    }
    for (int line = 1; line <= source.lineCount(); line++) {
      String l = text.substring(source.lineStart(line), source.lineEnd(line)).stripTrailing();
      if (l.indexOf("bulwark") < 0) {
        continue;
      }
      Matcher m = PRAGMA.matcher(l);
      if (!m.find()) {
        continue;
      }
      Set<String> ids = ids(m.group(2));
      if (m.group(1) != null) {
        global.addAll(ids);
      } else {
        int applies = l.stripLeading().startsWith("#") ? line + 1 : line;
        byLine.computeIfAbsent(applies, k -> new HashSet<>()).addAll(ids);
      }
    }
    return new YamlPragmas(Set.copyOf(global), Map.copyOf(byLine));
  }

  private static Set<String> ids(String list) {
    return Suppressions.ids(list);
  }

  @Override
  public boolean suppresses(Finding f) {
    Set<String> here = f.line() > 0 ? byLine.get(f.line()) : null;
    return Suppressions.anyOf(global, f) || (here != null && Suppressions.anyOf(here, f));
  }
}
