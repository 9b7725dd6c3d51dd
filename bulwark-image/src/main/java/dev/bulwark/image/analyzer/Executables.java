package dev.bulwark.image.analyzer;

import dev.bulwark.image.fs.FileEntry;

/** What the binary analyzers watch: executables large enough to be compiled programs, ELF ones. */
final class Executables {
  private Executables() {}

  private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};

  static boolean wanted(FileEntry file) {
    return file.isExecutable() && file.size() > 1024;
  }

  /** Says no once the first bytes are not ELF's magic (scripts are executables too). */
  static final class ElfCheck {
    private long seen;
    private boolean elf = true;

    boolean accept(byte[] b, int off, int len) {
      for (int i = 0; elf && seen < ELF.length && i < len; i++, seen++) {
        elf = b[off + i] == ELF[(int) seen];
      }
      return elf;
    }
  }
}
