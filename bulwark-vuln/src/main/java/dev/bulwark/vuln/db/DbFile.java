package dev.bulwark.vuln.db;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.vuln.osv.Advisory;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The database as one gzip'd JSON file: {@code {"format":"bulwark-vulndb","version":1,"built":…,"sources":[…],
 * "advisories":[…]}} with the advisories in the {@link Advisory} model (events already sorted).
 *
 * <p>The first format: every record is decoded at open (≈240 ms for the 8.5k shared samples), which is why
 * {@link IndexedDbFile} replaced it. Still read, so existing databases keep working; {@code db import} rewrites them in
 * the indexed format. {@link #open} and {@link #loadAll} take either.
 *
 * <p>Saving writes a temporary file in the target's directory, forces it to disk and moves it over the target, so a
 * failed save leaves the old file as it was.
 */
public final class DbFile {
  public static final String FORMAT = "bulwark-vulndb";
  public static final int VERSION = 1;
  /** The file name inside a database directory, of this earlier format: still read, no longer written by import. */
  public static final String NAME = "vulndb.json.gz";

  static final ObjectMapper JSON = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
      // the gzip streams are closed by us, after their trailers are written and checked
      .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false)
      .configure(JsonParser.Feature.AUTO_CLOSE_SOURCE, false);

  private DbFile() {}

  /** The file's top level. */
  record Stored(String format, int version, String built, List<String> sources, List<Advisory> advisories) {}

  /** Writes {@code db} to {@code file} atomically as gzip JSON (the earlier format; {@link IndexedDbFile} is the current one). */
  public static void save(MemoryVulnDatabase db, Path file) throws IOException {
    DbInfo info = db.info();
    Stored stored = new Stored(FORMAT, VERSION, info.built().toString(), info.sources(), db.advisories());
    writeAtomically(file, raw -> {
      try (OutputStream out = new GZIPOutputStream(new BufferedOutputStream(raw), 1 << 16)) {
        JSON.writeValue(out, stored);
      }
    });
  }

  /** What writes a file's bytes. */
  interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /** Writes a temporary file in the target's directory, forces it to disk and moves it over {@code file}. */
  static void writeAtomically(Path file, Writer writer) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        writer.write(out);
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * The database file of directory {@code dir}: the indexed one ({@link IndexedDbFile#NAME}) unless only an earlier
   * gzip JSON one ({@link #NAME}) is there.
   */
  public static Path locate(Path dir) {
    Path indexed = dir.resolve(IndexedDbFile.NAME);
    Path legacy = dir.resolve(NAME);
    return !Files.exists(indexed) && Files.exists(legacy) ? legacy : indexed;
  }

  /** Opens a database file of either format, told apart by its first bytes. */
  public static VulnDatabase open(Path file) throws VulnDbException {
    return isIndexed(file) ? IndexedDbFile.open(file) : load(file);
  }

  /** Every advisory of a database file of either format: what {@code db import} adds to. */
  public static MemoryVulnDatabase loadAll(Path file) throws VulnDbException {
    return isIndexed(file) ? IndexedDbFile.readAll(file) : load(file);
  }

  private static boolean isIndexed(Path file) {
    byte[] start = new byte[IndexedDbFile.MAGIC.length];
    try (InputStream in = Files.newInputStream(file)) {
      return IndexedDbFile.isIndexed(Arrays.copyOf(start, in.readNBytes(start, 0, start.length)));
    } catch (IOException e) {
      return false; // load says what is wrong
    }
  }

  /** The most a database file may expand to: far above a real one, far below what would exhaust the heap (a gzip bomb). */
  static final long MAX_EXPANDED = 1L << 30;

  /** An input stream that fails, in words, past {@code max} bytes. */
  private static final class Bounded extends java.io.FilterInputStream {
    private final long max;
    private long read;

    Bounded(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    private int count(int n) throws IOException {
      if (n > 0 && (read += n) > max) {
        throw new IOException("it expands past " + (max >> 20) + " MiB");
      }
      return n;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return count(super.read(b, off, len));
    }
  }

  /** Reads a database file; {@link VulnDbException} says which file and what is wrong with it. */
  public static MemoryVulnDatabase load(Path file) throws VulnDbException {
    return load(file, MAX_EXPANDED);
  }

  static MemoryVulnDatabase load(Path file, long maxExpanded) throws VulnDbException {
    Stored stored;
    try (InputStream in = new Bounded(new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)), 1 << 16), maxExpanded)) {
      stored = JSON.readValue(in, Stored.class);
      if (in.read() != -1) throw new IOException("data after the end of the JSON document");
    } catch (NoSuchFileException e) {
      throw new VulnDbException("no vulnerability database at " + file + " (run `bulwark db import`)", e);
    } catch (JsonProcessingException e) {
      throw new VulnDbException("vulnerability database " + file + " is corrupt: " + e.getOriginalMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new VulnDbException("vulnerability database " + file + " is corrupt or truncated: " + reason(e), e);
    }
    if (stored == null || !FORMAT.equals(stored.format())) {
      throw new VulnDbException("vulnerability database " + file + " is not a " + FORMAT + " file", null);
    }
    if (stored.version() != VERSION) {
      throw new VulnDbException("vulnerability database " + file + " has format version " + stored.version()
          + "; this bulwark reads version " + VERSION + " (re-import it)", null);
    }
    try {
      return new MemoryVulnDatabase(Instant.parse(stored.built()), stored.sources(), stored.advisories());
    } catch (RuntimeException e) {
      throw new VulnDbException("vulnerability database " + file + " is corrupt: " + reason(e), e);
    }
  }

  /** The cause in words: the message reaches a user, so no exception class names. */
  private static String reason(Exception e) {
    if (e instanceof EOFException) return "it ends early";
    if (e instanceof ZipException) return "damaged gzip data (" + e.getMessage() + ")";
    if (e instanceof DateTimeParseException) return "bad build time '" + ((DateTimeParseException) e).getParsedString() + "'";
    return e.getMessage() != null ? e.getMessage() : "unreadable (" + e.getClass().getSimpleName() + ")";
  }
}
