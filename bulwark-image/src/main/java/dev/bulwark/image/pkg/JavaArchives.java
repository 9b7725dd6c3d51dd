package dev.bulwark.image.pkg;

import dev.bulwark.image.pkg.LanguagePackages.Found;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Java archives (jar, war, ear): {@code pom.properties} (shaded ones too), nested archives, then
 * the manifest, then the file name. An archive is hostile input: nested archives fan out (500
 * jars of 50 jars each fit in a few MiB) and every entry is inflated even to skip it, so nesting
 * depth, entries and decompressed bytes are bounded per archive and per image; a bound reached
 * stops the reading and says so, as a gap.
 */
public final class JavaArchives {
  private static final Pattern JAR_NAME = Pattern.compile("^(.+?)-(\\d[\\w.+-]*)\\.(?:jar|war|ear)$");
  static final int MAX_NESTING = 2;
  static final long MAX_ENTRIES = 100_000;
  static final long MAX_ARCHIVE_BYTES = 512L << 20;
  static final long MAX_IMAGE_BYTES = 2L << 30;
  private static final int MAX_METADATA = 1 << 20;
  private static final int MAX_NESTED = 64 << 20;

  private JavaArchives() {}

  /** What one archive declares; {@code stopped} says which bound ended the reading early (null when none did). */
  public record Scan(List<Found> found, String stopped) {}

  /** Decompressed bytes left for all the archives of one image. */
  public static final class ImageBudget {
    private long bytes = MAX_IMAGE_BYTES;
  }

  /** The packages of the archive {@code content} at {@code path}, within the bounds. */
  public static Scan read(String path, byte[] content, ImageBudget image) {
    Budget budget = new Budget(image);
    List<Found> found = new ArrayList<>();
    try {
      read(LanguagePackages.fileName(path), content, 0, budget, found);
    } catch (BoundReached e) {
      return new Scan(List.copyOf(found), e.getMessage());
    }
    return new Scan(List.copyOf(found), budget.skippedNesting ? "archives nested more than " + MAX_NESTING + " deep were not read" : null);
  }

  /** Thrown through the nested reads when a bound is reached. */
  private static final class BoundReached extends IOException {
    BoundReached(String message) {
      super(message);
    }
  }

  /** One top-level archive's counts, charged to its image's too. */
  private static final class Budget {
    private final ImageBudget image;
    private long entries;
    private long bytes;
    private boolean skippedNesting;

    Budget(ImageBudget image) {
      this.image = image;
    }

    void entry() throws BoundReached {
      if (++entries > MAX_ENTRIES) {
        throw new BoundReached("stopped after " + MAX_ENTRIES + " entries (nested archives included)");
      }
    }

    void bytes(int n) throws BoundReached {
      bytes += n;
      image.bytes -= n;
      if (bytes > MAX_ARCHIVE_BYTES) {
        throw new BoundReached("stopped after " + (MAX_ARCHIVE_BYTES >> 20) + " MiB of decompressed content (nested archives included)");
      }
      if (image.bytes < 0) {
        throw new BoundReached("not read further: the image's archives passed " + (MAX_IMAGE_BYTES >> 30) + " GiB of decompressed content");
      }
    }
  }

  /** Counts every byte inflated, those of entries skipped on the way to the next one included (closeEntry reads through read). */
  private static final class BudgetedZip extends ZipInputStream {
    private final Budget budget;

    BudgetedZip(byte[] content, Budget budget) {
      super(new ByteArrayInputStream(content));
      this.budget = budget;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        budget.bytes(n);
      }
      return n;
    }

    @Override
    public ZipEntry getNextEntry() throws IOException {
      ZipEntry e = super.getNextEntry();
      if (e != null) {
        budget.entry();
      }
      return e;
    }
  }

  private static void read(String fileName, byte[] content, int depth, Budget budget, List<Found> out) throws BoundReached {
    List<Found> found = new ArrayList<>();
    Manifest manifest = null;
    try (ZipInputStream zip = new BudgetedZip(content, budget)) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        String n = e.getName();
        if (n.startsWith("META-INF/maven/") && n.endsWith("/pom.properties")) {
          Found f = LanguagePackages.pomProperties(new String(zip.readNBytes(MAX_METADATA), StandardCharsets.UTF_8));
          if (f != null) {
            found.add(f);
          }
        } else if (n.equals("META-INF/MANIFEST.MF")) {
          manifest = new Manifest(new ByteArrayInputStream(zip.readNBytes(MAX_METADATA)));
        } else if (n.endsWith(".jar") || n.endsWith(".war")) {
          if (depth < MAX_NESTING) {
            read(LanguagePackages.fileName(n), zip.readNBytes(MAX_NESTED), depth + 1, budget, found);
          } else {
            budget.skippedNesting = true;
          }
        }
      }
    } catch (BoundReached e) {
      out.addAll(found);
      throw e;
    } catch (IOException | IllegalArgumentException e) {
      // a corrupt archive (or one with a malformed name) yields what was read before the damage
    }
    if (found.isEmpty() && manifest != null) {
      Found f = LanguagePackages.fromManifest(manifest.getMainAttributes(), fileName);
      // older jars keep Implementation-* in a per-package section instead of the main one
      for (var section = manifest.getEntries().values().iterator(); f == null && section.hasNext(); ) {
        f = LanguagePackages.fromManifest(section.next(), fileName);
      }
      if (f != null) {
        found.add(f);
      }
    }
    if (found.isEmpty()) {
      Matcher m = JAR_NAME.matcher(fileName);
      if (m.matches()) {
        found.add(new Found("maven", null, m.group(1), m.group(2), null));
      }
    }
    out.addAll(found);
  }
}
