package dev.bulwark.core;

import java.util.List;
import java.util.Objects;

/**
 * What a vulnerability finding is about, as the values Trivy's and Scout's tables show: the package it is reported on
 * (an OS package's source package, a language package's name), the version installed, the version that fixes it (null:
 * none is known), the vendor's word on a missing fix (Debian's {@code no-dsa}, {@code postponed}…; null otherwise), the
 * installed packages it is in (an OS source package's binaries, in the order found), the image layer the first of them came
 * in (-1: not from an image) and whether that layer is the base image's.
 */
public record VulnerablePackage(String name, String installed, String fixedIn, String note, List<String> binaries, int layer, Origin origin) {

  /** Where the package came from: the base image's layers, a layer built on top of them, or not known (an SBOM file, no base given). */
  public enum Origin {
    BASE, ADDED, UNKNOWN
  }

  public VulnerablePackage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(installed, "installed");
    Objects.requireNonNull(origin, "origin");
    binaries = List.copyOf(binaries);
  }
}
