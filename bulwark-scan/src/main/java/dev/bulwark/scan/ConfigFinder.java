package dev.bulwark.scan;

import dev.bulwark.core.LintConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the settings for a scanned file: {@code --config FILE} when given, otherwise the nearest
 * {@code .bulwark.yaml}/{@code .bulwark.yml} walking up from the file's directory, otherwise the
 * nearest {@code .hadolint.yaml}/{@code .hadolint.yml}. Results are cached per directory.
 */
public final class ConfigFinder {
  private static final List<String> BULWARK = List.of(".bulwark.yaml", ".bulwark.yml");
  private static final List<String> HADOLINT = List.of(".hadolint.yaml", ".hadolint.yml");

  /** A config and the directory its per-path globs are relative to. */
  record Found(LintConfig config, Path base) {
    String relative(Path file) {
      Path abs = file.toAbsolutePath().normalize();
      return base == null || !abs.startsWith(base) ? file.toString().replace('\\', '/') : base.relativize(abs).toString().replace('\\', '/');
    }
  }

  private static final Found NONE = new Found(LintConfig.DEFAULT, null);
  private final Found explicit;
  private final Map<Path, Found> cache = new ConcurrentHashMap<>();
  private final Map<Path, Optional<Path>> bulwarkByDir = new ConcurrentHashMap<>();
  private final Map<Path, Optional<Path>> hadolintByDir = new ConcurrentHashMap<>();

  ConfigFinder(Path explicitConfig) throws IOException, LintConfig.ConfigException {
    this.explicit = explicitConfig == null ? null : load(explicitConfig);
  }

  Found forFile(Path file) throws IOException, LintConfig.ConfigException {
    if (explicit != null) {
      return explicit;
    }
    Path dir = file.toAbsolutePath().normalize().getParent();
    Path bulwark = nearest(dir, BULWARK, bulwarkByDir);
    if (bulwark != null) {
      return cachedLoad(bulwark);
    }
    Path hadolint = nearest(dir, HADOLINT, hadolintByDir);
    return hadolint != null ? cachedLoad(hadolint) : NONE;
  }

  /** The nearest file named one of {@code names} in {@code dir} or above, memoized per directory. */
  private static Path nearest(Path dir, List<String> names, Map<Path, Optional<Path>> memo) {
    if (dir == null) {
      return null;
    }
    Optional<Path> known = memo.get(dir);
    if (known != null) {
      return known.orElse(null);
    }
    Path found = null;
    for (String n : names) {
      if (Files.exists(dir.resolve(n))) { // a FIFO or directory by that name is refused when read, not passed over
        found = dir.resolve(n);
        break;
      }
    }
    if (found == null) {
      found = nearest(dir.getParent(), names, memo);
    }
    memo.put(dir, Optional.ofNullable(found));
    return found;
  }

  private Found cachedLoad(Path file) throws IOException, LintConfig.ConfigException {
    Found f = cache.get(file);
    if (f == null) {
      f = load(file);
      cache.put(file, f);
    }
    return f;
  }

  /** Reads and parses one config file; a file that cannot be read is a config error naming it. */
  static Found load(Path file) throws LintConfig.ConfigException {
    String text;
    try {
      text = InputFiles.readText(file, LintConfig.MAX_BYTES, "not a config file");
    } catch (IOException e) {
      throw new LintConfig.ConfigException(file + ": " + InputFiles.describe(e));
    }
    String name = file.getFileName().toString();
    LintConfig config = name.startsWith(".hadolint") || name.startsWith("hadolint")
        ? LintConfig.parseHadolint(text, file.toString()) : LintConfig.parse(text, file.toString());
    return new Found(config, file.toAbsolutePath().normalize().getParent());
  }
}
