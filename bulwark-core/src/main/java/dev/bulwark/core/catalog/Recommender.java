package dev.bulwark.core.catalog;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Base-image advice as {@code docker scout recommendations} gives it, from the catalog alone:
 * for one base, the newer supported tag of the same image and variant, its slim variant, the
 * matching distroless and Chainguard images, and the one to use with a one-line reason. A final
 * stage is what ships, so it is steered to a minimal non-root image; a build stage only needs a
 * supported toolchain.
 */
public final class Recommender {
  private static final String DISTROLESS = "gcr.io/distroless/";
  private static final String CHAINGUARD = "cgr.dev/chainguard/";
  private static final String[] OLD_DEBIAN = {"buster", "bullseye", "bookworm"};

  private final BaseImageCatalog catalog;
  private final LocalDate asOf;

  public Recommender(BaseImageCatalog catalog, LocalDate asOf) {
    this.catalog = catalog;
    this.asOf = asOf;
  }

  /** One alternative: {@code kind} is current, newer, slim, distroless or chainguard. */
  public record Alternative(String kind, BaseImage image) {}

  /** The advice for one base: the alternatives (the current image first) and the pick. */
  public record Recommendation(BaseImage current, List<Alternative> alternatives, Alternative recommended, String why) {
    public Recommendation {
      alternatives = List.copyOf(alternatives);
    }
  }

  /** The distroless and Chainguard images the advice points to (a test checks none is past its EOL). */
  static List<String> recommendedMinimalImages() {
    return List.of(DISTROLESS + "static-debian13:nonroot", DISTROLESS + "base-debian13:nonroot", DISTROLESS + "cc-debian13:nonroot",
        DISTROLESS + "python3-debian13:nonroot", DISTROLESS + "java25-debian13:nonroot", DISTROLESS + "nodejs26-debian13:nonroot",
        DISTROLESS + "nodejs24-debian13:nonroot", DISTROLESS + "java21-debian13:nonroot");
  }

  /** Advice for {@code current}; {@code finalStage} when it is the stage that ships (an image given alone is). */
  public Recommendation recommend(BaseImage current, boolean finalStage) {
    return recommend(current, finalStage, null);
  }

  /**
   * Advice for {@code current}, where {@code builtWith} is the base of a build stage the final
   * stage copies from (null: none known): a Go binary copied onto {@code alpine} ships best on
   * distroless static, which the OS image alone cannot tell.
   */
  public Recommendation recommend(BaseImage current, boolean finalStage, BaseImage builtWith) {
    ImageFamily fam = current.family();
    List<Alternative> alts = new ArrayList<>();
    alts.add(new Alternative("current", current));
    Alternative newer = newer(current);
    add(alts, newer);
    Alternative slim = slim(current, newer);
    add(alts, slim);
    BaseImage app = finalStage && fam.runtime().equals("os") && builtWith != null && !builtWith.family().runtime().equals("os") ? builtWith : current;
    Alternative distroless = finalStage || fam.isDistroless() ? distroless(app) : null; // a build stage needs its toolchain
    add(alts, distroless);
    Alternative chainguard = chainguard(app, finalStage);
    add(alts, chainguard);

    boolean outdated = current.isEndOfLife(asOf) || (current.version() == null && fam.isVersioned());
    // a shell-less non-root tag (dotnet's chiseled and distroless variants) is minimal already: keep its variant
    boolean minimalTag = current.shell() == null && current.runsAsNonRoot() && fam.isVersioned();
    Alternative pick;
    String why;
    if (minimalTag && !outdated && !current.status(asOf).equals("LTS only")) {
      pick = alts.getFirst();
      why = "already a minimal image running as " + current.user() + ", supported " + until(current);
    } else if (minimalTag && newer != null) {
      pick = newer;
      why = "the same minimal variant on a supported release: " + until(newer.image());
    } else if (finalStage && !fam.isDistroless() && !fam.isChainguard() && distroless != null) {
      pick = distroless;
      why = "this stage ships: no shell or package manager, runs as " + distroless.image().user() + ", supported "
          + until(distroless.image()) + runtimeNote(app.family());
    } else if (fam.isDistroless() || fam.isChainguard()) {
      pick = distroless != null ? distroless : chainguard != null ? chainguard : alts.getFirst();
      if (pick.image().image().equals(current.image())) {
        pick = alts.getFirst();
      }
      if (pick == alts.getFirst()) {
        why = "already a minimal image" + (current.runsAsNonRoot() ? " running as " + current.user() : "") + ", supported " + until(current);
      } else {
        why = (current.isEndOfLife(asOf) ? "the same image on a supported release" : "the same image")
            + (pick.image().runsAsNonRoot() && !current.runsAsNonRoot() ? ", running as " + pick.image().user() + " instead of root" : "")
            + (pick.image().shell() == null && current.shell() != null ? ", without the debug shell" : "");
      }
    } else if (newer != null && current.status(asOf).equals("LTS only")) {
      pick = newer;
      why = current.eolOf() + " gets only LTS updates (until " + current.ltsUntil() + "); this is supported " + until(newer.image());
    } else if (outdated && newer != null) {
      pick = newer;
      why = (current.version() == null ? "the tag names no release" : fam.eol().equals("past") ? fam.note()
          : current.eolOf() + " is past its end of life (" + current.eol() + ")") + "; this is supported " + until(newer.image());
    } else if (outdated) {
      pick = alts.getFirst();
      why = (current.version() == null ? "the tag names no release" : "past its end of life") + " and the catalog has no supported tag of it to suggest";
    } else if (newer != null && !current.eol().equals("-") && !current.eol().equals("past")
        && LocalDate.parse(current.eol()).isBefore(asOf.plusMonths(6))) {
      pick = newer;
      why = current.eolOf() + " reaches its end of life on " + current.eol() + ", within six months; this is supported " + until(newer.image());
    } else {
      pick = alts.getFirst();
      why = (finalStage ? "" : "a build stage (what ships is the final stage): ") + "supported " + until(current)
          + (newer != null ? (current.image().endsWith(":latest") || current.version() == null ? "; pin the tag: " : "; move to ")
          + newer.image().image() + (current.image().endsWith(":latest") ? "" : " when you can") : "");
    }
    return new Recommendation(current, alts, pick, why);
  }

  private static void add(List<Alternative> alts, Alternative a) {
    if (a == null) {
      return;
    }
    for (Alternative b : alts) {
      if (b.image().image().equals(a.image().image())) {
        return;
      }
    }
    alts.add(a);
  }

  private String until(BaseImage b) {
    if (b.eol().equals("-")) {
      return "with no end announced" + (b.distro() != null && b.distro().startsWith("Wolfi") ? " (rolling)" : "");
    }
    return b.isEndOfLife(asOf) ? "no longer (ended " + b.eol() + ")" : "until " + b.eol() + (b.eolOf() != null ? " (" + b.eolOf() + ")" : "");
  }

  private static String runtimeNote(ImageFamily fam) {
    return switch (fam.runtime()) {
      case "go" -> "; build with CGO_ENABLED=0 in a golang stage (a cgo binary needs base-debian13)";
      case "rust" -> "; build with cargo in a rust stage and copy the binary";
      case "python" -> "; build the virtualenv in python:3.13-slim-trixie (the same Python 3.13) and copy it";
      case "node" -> "; install with npm ci --omit=dev in a node stage and copy the app";
      case "java" -> "; build the jar in a JDK stage and copy it";
      case "dotnet" -> "; publish in the sdk stage and copy the output";
      default -> "";
    };
  }

  /** The newest supported release of the same image, in the same variant (with a current distribution). */
  private Alternative newer(BaseImage current) {
    ImageFamily fam = current.family();
    if (fam.isDistroless()) {
      return null;
    }
    if (fam.name().equals("openjdk")) {
      // deprecated: its successor, in the same Java release when that is still supported
      ImageFamily temurin = catalog.family("eclipse-temurin").orElseThrow();
      String major = current.version() == null ? temurin.newest() : String.valueOf(TagParts.major(current.version()));
      String variant = current.variant().contains("jre") ? "jre" : "jdk";
      BaseImage b = catalog.describe(temurin, major + "-" + variant);
      if (b.isEndOfLife(asOf) || b.version() == null || b.eolOf() == null) {
        b = catalog.describe(temurin, temurin.newest() + "-" + variant);
      }
      return new Alternative("newer", b);
    }
    if (!fam.isVersioned() || fam.newest().equals("-")) {
      return null;
    }
    if (current.version() == null && !current.variant().isEmpty() && !fam.variants().contains(current.variant())
        && TagParts.distroOf(fam, current.variant()) == null) {
      return null; // buildpack-deps:sid-scm: neither the release nor the variant is one the catalog can move
    }
    String variant = modernVariant(fam, current.variant());
    if (fam.kind().equals("os") && !fam.eol().equals("ubuntu") && current.distro() != null && current.distro().startsWith("Ubuntu")) {
      // buildpack-deps:jammy-curl stays on Ubuntu: its newest LTS, by codename
      String cycle = catalog.family("ubuntu").map(ImageFamily::newest).orElse(null);
      String codename = cycle == null ? null : dev.bulwark.core.eol.EolCatalog.codenameOf(cycle);
      if (codename == null || current.version() != null && sameCycle(current.version(), cycle)) {
        return null;
      }
      BaseImage b = catalog.describe(fam, codename + (variant.isEmpty() ? "" : "-" + variant));
      return b.isEndOfLife(asOf) ? null : new Alternative("newer", b);
    }
    BaseImage b = catalog.describe(fam, tagOf(fam, fam.newest(), variant));
    boolean sameCycle = current.version() != null && sameCycle(current.version(), fam.newest());
    if (sameCycle && variant.equals(current.variant()) && !current.isEndOfLife(asOf) && !current.image().endsWith(":latest")) {
      return null;
    }
    return b.isEndOfLife(asOf) ? null : new Alternative("newer", b);
  }

  private static boolean sameCycle(String version, String cycle) {
    return version.equals(cycle) || version.startsWith(cycle + ".");
  }

  /** The slim variant of the newest release, when the image has one and the current tag is not slim already. */
  private Alternative slim(BaseImage current, Alternative newer) {
    ImageFamily fam = current.family();
    if (!fam.isVersioned() || current.variant().contains("slim") || fam.newest().equals("-")) {
      return null;
    }
    String base = modernVariant(fam, current.variant());
    String variant = null;
    if (fam.runtime().equals("java")) {
      variant = base.contains("jre") ? null : base.isEmpty() || base.equals("jdk") ? "jre" : base.replace("jdk", "jre");
    } else {
      for (String v : new String[] {base.isEmpty() ? "slim" : base + "-slim", "slim-" + base}) {
        if (fam.variants().contains(v)) {
          variant = v;
          break;
        }
      }
    }
    if (variant == null || !(fam.variants().contains(variant) || variant.equals("jre"))) {
      return null;
    }
    String version = newer != null ? fam.newest() : current.version() != null ? current.version() : fam.newest();
    BaseImage b = catalog.describe(fam, tagOf(fam, version, variant));
    return b.isEndOfLife(asOf) ? null : new Alternative("slim", b);
  }

  /** Old Debian codenames and Alpine releases in a variant moved to the current ones the image publishes. */
  private String modernVariant(ImageFamily fam, String variant) {
    String out = variant;
    for (String old : OLD_DEBIAN) {
      String moved = out.replace(old, "trixie");
      if (!moved.equals(out) && fam.variants().contains(moved)) {
        out = moved;
      }
    }
    String jammy = out.replace("jammy", "noble");
    if (!jammy.equals(out) && fam.variants().contains(jammy)) {
      out = jammy;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("alpine3\\.\\d+").matcher(out);
    if (m.find()) {
      String alpine = catalog.family("alpine").map(ImageFamily::newest).orElse("3.24");
      String moved = out.replace(m.group(), "alpine" + alpine);
      out = fam.variants().contains(moved) ? moved : out.replace(m.group(), "alpine");
    }
    if (!out.isEmpty() && !fam.variants().contains(out) && !out.equals(variant)) {
      return variant;
    }
    return out;
  }

  /**
   * The tag to name a release by: the cycle when it is major.minor ({@code 3.14}), else the EOL
   * catalog's full release when the image publishes those ({@code node:26.7.0}), so the advice is
   * a tag BW-D004 would not flag.
   */
  static String tagOf(ImageFamily fam, String cycle, String variant) {
    String version = cycle;
    if (cycle.indexOf('.') < 0 && fam.pin().equals("full")) {
      version = dev.bulwark.core.eol.EolCatalog.get().cycleOfRelease(fam.eol(), cycle).map(c -> c.latest()).filter(l -> l.matches("\\d+(\\.\\d+)+"))
          .orElse(cycle);
    }
    if (fam.kind().equals("os") && fam.eol().equals("debian")) { // debian, buildpack-deps: tags are codenames
      String codename = debianCodename(cycle);
      if (codename != null) {
        return codename + (variant.isEmpty() ? "" : "-" + variant);
      }
    }
    return variant.isEmpty() ? version : version + "-" + variant;
  }

  private static String debianCodename(String cycle) {
    for (String c : new String[] {"bookworm", "trixie", "forky"}) {
      if (cycle.equals(dev.bulwark.core.eol.EolCatalog.codenameVersion(c))) {
        return c;
      }
    }
    return null;
  }

  private Alternative distroless(BaseImage current) {
    ImageFamily fam = current.family();
    String name;
    if (fam.isDistroless()) {
      name = fam.name().replace("-debian12", "-debian13");
      if (catalog.family(name).isEmpty()) {
        name = fam.name();
      }
      return minimal("distroless", name, "nonroot");
    }
    if (fam.isChainguard()) {
      return null;
    }
    String version = current.version();
    switch (fam.runtime()) {
      case "go", "static" -> name = "static-debian13";
      case "rust", "cc" -> name = fam.eol().equals("dotnet") ? null : "cc-debian13";
      case "python" -> name = "python3-debian13";
      case "node" -> name = matching("nodejs", version, new String[] {"26", "24", "22"});
      case "java" -> name = matching("java", version, new String[] {"25", "21", "17"});
      case "dotnet" -> {
        String image = fam.name().endsWith("/sdk") ? "mcr.microsoft.com/dotnet/aspnet" : fam.name();
        ImageFamily target = catalog.family(image).orElse(fam);
        String v = version != null && !current.isEndOfLife(asOf) ? version : target.newest();
        BaseImage b = catalog.describe(target, v + "-noble-chiseled");
        return b.isEndOfLife(asOf) ? null : new Alternative("distroless", b);
      }
      default -> name = null;
    }
    if (fam.eol().equals("dotnet") && fam.runtime().equals("cc")) {
      BaseImage b = catalog.describe(fam, (version != null ? version : fam.newest()) + "-noble-chiseled");
      return b.isEndOfLife(asOf) ? null : new Alternative("distroless", b);
    }
    return name == null ? null : minimal("distroless", DISTROLESS + name, "nonroot");
  }

  /** {@code prefix}+the current major when distroless builds it and it is supported, else the newest. */
  private String matching(String prefix, String version, String[] majors) {
    if (version != null) {
      String major = String.valueOf(TagParts.major(version));
      for (String m : majors) {
        if (m.equals(major)) {
          String name = prefix + m + "-debian13";
          BaseImage b = catalog.describe(catalog.family(DISTROLESS + name).orElseThrow(), "nonroot");
          if (!b.isEndOfLife(asOf)) {
            return name;
          }
        }
      }
    }
    return prefix + majors[0] + "-debian13";
  }

  private Alternative chainguard(BaseImage current, boolean finalStage) {
    ImageFamily fam = current.family();
    String name = switch (fam.runtime()) {
      case "go" -> finalStage ? "static" : "go";
      case "rust" -> finalStage ? "glibc-dynamic" : "rust";
      case "python" -> "python";
      case "node" -> "node";
      case "java" -> finalStage ? "jre" : "jdk";
      case "dotnet" -> finalStage ? (fam.name().endsWith("/aspnet") ? "aspnet-runtime" : "dotnet-runtime") : "dotnet-sdk";
      case "cc" -> "glibc-dynamic";
      case "static" -> "static";
      case "server" -> fam.name().equals("nginx") ? "nginx" : null;
      case "os" -> "wolfi-base";
      default -> null;
    };
    if (fam.isChainguard()) {
      name = fam.name().substring(CHAINGUARD.length());
    }
    if (name == null) {
      return null;
    }
    boolean dev = !finalStage && !name.equals("wolfi-base");
    return minimal("chainguard", CHAINGUARD + name, dev && !name.equals("static") && !name.equals("glibc-dynamic") ? "latest-dev" : "latest");
  }

  private Alternative minimal(String kind, String name, String tag) {
    return catalog.family(name).map(f -> new Alternative(kind, catalog.describe(f, tag))).filter(a -> !a.image().isEndOfLife(asOf))
        .orElse(null);
  }
}
