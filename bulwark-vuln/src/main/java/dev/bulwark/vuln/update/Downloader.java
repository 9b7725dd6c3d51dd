package dev.bulwark.vuln.update;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/** Fetches one URL into a file: the only network I/O of an update, behind an interface so the rest is testable. */
public interface Downloader {
  /**
   * Writes what {@code uri} serves to {@code target} (created or truncated) and returns the byte count. Fails with an
   * {@link IOException} in words on an HTTP status other than 200 ({@link HttpStatusException}), past {@code maxBytes},
   * on a body shorter than its announced length, or when no data comes for the downloader's idle timeout.
   */
  long fetch(URI uri, Path target, long maxBytes, Progress progress) throws IOException, InterruptedException;

  /** Bytes as they arrive; {@code total} is the announced length, or -1. */
  interface Progress {
    Progress NONE = (bytes, total) -> {};

    void bytes(long bytes, long total);
  }

  /** A response other than 200 OK. */
  final class HttpStatusException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public HttpStatusException(URI uri, int status) {
      super(uri + ": HTTP " + status + (status == 404 ? " (not found)" : status >= 500 ? " (server error)"
          : status >= 300 && status < 400 ? " (a redirect not followed: none, or from https to http)" : ""));
      this.status = status;
    }

    public int status() {
      return status;
    }

    /** Whether trying again may help: server errors and 429, not 404 or 403. */
    public boolean retryable() {
      return status >= 500 || status == 429 || status == 408;
    }
  }

  /** A download over its size bound: never retried. */
  final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    public TooLargeException(String message) {
      super(message);
    }
  }
}
