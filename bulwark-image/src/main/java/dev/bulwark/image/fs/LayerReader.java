package dev.bulwark.image.fs;

import dev.bulwark.image.source.HostileImageException;
import dev.bulwark.image.source.ImageException;
import dev.bulwark.image.source.ImageLimits;
import dev.bulwark.image.source.Layer;
import dev.bulwark.image.io.ObservingInputStream;
import dev.bulwark.image.io.TarReader;
import dev.bulwark.image.source.BlobStore;
import dev.bulwark.sbom.Package;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Streams each layer once, in order, into a {@link FileTree}: gzip, zstd or plain tar, whiteouts and
 * opaque directories applied as the OCI image spec says, the files a {@link FileInterest} asks for
 * kept or shown to its watchers on the way (no analyzer is named here). Every
 * layer's compressed digest (when the manifest names one) and uncompressed digest (the config's
 * diff_id) are verified; paths that climb out of the root, links that do, and layers that expand
 * beyond the limits are refused. Nothing is written to disk.
 */
public final class LayerReader {
  private static final String WHITEOUT = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";

  /** Per-layer figures for attack-surface and size reporting. */
  public record LayerStats(int index, long compressedBytes, long uncompressedBytes, long entries) {}

  /** One version of a captured file, and the layer that wrote it. */
  public record FileVersion(int layer, byte[] content) {}

  /**
   * The outcome: merged tree, every version of the files kept with history, per-layer stats, and
   * the packages watchers found in files as they streamed past, by path (files still in the tree only), and what else
   * they learnt of those files ({@link FileFacts}, by path likewise).
   */
  public record Result(FileTree tree, Map<String, List<FileVersion>> history, List<LayerStats> layers, Map<String, List<Package>> streamed,
      Map<String, FileFacts> facts) {}

  private final BlobStore store;
  private final ImageLimits limits;
  private final FileInterest interest;
  private long capturedBytes;
  private long nameBytes;
  private long streamedPackages;
  /** Packages found in binaries, all together: each is an object on the heap (a made-up build info can list thousands). */
  static final int MAX_STREAMED_PACKAGES = 250_000;
  /** Linux's PATH_MAX: a longer name cannot be created in a container, so it is no real image's. */
  static final int MAX_NAME = 4096;
  private final byte[] drain = new byte[256 << 10];
  private final Map<String, List<Package>> streamed = new HashMap<>();
  private final Map<String, FileFacts> facts = new HashMap<>();
  private long factsCost;
  /**
   * Facts kept for the image, all together, in entries ({@link FileFacts#cost()}): a few hundred Go binaries' symbol
   * tables fit; past it, later files' facts are dropped, and what needed them (reachability) judges nothing for them.
   */
  static final long MAX_FACTS_COST = 4_000_000;

  public LayerReader(BlobStore store, ImageLimits limits, FileInterest interest) {
    this.store = store;
    this.limits = limits;
    this.interest = interest;
  }

  public Result read(List<Layer> layers) throws IOException, ImageException {
    FileTree tree = new FileTree();
    Map<String, List<FileVersion>> history = new HashMap<>();
    List<LayerStats> stats = new ArrayList<>();
    long[] entries = {0};
    for (Layer layer : layers) {
      tree.startLayer(layer.index());
      stats.add(readLayer(layer, tree, history, entries));
    }
    return new Result(tree, history, List.copyOf(stats), stillFiles(streamed, tree), stillFiles(facts, tree));
  }

  /** What was found in binaries that are still regular files in the merged tree (not whited out or replaced by a link or directory). */
  private static <V> Map<String, V> stillFiles(Map<String, V> byPath, FileTree tree) {
    byPath.keySet().removeIf(path -> tree.get(path).map(e -> e.type() != FileEntry.Type.FILE).orElse(true));
    return Map.copyOf(byPath);
  }

  private LayerStats readLayer(Layer layer, FileTree tree, Map<String, List<FileVersion>> history, long[] totalEntries)
      throws IOException, ImageException {
    int n = layer.index();
    long compressed;
    long uncompressed;
    long count = 0;
    byte[] blobHashed = null;
    byte[] diffHashed = null;
    try (BackgroundDigest blobHash = layer.blobDigest() == null ? null : new BackgroundDigest(layer.blobDigest().newHasher(), "blob-digest");
        BackgroundDigest diffHash = layer.diffId() == null ? null : new BackgroundDigest(layer.diffId().newHasher(), "diff-id-digest");
        InputStream raw = store.open(layer.blobPath());
        CountingStream counted = new CountingStream(blobHash == null ? raw : blobHash.wrap(raw), null)) {
      BufferedInputStream buffered = new BufferedInputStream(counted, 64 * 1024);
      InputStream decompressed;
      try {
        decompressed = decompress(buffered, n); // reads the gzip or zstd header: a cut or bad one is corruption too
      } catch (IOException io) {
        throw corrupt(n, io);
      }
      CountingStream plain = new CountingStream(diffHash == null ? decompressed : diffHash.wrap(decompressed), size -> {
        if (size > limits.maxLayerBytes()) {
          throw new LimitException("expands beyond " + (limits.maxLayerBytes() >> 20) + " MiB (decompression bomb?)");
        }
        if (size > limits.ratioFloorBytes() && size > Math.max(1, counted.count) * limits.maxRatio()) {
          throw new LimitException("expands more than " + limits.maxRatio() + " times its compressed size (decompression bomb?)");
        }
      });
      // inflating and digesting run on a reader thread, the tar walk here; the reader also drains
      // anything after the compressed stream, which belongs to the blob digest
      try (ReadAhead ahead = new ReadAhead(plain, () -> counted.transferTo(java.io.OutputStream.nullOutputStream()), "layer-" + n)) {
        TarReader tar = new TarReader(ahead);
        TarReader.Header e;
        while ((e = tar.next()) != null) {
          count++;
          if (++totalEntries[0] > limits.maxEntries()) {
            throw new HostileImageException("more than " + limits.maxEntries() + " files in the image");
          }
          entry(e, tar, n, tree, history);
        }
        ahead.transferTo(java.io.OutputStream.nullOutputStream()); // the tar's trailing padding belongs to the digest too
      } catch (LimitException le) {
        throw new HostileImageException("layer " + n + ": " + le.getMessage());
      } catch (IOException io) {
        throw corrupt(n, io);
      }
      compressed = counted.count;
      uncompressed = plain.count;
      blobHashed = blobHash == null ? null : blobHash.finish();
      diffHashed = diffHash == null ? null : diffHash.finish();
    }
    if (blobHashed != null && !layer.blobDigest().matches(blobHashed)) {
      throw new HostileImageException("layer " + n + " does not match its digest " + layer.blobDigest());
    }
    if (diffHashed != null && !layer.diffId().matches(diffHashed)) {
      throw new HostileImageException("layer " + n + " content does not match its diff_id " + layer.diffId());
    }
    return new LayerStats(n, compressed, uncompressed, count);
  }

  private static ImageException corrupt(int layer, IOException io) {
    String why = io.getMessage() == null || io.getMessage().isBlank() ? io.getClass().getSimpleName().replace("Exception", "") : io.getMessage();
    return new ImageException("layer " + layer + " is corrupt or truncated: " + (io instanceof java.io.EOFException ? "it ends early" : why), io);
  }

  private InputStream decompress(BufferedInputStream in, int layer) throws IOException {
    in.mark(4);
    int b0 = in.read();
    int b1 = in.read();
    int b2 = in.read();
    int b3 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      // the JDK's reader (multi-member like gzip -dc) with a large input buffer: fewer, larger inflate calls
      return new GZIPInputStream(in, 64 * 1024);
    }
    if (b0 == 0x28 && b1 == 0xb5 && b2 == 0x2f && b3 == 0xfd) {
      return new ZstdCompressorInputStream(in);
    }
    return in;
  }

  private void entry(TarReader.Header e, TarReader tar, int layer, FileTree tree, Map<String, List<FileVersion>> history)
      throws IOException, ImageException {
    String raw = e.name();
    if (raw.length() > MAX_NAME || e.linkName().length() > MAX_NAME) {
      throw new HostileImageException("layer " + layer + " has an entry name or link target longer than " + MAX_NAME
          + " characters (the kernel's PATH_MAX): '" + raw.substring(0, Math.min(60, raw.length())) + "…'");
    }
    nameBytes += raw.length() + e.linkName().length();
    if (nameBytes > limits.maxNameBytes()) {
      throw new HostileImageException("the file names of the image add up to more than " + (limits.maxNameBytes() >> 20) + " MiB");
    }
    String path = normalize(raw, layer);
    if (path.isEmpty()) {
      return; // the root itself
    }
    int slash = path.lastIndexOf('/');
    if (path.startsWith(WHITEOUT, slash + 1)) {
      if (path.length() - slash - 1 == OPAQUE.length() && path.endsWith(OPAQUE)) {
        tree.opaque(slash < 0 ? "" : path.substring(0, slash), layer);
      } else {
        tree.whiteout(path.substring(0, slash + 1) + path.substring(slash + 1 + WHITEOUT.length()), layer);
      }
      return;
    }
    FileEntry.Type type;
    String link = null;
    if (e.isSymlink()) {
      type = FileEntry.Type.SYMLINK;
      link = e.linkName();
    } else if (e.isHardLink()) {
      type = FileEntry.Type.HARDLINK;
      link = normalize(e.linkName(), layer);
    } else if (e.isDirectory()) {
      type = FileEntry.Type.DIRECTORY;
    } else if (e.isCharDevice()) {
      type = FileEntry.Type.CHAR_DEVICE;
    } else if (e.isBlockDevice()) {
      type = FileEntry.Type.BLOCK_DEVICE;
    } else if (e.isFifo()) {
      type = FileEntry.Type.FIFO;
    } else {
      type = FileEntry.Type.FILE;
    }
    // A new entry replaces what lower layers had at this path (a directory keeps its children).
    if (type != FileEntry.Type.DIRECTORY) {
      tree.whiteout(path, layer);
    }
    byte[] content = null;
    String uncaptured = null;
    List<Package> replaced = streamed.remove(path); // whatever a lower layer had here is replaced
    streamedPackages -= replaced == null ? 0 : replaced.size();
    FileFacts replacedFacts = facts.remove(path);
    factsCost -= replacedFacts == null ? 0 : replacedFacts.cost();
    FileEntry entry = new FileEntry(path, type, e.mode() & 07777, e.uid(), e.gid(), e.size(), link, layer);
    FileInterest.Keep keep = type == FileEntry.Type.FILE || type == FileEntry.Type.HARDLINK ? interest.keep(path) : FileInterest.Keep.NONE;
    List<ByteWatcher> watchers = List.of();
    if (type == FileEntry.Type.FILE && e.sparse()) {
      // GNU sparse files (no Docker or BuildKit layer has them): listed, but their bytes are fragments
      boolean wanted = keep != FileInterest.Keep.NONE || !interest.watch(entry).isEmpty();
      uncaptured = wanted ? "is stored as a sparse file, which Bulwark does not read" : null;
    } else if (type == FileEntry.Type.FILE && keep != FileInterest.Keep.NONE && e.size() <= limits.maxCapturedFileBytes()
        && capturedBytes + e.size() <= limits.maxCapturedTotalBytes()) {
      content = tar.readNBytes((int) e.size());
      capturedBytes += content.length;
      if (keep == FileInterest.Keep.EVERY_VERSION) {
        // package databases keep every version, to tell which layer introduced each package; application files need only the last
        history.computeIfAbsent(path, k -> new ArrayList<>()).add(new FileVersion(layer, content));
      }
    } else if (type == FileEntry.Type.HARDLINK && keep != FileInterest.Keep.NONE) {
      content = tree.content(link).orElse(null);
      uncaptured = content == null ? tree.uncaptured().get(link) : null;
    } else if (type == FileEntry.Type.FILE) {
      watchers = interest.watch(entry);
      if (keep != FileInterest.Keep.NONE) {
        uncaptured = e.size() > limits.maxCapturedFileBytes()
            ? "is too large to read (" + mib(e.size()) + ", the limit is " + mib(limits.maxCapturedFileBytes()) + ")"
            : "was not read: the files kept for analysis passed " + mib(limits.maxCapturedTotalBytes()) + " together";
      }
    }
    if (uncaptured != null) {
      tree.putUncaptured(entry, uncaptured);
    } else {
      tree.put(entry, content);
    }
    // Drain what no one read in large reads (the tar stream's own skip goes 8 KiB at a time through
    // every stream below it, which a short-lived JVM pays for in call overhead), showing the bytes
    // to the watchers on the way: a file streams past once, however many watch it.
    boolean[] done = new boolean[watchers.size()];
    int active = watchers.size();
    int n;
    while ((n = tar.read(drain)) > 0) {
      for (int i = 0; active > 0 && i < done.length; i++) {
        if (!done[i] && !watchers.get(i).accept(drain, 0, n)) {
          done[i] = true;
          active--;
        }
      }
    }
    if (!watchers.isEmpty()) {
      List<Package> found = new ArrayList<>();
      for (ByteWatcher w : watchers) {
        found.addAll(w.finish()); // in the order the interest listed them
        FileFacts learnt = w.facts();
        if (learnt != null && factsCost + learnt.cost() <= MAX_FACTS_COST) {
          facts.put(path, learnt);
          factsCost += learnt.cost();
        }
      }
      if (streamedPackages + found.size() > MAX_STREAMED_PACKAGES) {
        tree.markUncaptured(path, "was not read: the packages found in the image's binaries passed " + MAX_STREAMED_PACKAGES);
      } else if (!found.isEmpty()) {
        streamed.put(path, List.copyOf(found));
        streamedPackages += found.size();
      }
    }
  }

  private static String mib(long bytes) {
    return bytes >= 10L << 20 ? (bytes >> 20) + " MiB" : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }

  /** Entry names are relative to the image root; a name that climbs out of it is hostile. */
  static String normalize(String raw, int layer) throws HostileImageException {
    if (isNormal(raw)) {
      return raw; // most names: no split and join per entry
    }
    List<String> parts = new ArrayList<>();
    for (String seg : raw.replace('\\', '/').split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (parts.isEmpty()) {
          throw new HostileImageException("layer " + layer + " entry '" + raw + "' escapes the image root");
        }
        parts.removeLast();
      } else {
        parts.add(seg);
      }
    }
    return String.join("/", parts);
  }

  /** No backslash, no empty, "." or ".." segment, no leading or trailing slash: {@link #normalize} would return it unchanged. */
  static boolean isNormal(String raw) {
    if (raw.isEmpty()) {
      return true;
    }
    int segmentStart = 0;
    for (int i = 0, n = raw.length(); i <= n; i++) {
      char c = i < n ? raw.charAt(i) : '/';
      if (c == '\\') {
        return false;
      }
      if (c == '/') {
        int len = i - segmentStart;
        if (len == 0 || (len <= 2 && raw.charAt(segmentStart) == '.' && (len == 1 || raw.charAt(segmentStart + 1) == '.'))) {
          return false;
        }
        segmentStart = i + 1;
      }
    }
    return true;
  }

  /** Raised from inside the stream when a limit is crossed. */
  static final class LimitException extends IOException {
    LimitException(String message) {
      super(message);
    }
  }

  /** Checks a running byte count; throws to stop reading. */
  interface LimitCheck {
    void check(long count) throws LimitException;
  }

  /** Counts bytes read and lets a check stop the stream. */
  static final class CountingStream extends ObservingInputStream {
    long count;
    private final LimitCheck check;

    CountingStream(InputStream in, LimitCheck check) {
      super(in);
      this.check = check;
    }

    @Override
    protected void observe(byte[] b, int off, int len) throws LimitException {
      count += len;
      if (check != null) {
        check.check(count);
      }
    }
  }
}
