package dev.bulwark.dockerfile.shell;

/**
 * A redirection: {@code op} is one of {@code < > >> >| <> <& >& << <<- <<< &> &>>};
 * {@code fd} is the explicit descriptor or -1; {@code heredoc} holds the body for {@code <<}.
 */
public record Redirect(int fd, String op, Word target, HeredocBody heredoc) {

  /** The body of a here-document, read after the line that opened it. */
  public static final class HeredocBody {
    private String text = "";
    private final boolean quoted;

    HeredocBody(boolean quoted) {
      this.quoted = quoted;
    }

    void set(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }

    /** A quoted delimiter ({@code <<'EOF'}) turns off expansion in the body. */
    public boolean quotedDelimiter() {
      return quoted;
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
