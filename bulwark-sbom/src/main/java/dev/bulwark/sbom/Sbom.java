package dev.bulwark.sbom;

import java.util.List;

/**
 * A software bill of materials: what it describes (an image name, its layout and architecture,
 * null when unknown), its OS (null when unknown), the packages, and the gaps — package databases
 * that were found but could not be read, so a reader knows the list is incomplete rather than
 * trusting a silently short one.
 */
public record Sbom(String name, String format, String architecture, OperatingSystem os, List<Package> packages, List<String> gaps) {

  public Sbom {
    packages = List.copyOf(packages);
    gaps = List.copyOf(gaps);
  }
}
