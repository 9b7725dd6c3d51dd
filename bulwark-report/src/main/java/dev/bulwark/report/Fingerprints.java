package dev.bulwark.report;

import dev.bulwark.core.text.SourceText;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Location;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Stable identities for findings that survive unrelated edits: rule id, file path and the text
 * of the offending line (white space folded), plus an occurrence number for repeats. Used for
 * baselines and SARIF partial fingerprints.
 */
public final class Fingerprints {
  private Fingerprints() {}

  /** Fingerprints of every finding in {@code file}, keyed by identity, with its path as reported (SARIF). */
  public static Map<Finding, String> of(FileReport file) {
    return of(file, file.path());
  }

  /** Fingerprints with {@code path} standing for the file: baselines give it relative to their root. */
  public static Map<Finding, String> of(FileReport file, String path) {
    Map<Finding, String> out = new IdentityHashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    SourceText text = file.source() == null ? null : new SourceText(file.source());
    for (Finding f : file.findings()) {
      // text findings are keyed by their line's text (so they survive moves), others by where they are
      String line = f.location() instanceof Location.Text ? "" : Where.detail(f.location());
      int ln = f.line();
      if (text != null && ln >= 1 && ln <= text.lineCount()) {
        line = text.text().substring(text.lineStart(ln), text.lineEnd(ln)).strip().replaceAll("\\s+", " ");
      }
      String key = f.ruleId() + "\u0000" + path.replace('\\', '/') + "\u0000" + line;
      int n = seen.merge(key, 1, Integer::sum);
      out.put(f, sha256(key + "\u0000" + n).substring(0, 32));
    }
    return out;
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
