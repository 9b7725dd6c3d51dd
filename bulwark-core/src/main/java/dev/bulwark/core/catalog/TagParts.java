package dev.bulwark.core.catalog;

import dev.bulwark.core.eol.EolCatalog;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A versioned image's tag split into the release it names and its variant, and the distribution
 * the variant names: {@code 3.12.8-slim-bookworm} is 3.12.8, {@code slim-bookworm}, Debian 12;
 * {@code 21.0.5_11-jre-alpine} is 21.0.5, {@code jre-alpine}, Alpine; {@code bookworm-slim} of
 * debian is 12, {@code slim}.
 */
final class TagParts {
  /** A tag of a major version only, optionally with a variant, as BW-D004 flags it. */
  static final Pattern MAJOR_ONLY = Pattern.compile("^v?(\\d+)(?:-([a-z][a-z0-9.-]*))?$");
  private static final Pattern VERSIONED = Pattern.compile("^v?(\\d+(?:\\.\\d+)*)(?:[_+][0-9a-z.]+)?(?:-(.+))?$");
  private static final Pattern ALPINE = Pattern.compile("alpine(\\d+\\.\\d+)?");
  private static final Pattern DATE = Pattern.compile("\\d{8}(\\.\\d+)?");
  /** Tags that name a release channel, not a release. */
  private static final java.util.Set<String> CHANNELS = java.util.Set.of("lts", "current", "stable", "mainline");

  final String version;
  final String variant;
  final String distro;

  private TagParts(String version, String variant, String distro) {
    this.version = version;
    this.variant = variant;
    this.distro = distro;
  }

  static TagParts of(ImageFamily fam, String tag) {
    if (tag == null) {
      return new TagParts(null, "", null);
    }
    String version;
    String variant;
    Matcher m = VERSIONED.matcher(tag);
    if (tag.equals("latest")) {
      version = ImageFamily.orNull(fam.latest());
      variant = "";
    } else if (m.matches()) {
      version = m.group(1);
      variant = m.group(2) == null ? "" : m.group(2);
    } else {
      // a bare variant (slim, alpine, bookworm) is the newest release in it; a channel (lts, stable) says no release
      String first = tag.indexOf('-') < 0 ? tag : tag.substring(0, tag.indexOf('-'));
      String codename = fam.kind().equals("os") ? EolCatalog.codenameVersion(first) : null;
      if (codename != null) {
        version = codename;
        variant = tag.substring(first.length()).replaceFirst("^-", "");
      } else if (CHANNELS.contains(first)) {
        version = null; // node:lts-slim: the release moves; the variant is still the image's
        variant = tag.substring(first.length()).replaceFirst("^-", "");
      } else {
        version = fam.variants().contains(tag) || distroOf(fam, tag) != null ? ImageFamily.orNull(fam.latest()) : null;
        variant = tag;
      }
    }
    variant = stripDates(variant);
    String distro = distroOf(fam, variant);
    if (fam.kind().equals("os") && version != null && !fam.eol().equals("-")) {
      String named = distroOf(fam, tag); // buildpack-deps:noble is Ubuntu although the image's product is Debian
      distro = named != null && named.endsWith(":" + version) ? named : fam.eol() + ":" + version;
    }
    return new TagParts(version, variant, distro);
  }

  /** Debian's and Ubuntu's dated tags ({@code bookworm-20240101-slim}) name a build, not a variant. */
  private static String stripDates(String variant) {
    StringBuilder out = new StringBuilder();
    for (String part : variant.split("-")) {
      if (!part.isEmpty() && !DATE.matcher(part).matches()) {
        out.append(out.isEmpty() ? "" : "-").append(part);
      }
    }
    return out.toString();
  }

  /** The distribution a variant names ({@code alpine3.23}, {@code bookworm}, {@code jammy}, {@code ubi9-minimal}, {@code al2023}), or null. */
  static String distroOf(ImageFamily fam, String variant) {
    for (String part : variant.split("-")) {
      Matcher a = ALPINE.matcher(part);
      if (a.matches()) {
        if (a.group(1) != null) {
          return "alpine-linux:" + a.group(1);
        }
        return BaseImageCatalog.get().family("alpine").map(f -> "alpine-linux:" + f.latest()).orElse(null);
      }
      String v = EolCatalog.codenameVersion(part);
      if (v != null) {
        return (EolCatalog.isUbuntuCodename(part) ? "ubuntu:" : "debian:") + v;
      }
      if (part.startsWith("ubi") && part.length() > 3 && Character.isDigit(part.charAt(3))) {
        return "rhel:" + part.substring(3);
      }
      if (part.startsWith("azurelinux")) {
        return "azurelinux:" + part.substring("azurelinux".length()); // no EOL data: its support follows the product's
      }
      if (part.equals("al2023") || part.equals("al2")) {
        return "amazon-linux:" + part.substring(2);
      }
    }
    return null;
  }

  static int major(String version) {
    int dot = version.indexOf('.');
    try {
      return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
