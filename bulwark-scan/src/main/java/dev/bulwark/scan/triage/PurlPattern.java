package dev.bulwark.scan.triage;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import dev.bulwark.sbom.Package;
import java.util.Map;
import java.util.Objects;

/**
 * A package URL a VEX statement or an ignore entry names, matched as Trivy matches VEX products: type, namespace and name
 * equal (as packageurl-java normalises them: PyPI names lower-cased, and so on); the version only when the pattern has
 * one; qualifiers only those the pattern has. An OS package also matches by its source package (name and version),
 * which its advisories are about: {@code pkg:deb/debian/openssl} covers {@code libssl3} built from openssl.
 */
public record PurlPattern(PackageURL purl) {
  public PurlPattern {
    Objects.requireNonNull(purl, "purl");
  }

  /** The pattern, or an exception whose message says what is wrong with {@code text}. */
  public static PurlPattern parse(String text) throws MalformedPackageURLException {
    return new PurlPattern(new PackageURL(text));
  }

  public boolean matches(Package p) {
    PackageURL have = p.purl();
    if (have == null) return false;
    if (!purl.getType().equalsIgnoreCase(have.getType()) || !Objects.equals(purl.getNamespace(), have.getNamespace())) return false;
    if (!qualifiersMatch(have)) return false;
    if (purl.getName().equals(have.getName()) && (purl.getVersion() == null || purl.getVersion().equals(have.getVersion()))) return true;
    // an OS package by its source package
    boolean os = "deb".equals(have.getType()) || "apk".equals(have.getType()) || "rpm".equals(have.getType());
    if (!os || p.source() == null || !purl.getName().equals(p.source())) return false;
    return purl.getVersion() == null || purl.getVersion().equals(p.sourceVersion() == null ? p.version() : p.sourceVersion());
  }

  private boolean qualifiersMatch(PackageURL have) {
    Map<String, String> want = purl.getQualifiers();
    if (want == null || want.isEmpty()) return true;
    Map<String, String> got = have.getQualifiers();
    for (Map.Entry<String, String> e : want.entrySet()) {
      if (got == null || !e.getValue().equals(got.get(e.getKey()))) return false;
    }
    return true;
  }

  @Override
  public String toString() {
    return purl.canonicalize();
  }
}
