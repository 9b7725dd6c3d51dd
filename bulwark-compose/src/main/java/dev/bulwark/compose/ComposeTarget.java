package dev.bulwark.compose;

import dev.bulwark.core.LintConfig;
import dev.bulwark.core.Location;
import dev.bulwark.core.Suppressions;
import dev.bulwark.core.Target;
import dev.bulwark.core.text.SourceText;
import dev.bulwark.core.text.Span;
import dev.bulwark.yaml.YamlException;
import dev.bulwark.yaml.YamlLoader;
import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlNode;
import dev.bulwark.yaml.YamlPragmas;
import dev.bulwark.yaml.YamlScalar;
import dev.bulwark.yaml.YamlStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One Compose file as a lint target: its top-level model ({@code services}, {@code networks},
 * {@code volumes}, …) and each service with its position. Immutable; the settings are given with
 * {@link #withConfig}.
 *
 * <p>A file of a {@link ComposeProject} (an override file, an {@code extends} target) has the
 * project's merged model, whose nodes may come from another file: {@link #locate} places each node
 * in its own file, and the target keeps only the findings placed in its own file (the others are
 * reported by that file's target), so every finding names the file its line is in.
 */
public final class ComposeTarget implements Target {
  /** The top-level keys of the compose specification; {@code x-} extensions are allowed besides. */
  private static final Set<String> TOP_LEVEL = Set.of("version", "name", "include", "services", "networks", "volumes", "secrets",
      "configs", "models");

  private final String path;
  private final YamlStream yaml;
  private final YamlMapping root;
  private final List<ComposeService> services;
  private final LintConfig config;
  private final String relativePath;
  private final YamlPragmas pragmas;
  private final Origins origins; // null: every node is in this file

  private ComposeTarget(String path, YamlStream yaml, YamlMapping root, List<ComposeService> services, LintConfig config,
      String relativePath, YamlPragmas pragmas, Origins origins) {
    this.path = path;
    this.yaml = yaml;
    this.root = root;
    this.services = services;
    this.config = config;
    this.relativePath = relativePath;
    this.pragmas = pragmas;
    this.origins = origins;
  }

  /**
   * Loads {@code text} as it is written (see {@link YamlLoader} for the limits): no interpolation,
   * no {@code extends}, no other file; {@link ComposeProject} reads a file as docker compose does. A
   * file that is not a Compose file has {@link #isCompose()} false.
   */
  public static ComposeTarget parse(String path, String text) throws YamlException {
    YamlStream yaml = YamlLoader.load(path, text);
    YamlMapping root = null;
    if (yaml.documents().size() == 1 && yaml.documents().get(0).root() instanceof YamlMapping m && isComposeRoot(m)) {
      root = m;
    }
    return of(path, yaml, root);
  }

  /** A target over an already loaded (interpolated, merged) model {@code root} whose spans are in {@code yaml}'s text. */
  public static ComposeTarget of(String path, YamlStream yaml, YamlMapping root) {
    return of(path, yaml, root, null);
  }

  /** The same for one file of a project whose nodes {@code origins} places in their files. */
  static ComposeTarget of(String path, YamlStream yaml, YamlMapping root, Origins origins) {
    List<ComposeService> services = new ArrayList<>();
    YamlMapping s = root == null ? null : root.mapping("services");
    if (s != null) {
      for (YamlMapping.Entry e : s.entries()) {
        if (e.value() instanceof YamlMapping body) {
          services.add(new ComposeService(e.key().value(), e.key(), body));
        }
      }
    }
    return new ComposeTarget(path, yaml, root, List.copyOf(services), LintConfig.DEFAULT, path, YamlPragmas.of(yaml.source()), origins);
  }

  /**
   * True when {@code m} reads as a Compose file: a {@code services} mapping of mappings, and every
   * other top-level key one of the specification's or an {@code x-} extension. A Kubernetes object
   * or a CI file with a {@code services:} key is not one.
   */
  public static boolean isComposeRoot(YamlMapping m) {
    if (!(m.get("services") instanceof YamlMapping services)) {
      return false;
    }
    for (YamlMapping.Entry e : m.entries()) {
      if (!isTopLevelKey(e.key().value())) {
        return false;
      }
    }
    for (YamlMapping.Entry e : services.entries()) {
      if (!(e.value() instanceof YamlMapping) && !(e.value() instanceof YamlScalar v && v.isNull())) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code key} may be at the top of a Compose file: one of the specification's, or an {@code x-} extension. */
  public static boolean isTopLevelKey(String key) {
    return TOP_LEVEL.contains(key) || key.startsWith("x-");
  }

  /**
   * True when {@code node} is a true boolean as Compose reads one: after interpolation every value
   * may be a string, and compose-go casts {@code y}, {@code yes}, {@code true}, {@code on} (any case).
   */
  public static boolean isTrue(YamlNode node) {
    if (!(node instanceof YamlScalar s) || s.isNull()) {
      return false;
    }
    String v = s.value().toLowerCase(Locale.ROOT);
    return v.equals("true") || v.equals("yes") || v.equals("y") || v.equals("on");
  }

  public ComposeTarget withConfig(LintConfig settings, String relative) {
    return new ComposeTarget(path, yaml, root, services, settings, relative, pragmas, origins);
  }

  /** True when the file is a Compose file. */
  public boolean isCompose() {
    return root != null;
  }

  /** The top-level mapping, or null when the file is not a Compose file. */
  public YamlMapping root() {
    return root;
  }

  public List<ComposeService> services() {
    return services;
  }

  /** The top-level {@code networks} mapping, or null when there is none. */
  public YamlMapping networks() {
    return root == null ? null : root.mapping("networks");
  }

  public YamlStream yaml() {
    return yaml;
  }

  public SourceText source() {
    return yaml.source();
  }

  /** Where a finding about {@code node} points: the first line of it, in the file it is in (named when it is not this one). */
  public Location locate(YamlNode node) {
    YamlStream in = fileOf(node);
    Span head = in.head(node);
    return in == yaml ? new Location.Text(head) : new Location.Text(head, in.path());
  }

  /** The first line of {@code node}, in the file it is in: where a finding about a whole mapping points. */
  public Span head(YamlNode node) {
    return fileOf(node).head(node);
  }

  /** True when {@code node} is written in this file (always, for a file read alone). */
  public boolean isOwn(YamlNode node) {
    return fileOf(node) == yaml;
  }

  private YamlStream fileOf(YamlNode node) {
    return origins == null ? yaml : origins.of(node, yaml);
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public LintConfig config() {
    return config;
  }

  @Override
  public String relativePath() {
    return relativePath;
  }

  /** This file's ignore comments; and, in a project, every finding located in another file (that file's target reports it). */
  @Override
  public Suppressions suppressions() {
    return origins == null ? pragmas : new OwnFindings(pragmas);
  }

  private record OwnFindings(YamlPragmas pragmas) implements Suppressions {
    @Override
    public boolean suppresses(dev.bulwark.core.Finding f) {
      return (f.location() instanceof Location.Text t && t.file() != null) || pragmas.suppresses(f);
    }
  }

}
