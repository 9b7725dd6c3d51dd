package dev.bulwark.cli;

import dev.bulwark.scan.Scanner;
import dev.bulwark.scan.TriageFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --vex FILE} (repeatable) and {@code --ignore-file FILE}, shared by {@code image}, {@code vulns}, {@code report}
 * and {@code sbom --vulns}: the files checked and read before anything is scanned, and without {@code --ignore-file}
 * the project directory's {@code .bulwarkignore.yaml} when it has one.
 */
final class Triaging {
  private Triaging() {}

  /** VEX and ignore-file options are about vulnerabilities: without a database there is nothing for them to do. */
  static void requireMatching(List<Path> vex, Path ignoreFile, boolean matching) throws UsageException {
    if (!matching && (!vex.isEmpty() || ignoreFile != null)) {
      throw new UsageException(Opt.VEX + " and " + Opt.IGNORE_FILE + " triage vulnerabilities, and there is no vulnerability database (" + Opt.DB + ")");
    }
  }

  /**
   * Reads the files; {@code projectDir} is where the default ignore file is looked for (null: the working directory).
   * An unreadable or invalid file is an IOException naming it (exit 2).
   */
  static TriageFiles.Loaded load(List<Path> vex, Path ignoreFile, Path projectDir, LocalDate today) throws IOException {
    for (Path f : vex) OutputTarget.checkReadable(Opt.VEX, f);
    Path ignore = ignoreFile;
    if (ignore != null) {
      OutputTarget.checkReadable(Opt.IGNORE_FILE, ignore);
    } else {
      ignore = TriageFiles.defaultIgnoreFile(projectDir);
    }
    return TriageFiles.load(vex, ignore, today);
  }

  static LocalDate today() {
    return LocalDate.now(java.time.ZoneOffset.UTC);
  }

  /** {@code r} with the expired-entry warnings first among its notices. */
  static Scanner.ImageResult withWarnings(Scanner.ImageResult r, TriageFiles.Loaded loaded) {
    if (loaded.warnings().isEmpty()) return r;
    List<String> notices = new ArrayList<>(loaded.warnings());
    notices.addAll(r.notices());
    return new Scanner.ImageResult(r.result(), r.summary(), notices);
  }
}
