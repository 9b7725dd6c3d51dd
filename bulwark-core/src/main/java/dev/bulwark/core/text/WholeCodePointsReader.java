package dev.bulwark.core.text;

import java.io.Reader;

/**
 * A string as a Reader whose reads never end between the two halves of a surrogate pair. Every
 * snakeyaml-engine load goes through it: 2.10's StreamReader fills its whole buffer and then, when
 * the last char is a high surrogate, reads one more past the buffer's end (an
 * IndexOutOfBoundsException found by fuzzing, on a non-BMP character at offset 1024).
 */
public final class WholeCodePointsReader extends Reader {
  private final String text;
  private int pos;

  public WholeCodePointsReader(String text) {
    this.text = text;
  }

  @Override
  public int read(char[] buf, int off, int len) {
    if (pos >= text.length()) {
      return -1;
    }
    int n = Math.min(len, text.length() - pos);
    if (n > 1 && Character.isHighSurrogate(text.charAt(pos + n - 1))) {
      n--; // its low half comes with the next read
    }
    text.getChars(pos, pos + n, buf, off);
    pos += n;
    return n;
  }

  @Override
  public void close() {}
}
