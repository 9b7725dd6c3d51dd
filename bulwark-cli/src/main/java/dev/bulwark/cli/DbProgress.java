package dev.bulwark.cli;

import dev.bulwark.vuln.update.Download;
import dev.bulwark.vuln.update.Updater;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * What {@code db update} shows while it runs: on a terminal, one redrawn line per download (bytes against the announced
 * length, records imported so far) and a line when each is done; otherwise nothing but warnings. Bad records are
 * warnings, at most {@link DbCommand.Import#MAX_WARNINGS}, then a count.
 */
final class DbProgress implements Updater.Listener {
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final int BAR = 24;
  private final PrintWriter err;
  private final boolean terminal;
  private int index;
  private int count;
  private long records;
  private int warnings;
  private long lastDraw;
  private boolean drawn;

  DbProgress(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public synchronized void started(Download d, int index, int count) {
    this.index = index;
    this.count = count;
    draw(d, 0, -1, true);
  }

  @Override
  public synchronized void bytes(Download d, long bytes, long total) {
    draw(d, bytes, total, false);
  }

  @Override
  public synchronized void retrying(Download d, IOException why, int attempt, Duration wait) {
    clear();
    err.println("bulwark: warning: " + Failures.oneLine(why.getMessage()) + "; trying again in " + wait.toSeconds() + " s");
    err.flush();
  }

  @Override
  public synchronized void imported(Updater.Fetched f) {
    records += f.records();
    if (!terminal) return;
    clear();
    err.printf("[%d/%d] %s: %s, %,d records%n", index + 1, count, f.download().label(), size(f.bytes()), f.records());
    err.flush();
  }

  @Override
  public synchronized void warning(Download d, String message) {
    if (d != null && ++warnings > DbCommand.Import.MAX_WARNINGS) return;
    clear();
    err.println("bulwark: warning: " + (d == null ? "" : d.label() + ": skipped a bad record: ") + Failures.oneLine(message));
    err.flush();
  }

  @Override
  public synchronized void writing(int advisories) {
    if (!terminal) return;
    clear();
    err.printf("writing the database: %,d advisories%n", advisories);
    err.flush();
  }

  @Override
  public void killed(String state) {
    // no lock: the main thread may hold it and will never run again
    err.print(terminal ? "\r\033[K" : "");
    err.println("bulwark: error: db update interrupted; " + state);
    err.flush();
  }

  /** Called once the update is over, whatever its outcome. */
  synchronized void finish() {
    clear();
    if (warnings > DbCommand.Import.MAX_WARNINGS) {
      err.println("bulwark: warning: … and " + (warnings - DbCommand.Import.MAX_WARNINGS) + " more bad records skipped");
    }
    err.flush();
  }

  private void draw(Download d, long bytes, long total, boolean force) {
    if (!terminal) return;
    long now = System.nanoTime();
    if (!force && now - lastDraw < REDRAW_NANOS) return;
    lastDraw = now;
    err.print("\r" + line(d.label(), index, count, bytes, total, records) + "\033[K");
    err.flush();
    drawn = true;
  }

  private void clear() {
    if (terminal && drawn) {
      err.print("\r\033[K");
      drawn = false;
    }
  }

  /** The progress line: {@code [2/12] osv PyPI [######......] 12.3 MiB / 40.1 MiB, 1,234 records}. */
  static String line(String label, int index, int count, long bytes, long total, long records) {
    StringBuilder s = new StringBuilder();
    s.append('[').append(index + 1).append('/').append(count).append("] ").append(label).append(' ');
    if (total > 0) {
      int filled = (int) Math.min(BAR, bytes * BAR / total);
      s.append('[').append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("] ");
      s.append(size(bytes)).append(" / ").append(size(total));
    } else {
      s.append(size(bytes));
    }
    return s.append(String.format(Locale.ROOT, ", %,d records", records)).toString();
  }

  static String size(long bytes) {
    if (bytes < 1024) return bytes + " B";
    if (bytes < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
  }
}
