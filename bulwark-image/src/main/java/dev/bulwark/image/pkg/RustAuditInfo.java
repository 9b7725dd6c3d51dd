package dev.bulwark.image.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.image.io.ObservingInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The crates of a Rust executable built with cargo-auditable: its {@code .dep-v0} section holds
 * the dependency tree as zlib-compressed JSON ({@code {"packages":[{"name","version","source",
 * "kind","root"}]}}). Executables are streamed past, not stored, and the section table of an
 * ELF file sits at its end, after the section itself; so instead of seeking, the {@link Scanner}
 * watches the bytes go by for a zlib stream that inflates to that JSON. Candidates are rare
 * (a zlib header is two specific bytes) and each costs one small inflate call.
 */
public final class RustAuditInfo {
  private RustAuditInfo() {}

  private static final ObjectMapper JSON = LanguagePackages.JSON;
  private static final int MAX_JSON = 16 << 20;

  /** A crate compiled into the binary. */
  public record Crate(String name, String version, String source) {}

  /**
   * The runtime crates from registries: build-time-only dependencies are not in the binary, and
   * local (workspace) crates are the project's own code, with no registry identity to match.
   */
  public static Optional<List<Crate>> parse(byte[] json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      return Optional.empty();
    }
    JsonNode packages = root == null ? null : root.get("packages");
    if (packages == null || !packages.isArray()) {
      return Optional.empty();
    }
    List<Crate> out = new ArrayList<>();
    for (JsonNode p : packages) {
      String name = p.path("name").asText("");
      String version = p.path("version").asText("");
      String source = p.path("source").asText("crates.io");
      if (name.isEmpty() || version.isEmpty() || source.equals("local") || p.path("kind").asText("runtime").equals("build")) {
        continue;
      }
      out.add(new Crate(name, version, source));
    }
    return Optional.of(out);
  }

  /** Watches the bytes read through it for the audit data (see {@link Scanner}). */
  public static final class Sniffer extends ObservingInputStream {
    private final Scanner scanner = new Scanner();

    public Sniffer(InputStream in) {
      super(in);
    }

    /** The crates, once the whole executable went through (empty for non-auditable binaries). */
    public Optional<List<Crate>> crates() {
      return scanner.crates();
    }

    @Override
    protected void observe(byte[] b, int off, int len) {
      scanner.accept(b, off, len);
    }
  }

  /**
   * Looks for the audit data in bytes pushed to it in order, in chunks of any size. Bytes are kept
   * in a small window so a candidate near the end of one chunk is examined with the bytes of the next.
   */
  public static final class Scanner {
    /** A dynamic deflate block's code tables come before the first output byte: look this far ahead. */
    private static final int LOOKAHEAD = 1024;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final byte[][] PREFIXES = {"{\"packages\"".getBytes(StandardCharsets.US_ASCII),
        "{\"format\"".getBytes(StandardCharsets.US_ASCII)};

    /** Created at the first candidate: most executables have none, and an inflater holds native memory. */
    private Inflater inflater;
    private final byte[] probe = new byte[16];
    private byte[] window = new byte[0];
    private int windowLength;
    /** Positions before this one (in the window) were examined already. */
    private int examined;
    private ByteArrayOutputStream json;
    private List<Crate> found;
    private boolean done;

    /** The crates, once the whole executable went through (empty for non-auditable binaries). */
    public Optional<List<Crate>> crates() {
      if (inflater != null) {
        inflater.end();
        inflater = null;
      }
      return Optional.ofNullable(found);
    }

    /** Takes the next bytes; false once it needs no more. */
    public boolean accept(byte[] b, int off, int len) {
      if (done) {
        return false;
      }
      if (json != null) {
        inflateMore(b, off, len);
        return !done;
      }
      // window = the unexamined tail of the previous window + these bytes
      int keep = windowLength - examined;
      byte[] next = window.length >= keep + len ? window : new byte[keep + len];
      System.arraycopy(window, examined, next, 0, keep);
      System.arraycopy(b, off, next, keep, len);
      window = next;
      windowLength = keep + len;
      examined = 0;
      int last = windowLength - LOOKAHEAD;
      int i = 0;
      while (i < last) {
        // eight bytes at a time: does any of them equal 0x78? (the classic "has zero byte" test on x ^ 0x78..78)
        if (i + 8 <= last) {
          long x = (long) LONGS.get(window, i) ^ 0x7878787878787878L;
          if (((x - 0x0101010101010101L) & ~x & 0x8080808080808080L) == 0) {
            i += 8;
            continue;
          }
        }
        for (int end = Math.min(i + 8, last); i < end; i++) {
          if (window[i] == 0x78 && isZlibHeader(window[i + 1]) && startsAuditJson(i)) {
            json = new ByteArrayOutputStream();
            inflater.reset();
            inflateMore(window, i, windowLength - i);
            return !done;
          }
        }
      }
      examined = Math.max(0, last);
      return true;
    }

    /** 0x78 (deflate, 32 KiB window) followed by a check byte with no preset dictionary. */
    private static boolean isZlibHeader(byte flags) {
      return ((0x78 << 8) | (flags & 0xff)) % 31 == 0 && (flags & 0x20) == 0;
    }

    private boolean startsAuditJson(int at) {
      if (inflater == null) {
        inflater = new Inflater();
      }
      inflater.reset();
      inflater.setInput(window, at, Math.min(LOOKAHEAD, windowLength - at));
      int n;
      try {
        n = inflater.inflate(probe);
      } catch (DataFormatException e) {
        return false;
      }
      for (byte[] prefix : PREFIXES) {
        if (n >= prefix.length && java.util.Arrays.equals(probe, 0, prefix.length, prefix, 0, prefix.length)) {
          return true;
        }
      }
      return false;
    }

    private void inflateMore(byte[] b, int off, int len) {
      inflater.setInput(b, off, len);
      byte[] out = new byte[64 << 10];
      try {
        while (!inflater.finished() && !inflater.needsInput()) {
          int n = inflater.inflate(out);
          json.write(out, 0, n);
          if (json.size() > MAX_JSON) {
            done = true; // not audit data, or absurdly large: stop looking
            return;
          }
          if (n == 0 && inflater.needsDictionary()) {
            done = true;
            return;
          }
        }
      } catch (DataFormatException e) {
        done = true;
        return;
      }
      if (inflater.finished()) {
        found = parse(json.toByteArray()).orElse(null);
        done = true;
        json = null;
      }
    }
  }
}
