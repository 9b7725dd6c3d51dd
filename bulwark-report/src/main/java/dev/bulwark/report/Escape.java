package dev.bulwark.report;

/**
 * Making untrusted text (Dockerfile lines, file names, package names, messages quoting them) safe
 * for where it is shown. A terminal obeys ESC, OSC and other control characters, so they are shown
 * escaped as git and less do; XML 1.0 forbids most C0 characters outright, so a report with one
 * would not parse. Ordinary text comes back as the same String (no copy).
 */
public final class Escape {
  private Escape() {}

  /**
   * For a terminal: C0 controls except tab as caret notation ({@code ^[} for ESC, {@code ^@} for
   * NUL), DEL as {@code ^?}, C1 controls as {@code <U+009B>}-style escapes. Newlines are escaped too:
   * callers write their own. Bidirectional overrides are left alone (not control characters).
   */
  public static String terminal(String s) {
    int i = firstTerminalUnsafe(s);
    if (i < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length() + 8).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7f) {
        b.append('^').append((char) (c ^ 0x40));
      } else if (c >= 0x80 && c < 0xa0) {
        b.append(String.format("<U+%04X>", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static int firstTerminalUnsafe(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 && c != '\t' || c >= 0x7f && c < 0xa0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * For XML 1.0 text and attributes: characters XML 1.0 does not allow (C0 except tab, newline and
   * carriage return; lone surrogates; U+FFFE, U+FFFF) become U+FFFD. The writer escapes the rest.
   */
  public static String xml(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        if (b != null) {
          b.append(c).append(s.charAt(i + 1));
        }
        i++;
        continue;
      }
      ok = c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0xd7ff || c >= 0xe000 && c <= 0xfffd;
      if (!ok && b == null) {
        b = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (b != null) {
        b.append(ok ? c : '\ufffd');
      }
    }
    return b == null ? s : b.toString();
  }
}
