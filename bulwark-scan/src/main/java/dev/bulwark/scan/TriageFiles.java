package dev.bulwark.scan;

import dev.bulwark.scan.triage.IgnoreFile;
import dev.bulwark.scan.triage.Triage;
import dev.bulwark.scan.triage.TriageException;
import dev.bulwark.scan.triage.Vex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The edge of triage: reads the VEX documents and the ignore file a command names (regular files, within bounds, as
 * every input), and hands their text to the pure parsers. Nothing is discovered but {@link #DEFAULT_IGNORE_FILE} in the
 * directory a command names.
 */
public final class TriageFiles {
  /** Read when present in the scanned project's directory (the SBOM's, the Dockerfile's; the working directory for an image). */
  public static final String DEFAULT_IGNORE_FILE = ".bulwarkignore.yaml";
  /**
   * VEX documents list statements (kilobytes; a CycloneDX one with every component, megabytes). Parsed as a tree, which
   * costs several times the file: past 16 MiB one is refused unread.
   */
  static final long MAX_VEX_BYTES = 16L * 1024 * 1024;

  private TriageFiles() {}

  /** The steps, in the order they are asked (the ignore file first, then the VEX documents as one), and the expired-entry warnings. */
  public record Loaded(List<Triage> steps, List<String> warnings) {
    public static final Loaded NONE = new Loaded(List.of(), List.of());

    public Loaded {
      steps = List.copyOf(steps);
      warnings = List.copyOf(warnings);
    }
  }

  /** {@code ignoreFile} may be null; entries are judged on {@code today}. An unreadable or invalid file is an IOException naming it. */
  public static Loaded load(List<Path> vexFiles, Path ignoreFile, LocalDate today) throws IOException {
    List<Triage> steps = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    try {
      if (ignoreFile != null) {
        String text = new String(read(ignoreFile, InputFiles.MAX_IGNORE_BYTES, "not an ignore file"), java.nio.charset.StandardCharsets.UTF_8);
        String name = ignoreFile.getFileName() == null ? ignoreFile.toString() : ignoreFile.getFileName().toString();
        IgnoreFile parsed = IgnoreFile.parse(text, ignoreFile.toString(), IgnoreFile.Format.of(name), today);
        steps.add(parsed);
        warnings.addAll(parsed.warnings());
      }
      List<Vex> docs = new ArrayList<>();
      for (Path f : vexFiles) {
        docs.add(Vex.parse(read(f, MAX_VEX_BYTES, "not a VEX document"), f.toString()));
      }
      if (!docs.isEmpty()) steps.add(Vex.of(docs));
    } catch (TriageException e) {
      throw new IOException(e.getMessage());
    }
    return new Loaded(steps, warnings);
  }

  private static byte[] read(Path file, long max, String what) throws IOException {
    try {
      return InputFiles.read(file, max, what);
    } catch (IOException e) {
      throw new IOException(file + ": " + InputFiles.describe(e), e);
    }
  }

  /** {@code dir}'s {@link #DEFAULT_IGNORE_FILE}, or null when it has none. */
  public static Path defaultIgnoreFile(Path dir) {
    Path f = (dir == null ? Path.of("") : dir).resolve(DEFAULT_IGNORE_FILE);
    return Files.isRegularFile(f) ? f : null;
  }
}
