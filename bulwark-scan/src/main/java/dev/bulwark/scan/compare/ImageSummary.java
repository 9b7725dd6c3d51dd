package dev.bulwark.scan.compare;

import dev.bulwark.core.Severity;
import dev.bulwark.sbom.Package;
import java.util.List;

/**
 * What {@code bulwark compare} knows of one image: its name, OS and platform, its runtime settings, where it says it
 * was built from, its layers, its packages and (when a vulnerability database was given) its vulnerabilities.
 *
 * @param baseName the base image the image records ({@code org.opencontainers.image.base.name}), or null
 * @param baseDigest the base image's digest it records ({@code org.opencontainers.image.base.digest}), or null
 * @param vulns the vulnerabilities found, or null when there was no database to look them up in
 */
public record ImageSummary(String name, String os, String platform, String user, List<String> entrypoint, List<String> cmd,
    List<String> exposedPorts, String baseName, String baseDigest, List<Layer> layers, List<Package> packages, List<Vuln> vulns) {

  public ImageSummary {
    entrypoint = List.copyOf(entrypoint);
    cmd = List.copyOf(cmd);
    exposedPorts = List.copyOf(exposedPorts);
    layers = List.copyOf(layers);
    packages = List.copyOf(packages);
    vulns = vulns == null ? null : List.copyOf(vulns);
  }

  /** One layer: the digest of its content (diff_id) and its size as pulled (compressed) and unpacked. */
  public record Layer(String diffId, long compressedBytes, long uncompressedBytes, String createdBy) {
    /** A layer whose history names no command. */
    public Layer(String diffId, long compressedBytes, long uncompressedBytes) {
      this(diffId, compressedBytes, uncompressedBytes, null);
    }
  }

  /**
   * One vulnerability of one package: its id (a CVE when there is one) and other ids, rating, the package it is
   * reported on (the source package for OS packages), the version installed, and the fix (null: none known).
   */
  public record Vuln(String id, List<String> aliases, Severity severity, String pkg, String version, String fixed) {
    public Vuln {
      aliases = List.copyOf(aliases);
    }
  }

  /** The layers' sizes added up: what a pull downloads. */
  public long compressedBytes() {
    return layers.stream().mapToLong(Layer::compressedBytes).sum();
  }

  /** The layers' unpacked sizes added up: what the image takes on disk. */
  public long uncompressedBytes() {
    return layers.stream().mapToLong(Layer::uncompressedBytes).sum();
  }
}
