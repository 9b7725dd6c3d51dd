package dev.bulwark.image.analyzer;

import dev.bulwark.sbom.Package;
import java.util.List;

/**
 * What analysis found, and the gaps: package databases present in the image that could not be
 * read, so a reader knows the list is incomplete rather than trusting a silently short one.
 */
public record Findings(List<Package> packages, List<String> gaps) {
  public static final Findings NONE = new Findings(List.of(), List.of());

  public Findings {
    packages = List.copyOf(packages);
    gaps = List.copyOf(gaps);
  }

  public static Findings of(List<Package> packages) {
    return new Findings(packages, List.of());
  }
}
