package dev.bulwark.core.catalog;

import dev.bulwark.core.eol.EolCatalog;
import dev.bulwark.core.ref.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The base images Bulwark knows (shipped in the jar, {@code base-images.tsv}): official images,
 * distroless and Chainguard, each with its runtime, tag scheme, distribution and what its default
 * variant ships. Support dates are the {@link EolCatalog}'s; this catalog only says which cycle a
 * tag is. Read on first use (a few dozen lines), never on the plain scan path unless a finding
 * asks for it.
 */
public final class BaseImageCatalog {
  private static volatile BaseImageCatalog instance;
  private final Map<String, ImageFamily> families;

  private BaseImageCatalog(Map<String, ImageFamily> families) {
    this.families = families;
  }

  public static BaseImageCatalog get() {
    BaseImageCatalog c = instance;
    if (c == null) {
      try (InputStream in = BaseImageCatalog.class.getResourceAsStream("base-images.tsv")) {
        c = new BaseImageCatalog(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException | NullPointerException e) {
        throw new IllegalStateException("the bundled base-image catalog cannot be read", e);
      }
      instance = c;
    }
    return c;
  }

  static Map<String, ImageFamily> parse(String text) {
    Map<String, ImageFamily> m = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      if (f.length != 14) {
        throw new IllegalStateException("base-image catalog: " + f.length + " columns, not 14: " + line);
      }
      List<String> variants = f[12].equals("-") ? List.of() : Arrays.asList(f[12].split(","));
      m.put(f[0], new ImageFamily(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], variants, f[13]));
    }
    return m;
  }

  public List<ImageFamily> families() {
    return List.copyOf(families.values());
  }

  public Optional<ImageFamily> family(String name) {
    return Optional.ofNullable(families.get(name));
  }

  /** Docker Hub's per-architecture copies of the official images ({@code arm64v8/alpine} is {@code alpine}). */
  private static final String[] ARCH_NAMESPACES = {"amd64/", "arm64v8/", "arm32v7/", "arm32v6/", "arm32v5/", "i386/", "ppc64le/", "s390x/",
      "riscv64/", "mips64le/"};

  /** The family of {@code ref}: its repository as users write it ({@code python}, {@code cgr.dev/chainguard/go}). */
  public Optional<ImageFamily> familyOf(ImageReference ref) {
    return Optional.ofNullable(families.get(key(ref)));
  }

  private static String key(ImageReference written) {
    ImageReference ref = written.hubEquivalent(); // mirror.gcr.io/library/alpine is alpine
    String name = ref.familiarName();
    if (ref.registry().equals(ImageReference.DOCKER_HUB)) {
      for (String ns : ARCH_NAMESPACES) {
        if (name.startsWith(ns) && name.indexOf('/', ns.length()) < 0) {
          return name.substring(ns.length());
        }
      }
    }
    return name;
  }

  /** What the catalog knows of {@code ref}, or empty for an image it does not know. */
  public Optional<BaseImage> lookup(ImageReference ref) {
    ImageFamily fam = families.get(key(ref));
    if (fam == null) {
      return Optional.empty();
    }
    String tag = ref.tag() != null ? ref.tag().toLowerCase(Locale.ROOT) : ref.digest() != null ? null : "latest";
    return Optional.of(describe(fam, tag));
  }

  /** The facts of {@code fam} at {@code tag} (null: a digest without a tag, so the release is unknown). */
  public BaseImage describe(ImageFamily fam, String tag) {
    String shown = fam.name() + (tag == null ? "" : ":" + tag);
    if (fam.isDistroless() || fam.isChainguard()) {
      return minimal(fam, tag == null ? "latest" : tag, shown);
    }
    TagParts parts = TagParts.of(fam, tag);
    String distro = parts.distro != null ? parts.distro : defaultDistro(fam, parts.version);
    List<EolCatalog.Cycle> cycles = new ArrayList<>();
    String fixed = null;
    if (fam.eol().equals("past") || looksLikeDate(fam.eol())) {
      fixed = fam.eol();
    } else if (!fam.eol().equals("-") && parts.version != null && !fam.kind().equals("os")) {
      EolCatalog.get().cycleOfRelease(fam.eol(), parts.version).ifPresent(cycles::add);
    }
    if (distro != null) {
      cycle(distro).ifPresent(cycles::add);
    }
    String shell = ImageFamily.orNull(fam.shell());
    String pkg = ImageFamily.orNull(fam.packageManager());
    String user = fam.user();
    String nonRoot = ImageFamily.orNull(fam.nonRootUser());
    if (distro != null && distro.startsWith("alpine-linux:")) {
      shell = "sh";
      pkg = "apk";
    } else if (distro != null && (distro.startsWith("rhel:") || distro.startsWith("amazon-linux:"))) {
      pkg = distro.startsWith("rhel:") ? "microdnf" : distro.equals("amazon-linux:2") ? "yum" : "dnf";
    } else if (parts.variant.contains("azurelinux")) {
      pkg = "tdnf";
    }
    if (parts.variant.contains("chiseled") || parts.variant.contains("distroless")) {
      shell = null;
      pkg = null;
      user = nonRoot == null ? user : nonRoot.substring(nonRoot.indexOf(':') + 1);
      nonRoot = null;
    }
    return withEol(shown, fam, parts.version, parts.variant, distro, fixed, cycles, shell, pkg, user, nonRoot);
  }

  /** Distroless and Chainguard: the tag picks only the user and whether a shell is there. */
  private BaseImage minimal(ImageFamily fam, String tag, String shown) {
    String t = tag.replaceFirst("-(amd64|arm64|arm|s390x|ppc64le|riscv64)$", "");
    boolean debug = t.startsWith("debug") || t.endsWith("-dev") || fam.name().endsWith("/wolfi-base"); // wolfi-base is busybox and apk
    boolean nonroot = fam.isChainguard() || t.equals("nonroot") || t.equals("debug-nonroot");
    String shell = !debug ? null : fam.isChainguard() ? "sh" : "sh (busybox, /busybox/sh)";
    String pkg = debug && fam.isChainguard() ? "apk" : null;
    List<EolCatalog.Cycle> cycles = new ArrayList<>();
    String fixed = null;
    if (fam.eol().equals("past") || looksLikeDate(fam.eol())) {
      fixed = fam.eol();
    } else if (fam.eol().contains(":")) {
      cycle(fam.eol()).ifPresent(cycles::add);
    }
    String distro = ImageFamily.orNull(fam.distro());
    if (distro != null && !distro.equals(fam.eol())) {
      cycle(distro).ifPresent(cycles::add);
    }
    String version = fam.eol().contains(":") && !fam.eol().startsWith("debian:") ? fam.eol().substring(fam.eol().indexOf(':') + 1) : null;
    return withEol(shown, fam, version, t, distro, fixed, cycles, shell, pkg, nonroot ? "65532" : "root",
        nonroot ? null : "nonroot:65532");
  }

  private static BaseImage withEol(String shown, ImageFamily fam, String version, String variant, String distro, String fixed,
      List<EolCatalog.Cycle> cycles, String shell, String pkg, String user, String nonRoot) {
    String eol = fixed != null ? fixed : "-";
    String eolOf = fixed != null ? fam.name() : null;
    String lts = null;
    for (EolCatalog.Cycle c : cycles) {
      if (earlier(c.eolDate(), eol)) {
        eol = c.eolDate();
        eolOf = productName(c.product()) + " " + c.cycle();
        lts = c.lts() == null ? null : c.lts().toString();
      }
    }
    return new BaseImage(shown, fam, version, variant, distro == null ? null : distroName(distro), eol, eolOf, lts, shell, pkg, user, nonRoot);
  }

  /** Whether EOL value {@code a} comes before {@code b} ({@code past} first, {@code -} last). */
  private static boolean earlier(String a, String b) {
    if (a.equals(b) || a.equals("-")) {
      return false;
    }
    if (a.equals("past") || b.equals("-")) {
      return true;
    }
    return !b.equals("past") && a.compareTo(b) < 0;
  }

  private static boolean looksLikeDate(String s) {
    return s.length() == 10 && s.charAt(4) == '-' && Character.isDigit(s.charAt(0));
  }

  private static Optional<EolCatalog.Cycle> cycle(String productCycle) {
    int colon = productCycle.indexOf(':');
    return colon < 0 ? Optional.empty() : EolCatalog.get().cycleOfRelease(productCycle.substring(0, colon), productCycle.substring(colon + 1));
  }

  /** .NET 8 and 9 images are Debian 12 by default, .NET 10 Ubuntu 24.04. */
  private static String defaultDistro(ImageFamily fam, String version) {
    if (!fam.distro().equals("-")) {
      return fam.distro();
    }
    if (fam.eol().equals("dotnet") && version != null) {
      return TagParts.major(version) >= 10 ? "ubuntu:24.04" : "debian:12";
    }
    return null;
  }

  static String productName(String product) {
    return switch (product) {
      case "alpine-linux" -> "Alpine";
      case "debian" -> "Debian";
      case "ubuntu" -> "Ubuntu";
      case "python" -> "Python";
      case "nodejs" -> "Node.js";
      case "go" -> "Go";
      case "eclipse-temurin" -> "Temurin";
      case "amazon-corretto" -> "Corretto";
      case "amazon-linux" -> "Amazon Linux";
      case "rust" -> "Rust";
      case "dotnet" -> ".NET";
      case "nginx" -> "nginx";
      case "redis" -> "Redis";
      case "postgresql" -> "PostgreSQL";
      case "php" -> "PHP";
      case "ruby" -> "Ruby";
      case "rhel" -> "RHEL";
      case "azurelinux" -> "Azure Linux";
      default -> product;
    };
  }

  static String distroName(String distro) {
    int colon = distro.indexOf(':');
    String product = distro.substring(0, colon);
    String cycle = distro.substring(colon + 1);
    return product.equals("wolfi") ? "Wolfi (rolling)" : productName(product) + " " + cycle;
  }

  /**
   * The catalog's own choices that are past their end of life on {@code asOf}: each family's
   * {@code latest} and {@code newest} cycles, and the distroless/Chainguard images
   * {@link Recommender} recommends. Empty means the catalog's advice is still current.
   */
  public List<String> expiredChoices(LocalDate asOf) {
    List<String> out = new ArrayList<>();
    for (ImageFamily fam : families.values()) {
      for (String cycle : new String[] {fam.latest(), fam.newest()}) {
        if (cycle.equals("-")) {
          continue;
        }
        BaseImage b = describe(fam, cycle);
        String line = b.image() + " (" + b.eolOf() + " ended " + b.eol() + ")";
        if (b.isEndOfLife(asOf) && !out.contains(line)) {
          out.add(line);
        }
      }
    }
    for (String image : Recommender.recommendedMinimalImages()) {
      BaseImage b = describe(families.get(image.substring(0, image.lastIndexOf(':'))), image.substring(image.lastIndexOf(':') + 1));
      if (b.isEndOfLife(asOf)) {
        out.add(b.image() + " (" + b.eolOf() + " ended " + b.eol() + ")");
      }
    }
    return out;
  }

  /**
   * The specific tag to pin {@code ref} to, for BW-D002 ({@code latest} or no tag) and BW-D004 (a
   * major version or a bare variant): the newest release the EOL catalog knows of the same
   * major (for {@code latest}, of the cycle {@code latest} follows), with the variant kept. Empty
   * when the image is not in the catalog, its tags are not plain versions, or the tag is a channel
   * ({@code lts}, {@code stable}) whose release the catalog cannot tell.
   */
  public Optional<String> pinnedTag(ImageReference ref) {
    ImageFamily fam = families.get(key(ref));
    if (fam == null || fam.pin().equals("-") || !fam.isVersioned() || fam.latest().equals("-") || ref.digest() != null) {
      return Optional.empty();
    }
    String tag = ref.tag() == null ? "latest" : ref.tag();
    String cycle;
    String variant;
    java.util.regex.Matcher m = TagParts.MAJOR_ONLY.matcher(tag);
    if (tag.equals("latest")) {
      cycle = fam.latest();
      variant = "";
    } else if (m.matches()) {
      cycle = newestOfMajor(fam, m.group(1));
      variant = m.group(2) == null ? "" : m.group(2);
    } else if (fam.variants().contains(tag)) {
      cycle = fam.latest();
      variant = tag;
    } else {
      return Optional.empty();
    }
    if (cycle == null) {
      return Optional.empty();
    }
    String version = cycle;
    if (fam.pin().equals("codename")) {
      version = dev.bulwark.core.eol.EolCatalog.codenameOf(cycle); // buildpack-deps:trixie: its tags are release names
      if (version == null) {
        return Optional.empty();
      }
    } else if (fam.pin().equals("full")) {
      EolCatalog.Cycle c = EolCatalog.get().cycleOfRelease(fam.eol(), cycle).orElse(null);
      if (c == null || !c.latest().startsWith(cycle) || !c.latest().matches("\\d+(\\.\\d+)+")) {
        return Optional.empty();
      }
      version = c.latest();
    }
    return Optional.of(variant.isEmpty() ? version : version + "-" + variant);
  }

  /** The newest cycle of the family's EOL product within {@code major} (3: 3.14), or null. */
  private static String newestOfMajor(ImageFamily fam, String major) {
    String best = null;
    for (EolCatalog.Cycle c : EolCatalog.get().cyclesOf(fam.eol())) {
      String v = c.cycle();
      if ((v.equals(major) || v.startsWith(major + ".")) && v.matches("\\d+(\\.\\d+)*") && (best == null || compareVersions(v, best) > 0)) {
        best = v;
      }
    }
    return best;
  }

  static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      long p = i < x.length ? Long.parseLong(x[i]) : -1;
      long q = i < y.length ? Long.parseLong(y[i]) : -1;
      if (p != q) {
        return Long.compare(p, q);
      }
    }
    return 0;
  }
}
