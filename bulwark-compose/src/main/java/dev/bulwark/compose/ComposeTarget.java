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

  private ComposeTarget(String path, YamlStream yaml, YamlMapping root, List<ComposeService> services, LintConfig config,
      String relativePath, YamlPragmas pragmas) {
    this.path = path;
    this.yaml = yaml;
    this.root = root;
    this.services = services;
    this.config = config;
    this.relativePath = relativePath;
    this.pragmas = pragmas;
  }

  /** Loads {@code text} (see {@link YamlLoader} for the limits); a file that is not a Compose file has {@link #isCompose()} false. */
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
    List<ComposeService> services = new ArrayList<>();
    YamlMapping s = root == null ? null : root.mapping("services");
    if (s != null) {
      for (YamlMapping.Entry e : s.entries()) {
        if (e.value() instanceof YamlMapping body) {
          services.add(new ComposeService(e.key().value(), e.key(), body));
        }
      }
    }
    return new ComposeTarget(path, yaml, root, List.copyOf(services), LintConfig.DEFAULT, path, YamlPragmas.of(yaml.source()));
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
      String key = e.key().value();
      if (!TOP_LEVEL.contains(key) && !key.startsWith("x-")) {
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
    return new ComposeTarget(path, yaml, root, services, settings, relative, pragmas);
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

  /** Where a finding about {@code node} points: the first line of it. */
  public Location locate(YamlNode node) {
    return new Location.Text(head(node));
  }

  /** The first line of {@code node}: where a finding about a whole mapping points. */
  public Span head(YamlNode node) {
    return yaml.head(node);
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

  @Override
  public Suppressions suppressions() {
    return pragmas;
  }

}
