package dev.bulwark.scan.compare;

import dev.bulwark.core.Severity;
import dev.bulwark.sbom.Ecosystem;
import java.util.List;
import java.util.Map;

/**
 * How an image differs from the one it is compared to ({@code bulwark compare IMAGE --to BASELINE}): everything is
 * said from the baseline ({@code from}) to the image ({@code to}), as a pull request changes an image.
 *
 * @param vulns the vulnerability changes, or null when either image was not checked against a database
 */
public record Comparison(ImageSummary from, ImageSummary to, List<PackageChange> packages, VulnDelta vulns, List<FieldChange> fields, Sizes size,
    LayerDelta layers) {

  public Comparison {
    packages = List.copyOf(packages);
    fields = List.copyOf(fields);
  }

  /** What happened to a package (by ecosystem and name). */
  public enum Change {
    ADDED, REMOVED, UPGRADED, DOWNGRADED, CHANGED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A package added, removed or at another version: its versions before and after (empty when it is not there; more than
   * one when several copies are installed, as npm nests them).
   */
  public record PackageChange(Change change, Ecosystem ecosystem, String name, List<String> fromVersions, List<String> toVersions) {
    public PackageChange {
      fromVersions = List.copyOf(fromVersions);
      toVersions = List.copyOf(toVersions);
    }
  }

  /**
   * The vulnerabilities the image no longer has ({@code fixed}) and the ones it has that the baseline did not
   * ({@code introduced}), with the counts per severity before and after.
   */
  public record VulnDelta(List<ImageSummary.Vuln> fixed, List<ImageSummary.Vuln> introduced, Map<Severity, Integer> before,
      Map<Severity, Integer> after) {
    public VulnDelta {
      fixed = List.copyOf(fixed);
      introduced = List.copyOf(introduced);
      before = Map.copyOf(before);
      after = Map.copyOf(after);
    }

    /** How many of {@code list} are rated {@code s}. */
    public static int count(List<ImageSummary.Vuln> list, Severity s) {
      return (int) list.stream().filter(v -> v.severity() == s).count();
    }
  }

  /** A setting of both images (user, entrypoint, base image…) as each has it; {@code null} where one has none. */
  public record FieldChange(String field, String from, String to) {
    public boolean changed() {
      return !java.util.Objects.equals(from, to);
    }
  }

  /** Both images' sizes, compressed (as pulled) and unpacked. */
  public record Sizes(long fromCompressed, long toCompressed, long fromUncompressed, long toUncompressed) {}

  /**
   * Layers: how many bottom layers the images share (the same content in the same place: a common base), and the
   * layers above those that only the baseline or only the image has.
   */
  public record LayerDelta(int shared, List<ImageSummary.Layer> removed, List<ImageSummary.Layer> added) {
    public LayerDelta {
      removed = List.copyOf(removed);
      added = List.copyOf(added);
    }
  }

  /** True when the image has a vulnerability the baseline did not: what {@code --exit-on vulns-increased} fails on. */
  public boolean vulnsIncreased() {
    return vulns != null && !vulns.introduced().isEmpty();
  }

  /** The package changes of one kind. */
  public List<PackageChange> packages(Change kind) {
    return packages.stream().filter(p -> p.change() == kind).toList();
  }
}
