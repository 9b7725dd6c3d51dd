package dev.bulwark.guide;

import dev.bulwark.core.Severity;
import dev.bulwark.guide.GradeFacts.BaseStatus;
import dev.bulwark.guide.GradeFacts.Pin;
import dev.bulwark.guide.GradeFacts.Surface;
import java.util.ArrayList;
import java.util.List;

/**
 * The security grade, A+ to F: a documented, deterministic score in the manner of Docker Scout's
 * health score (checks with points; the score is the points earned over the points of the checks
 * that could be measured), then caps that keep a letter honest whatever the points say.
 *
 * <p>Letters as Scout's: A above 90 %, B 71–90, C 51–70, D 31–50, E 11–30, F 10 or less. A+ is an
 * A at 100 % with the built image scanned with a database: a Dockerfile alone never gets it.
 * Caps: a critical finding or vulnerability → at most D; a root application container or an
 * end-of-life base → at most C; a high finding or vulnerability → at most B. A base, toolchain,
 * development or fixture image is not graded on its user or its tools (not counted).
 */
public final class Grade {
  private Grade() {}

  /** One check: its points, what it earned (0 … points), or null when it could not be measured. */
  public record Check(String id, String title, int points, Integer earned, String why) {
    public boolean measured() {
      return earned != null;
    }
  }

  /** A cap applied: the best letter allowed and why. */
  public record Cap(String letter, String why) {}

  /** The grade: letter, score in percent (floor), the checks and the caps that applied. */
  public record Result(String letter, int score, List<Check> checks, List<Cap> caps, boolean imageMeasured) {
    public Result {
      checks = List.copyOf(checks);
      caps = List.copyOf(caps);
    }

    public int earned() {
      return checks.stream().filter(Check::measured).mapToInt(Check::earned).sum();
    }

    public int possible() {
      return checks.stream().filter(Check::measured).mapToInt(Check::points).sum();
    }
  }

  private static final List<String> LETTERS = List.of("A+", "A", "B", "C", "D", "E", "F");

  public static Result of(GradeFacts f) {
    List<Check> checks = new ArrayList<>();
    int critical = f.count(Severity.CRITICAL);
    int high = f.count(Severity.HIGH);
    int medium = f.count(Severity.MEDIUM);
    checks.add(new Check("no-critical-high-findings", "No critical or high findings", 20, critical + high == 0 ? 20 : 0,
        critical + high == 0 ? "none" : critical + " critical, " + high + " high"));
    checks.add(new Check("no-medium-findings", "No medium findings", 5, medium == 0 ? 5 : 0, medium == 0 ? "none" : medium + " medium"));
    boolean root = f.application() && f.rootRuntime();
    checks.add(f.application() ? new Check("non-root", "Runs as a non-root user", 10, root ? 0 : 10,
        root ? "the final stage runs as root" : "the final stage runs as a non-root user")
        : new Check("non-root", "Runs as a non-root user", 10, null, "not an application image: whoever runs it sets the user; not counted"));
    checks.add(switch (f.base()) {
      case SUPPORTED -> new Check("supported-base", "Supported base image", 15, 15, "supported by its maintainers");
      case SCRATCH -> new Check("supported-base", "Supported base image", 15, 15, "scratch: nothing to support");
      case LTS_ONLY -> new Check("supported-base", "Supported base image", 15, 7, "past regular support, LTS updates only");
      case END_OF_LIFE -> new Check("supported-base", "Supported base image", 15, 0, "end of life: no more security updates");
      case UNKNOWN -> new Check("supported-base", "Supported base image", 15, null, "not in Bulwark's catalog: not counted");
    });
    checks.add(switch (f.pin()) {
      case DIGEST -> new Check("pinned-base", "Pinned base image", 10, 10, "pinned by digest");
      case VERSION -> new Check("pinned-base", "Pinned base image", 10, 7, "pinned to a release tag (a digest earns the rest)");
      case MOVING -> new Check("pinned-base", "Pinned base image", 10, 0, "a moving tag: builds change under you");
    });
    checks.add(!f.application() ? new Check("minimal-runtime", "Minimal runtime", 10, null,
        "not an application image: its tools are what it is for; not counted") : switch (f.surface()) {
      case NONE -> new Check("minimal-runtime", "Minimal runtime", 10, 10, "no shell and no package manager");
      case MINIMAL -> new Check("minimal-runtime", "Minimal runtime", 10, 5, "build tools kept out, but a shell and package manager remain");
      case FULL -> new Check("minimal-runtime", "Minimal runtime", 10, 0, "build tools in the final image");
    });
    checks.add(new Check("build-context", "Build context guarded", 5, f.contextGuarded() ? 5 : 0,
        f.contextGuarded() ? "a .dockerignore, or no whole-context copy" : "the whole context is copied without a .dockerignore"));
    if (f.image().isPresent()) {
      GradeFacts.ImageVulns v = f.image().get();
      checks.add(new Check("no-fixable-critical-high-cves", "No fixable critical or high vulnerabilities", 20,
          v.fixableCriticalOrHigh() == 0 ? 20 : 0, v.fixableCriticalOrHigh() == 0 ? "none" : v.fixableCriticalOrHigh() + " with a fix"));
      checks.add(new Check("no-high-profile-cves", "No high-profile vulnerabilities", 10, v.highProfile().isEmpty() ? 10 : 0,
          v.highProfile().isEmpty() ? "none" : String.join(", ", v.highProfile())));
    } else {
      checks.add(new Check("no-fixable-critical-high-cves", "No fixable critical or high vulnerabilities", 20, null,
          "no built image scanned with a database: not counted"));
      checks.add(new Check("no-high-profile-cves", "No high-profile vulnerabilities", 10, null,
          "no built image scanned with a database: not counted"));
    }
    int possible = checks.stream().filter(Check::measured).mapToInt(Check::points).sum();
    int earned = checks.stream().filter(Check::measured).mapToInt(Check::earned).sum();
    int score = possible == 0 ? 0 : earned * 100 / possible;
    String letter = letter(score);
    if (letter.equals("A") && score == 100 && f.image().isPresent()) {
      letter = "A+";
    }
    List<Cap> caps = new ArrayList<>();
    int criticalAll = critical + f.image().map(v -> v.count(Severity.CRITICAL)).orElse(0);
    int highAll = high + f.image().map(v -> v.count(Severity.HIGH)).orElse(0);
    if (criticalAll > 0) {
      caps.add(new Cap("D", "a critical finding or vulnerability"));
    }
    if (root) {
      caps.add(new Cap("C", "the application container runs as root"));
    }
    if (f.base() == BaseStatus.END_OF_LIFE) {
      caps.add(new Cap("C", "the base image is past its end of life"));
    }
    if (highAll > 0) {
      caps.add(new Cap("B", "a high finding or vulnerability"));
    }
    // Every cap below the points' letter is listed (the reader sees each reason); the worst one decides.
    String uncapped = letter;
    List<Cap> applied = new ArrayList<>();
    for (Cap c : caps) {
      if (LETTERS.indexOf(c.letter()) > LETTERS.indexOf(uncapped)) {
        applied.add(c);
        if (LETTERS.indexOf(c.letter()) > LETTERS.indexOf(letter)) {
          letter = c.letter();
        }
      }
    }
    return new Result(letter, score, checks, applied, f.image().isPresent());
  }

  /** Scout's bands on a floor percentage. */
  static String letter(int score) {
    if (score > 90) {
      return "A";
    } else if (score > 70) {
      return "B";
    } else if (score > 50) {
      return "C";
    } else if (score > 30) {
      return "D";
    } else if (score > 10) {
      return "E";
    }
    return "F";
  }

  /** Scout's badge colours: A/B green, C yellow, D orange, E/F red. */
  public static String colour(String letter) {
    return switch (letter) {
      case "A+", "A", "B" -> "#2e7d32";
      case "C" -> "#f9a825";
      case "D" -> "#ef6c00";
      default -> "#c62828";
    };
  }

  /** A README badge: a self-contained SVG showing the letter. */
  public static String badge(Result r) {
    String colour = colour(r.letter());
    return """
        <svg xmlns="http://www.w3.org/2000/svg" width="132" height="20" role="img" aria-label="bulwark grade: %1$s">
          <title>bulwark grade: %1$s (%2$d%%)</title>
          <rect width="92" height="20" fill="#555"/>
          <rect x="92" width="40" height="20" fill="%3$s"/>
          <g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">
            <text x="46" y="14">bulwark grade</text>
            <text x="112" y="14">%1$s</text>
          </g>
        </svg>
        """.formatted(r.letter(), r.score(), colour);
  }
}
