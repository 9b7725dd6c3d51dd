package dev.bulwark.lint;

import java.util.Locale;

/** What a COPY/ADD source is: a URL or git repository, or a local archive that ADD would unpack. */
public final class CopySources {
  private CopySources() {}

  public static boolean isRemote(String source) {
    String s = source.toLowerCase(Locale.ROOT);
    return s.startsWith("http://") || s.startsWith("https://") || s.startsWith("git@") || s.endsWith(".git");
  }

  public static boolean isArchive(String source) {
    String s = source.toLowerCase(Locale.ROOT);
    return s.endsWith(".tar") || s.endsWith(".tar.gz") || s.endsWith(".tgz") || s.endsWith(".tar.bz2") || s.endsWith(".tbz2")
        || s.endsWith(".tar.xz") || s.endsWith(".txz") || s.endsWith(".tar.zst");
  }
}
