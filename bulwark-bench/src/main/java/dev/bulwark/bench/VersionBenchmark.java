package dev.bulwark.bench;

import dev.bulwark.vuln.version.NpmSemver;
import dev.bulwark.vuln.version.VersionScheme;
import dev.bulwark.vuln.version.VersionSchemes;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One operation = 1,000 comparisons of typical version pairs of one scheme (the cost a matcher pays per package and
 * advisory range bound), and for npm 1,000 range checks. The pairs are generated from a fixed seed in each scheme's
 * everyday shapes (distro revisions, pre-releases, pseudo-versions…), so runs compare.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class VersionBenchmark {
  static final int PAIRS = 1000;

  @Param({"dpkg", "apk", "rpm", "pep440", "npm", "maven", "go-semver", "rubygems", "nuget", "semver"})
  public String scheme;

  VersionScheme s;
  String[] a;
  String[] b;
  String[] ranges;

  @Setup
  public void setup() {
    s = VersionSchemes.byName(scheme).orElseThrow();
    Random r = new Random(13);
    Function<Random, String> shape = shape(scheme);
    a = new String[PAIRS];
    b = new String[PAIRS];
    ranges = new String[PAIRS];
    String[] ops = {"^", "~", ">=", "<", ""};
    for (int i = 0; i < PAIRS; i++) {
      a[i] = shape.apply(r);
      b[i] = shape.apply(r);
      ranges[i] = ops[r.nextInt(ops.length)] + (1 + r.nextInt(3)) + "." + r.nextInt(20) + "." + r.nextInt(10)
          + (r.nextInt(4) == 0 ? " || >=" + (4 + r.nextInt(2)) + ".0.0 <" + (6 + r.nextInt(2)) + ".0.0" : "");
    }
  }

  /** Typical versions of each ecosystem. */
  static Function<Random, String> shape(String scheme) {
    return switch (scheme) {
      case "dpkg" -> r -> (r.nextInt(8) == 0 ? "1:" : "") + n(r, 3) + "." + n(r, 20) + "." + n(r, 30)
          + (r.nextInt(5) == 0 ? "~rc" + n(r, 3) : "") + (r.nextInt(3) == 0 ? "+dfsg" : "") + "-" + n(r, 5)
          + (r.nextInt(2) == 0 ? "ubuntu" + n(r, 3) + "." + n(r, 9) : "+deb12u" + n(r, 12));
      case "apk" -> r -> n(r, 3) + "." + n(r, 20) + "." + n(r, 30) + pick(r, "", "", "_rc" + n(r, 4), "_p" + n(r, 9), "_git2024" + n(r, 9))
          + "-r" + n(r, 20);
      case "rpm" -> r -> (r.nextInt(8) == 0 ? "1:" : "") + n(r, 3) + "." + n(r, 20) + "." + n(r, 30) + "-" + n(r, 300) + ".el"
          + (8 + r.nextInt(2)) + "_" + n(r, 6);
      case "pep440" -> r -> n(r, 3) + "." + n(r, 30) + "." + n(r, 10)
          + pick(r, "", "", "rc" + n(r, 3), "b" + n(r, 3), ".post" + n(r, 3), ".dev" + n(r, 5), "+local." + n(r, 3));
      case "npm", "semver" -> r -> n(r, 3) + "." + n(r, 20) + "." + n(r, 30)
          + pick(r, "", "", "", "-beta." + n(r, 5), "-rc." + n(r, 3), "+build." + n(r, 99));
      case "maven" -> r -> n(r, 3) + "." + n(r, 20) + "." + n(r, 30) + pick(r, "", "", ".Final", "-SNAPSHOT", "-M" + n(r, 4), "-rc" + n(r, 3));
      case "go-semver" -> r -> r.nextInt(4) == 0
          ? "v0.0.0-2024" + String.format("%02d%02d%06d", 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(240000)) + "-abcdef" + n(r, 999999)
          : "v" + n(r, 3) + "." + n(r, 20) + "." + n(r, 30) + pick(r, "", "", "+incompatible", "-rc." + n(r, 3));
      case "rubygems" -> r -> n(r, 8) + "." + n(r, 20) + "." + n(r, 30) + pick(r, "", "", ".rc" + n(r, 3), ".pre", "." + n(r, 9));
      case "nuget" -> r -> n(r, 9) + "." + n(r, 20) + "." + n(r, 30) + pick(r, "", "", ".1", "-preview." + n(r, 9) + "." + n(r, 99999));
      default -> throw new IllegalArgumentException(scheme);
    };
  }

  private static String n(Random r, int bound) {
    return Integer.toString(r.nextInt(bound + 1));
  }

  private static String pick(Random r, String... options) {
    return options[r.nextInt(options.length)];
  }

  @Benchmark
  public void compareThousandPairs(Blackhole bh) {
    for (int i = 0; i < PAIRS; i++) bh.consume(s.compare(a[i], b[i]));
  }

  @Benchmark
  public void npmThousandRangeChecks(Blackhole bh) {
    if (!scheme.equals("npm")) return;
    for (int i = 0; i < PAIRS; i++) bh.consume(NpmSemver.STRICT.satisfies(a[i], ranges[i]));
  }
}
