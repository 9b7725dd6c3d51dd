package dev.bulwark.core.catalog;

import java.util.List;

/**
 * One image repository of the catalog (a line of {@code base-images.tsv}): what it runs, how its
 * tags name versions, and what its default variant ships. Strings keep the file's {@code -} for
 * "none" so that a line reads back exactly.
 *
 * @param name the repository as users write it ({@code python}, {@code gcr.io/distroless/static-debian13})
 * @param kind {@code official}, {@code os}, {@code distroless} or {@code chainguard}
 * @param runtime go, python, node, java, rust, dotnet, static, cc, server or os
 * @param eol the EOL product the tag's version is a cycle of, {@code PRODUCT:CYCLE}, a date, {@code past} or {@code -}
 * @param latest the cycle {@code :latest} follows, or {@code -}
 * @param newest the newest supported cycle to recommend, or {@code -}
 * @param pin how the tag-pin fix pins: {@code full}, {@code cycle} or {@code -}
 * @param shell the default variant's shell, or {@code -}
 * @param packageManager the default variant's package manager, or {@code -}
 * @param user the default user: {@code root} or a uid
 * @param nonRootUser a non-root user the image ships, {@code NAME:UID}, or {@code -}
 * @param distro the distribution of tags without a distro variant, {@code PRODUCT:CYCLE}, or {@code -}
 * @param variants the tag suffixes the image publishes
 * @param note one line for a reader, or {@code -}
 */
public record ImageFamily(String name, String kind, String runtime, String eol, String latest, String newest, String pin, String shell,
    String packageManager, String user, String nonRootUser, String distro, List<String> variants, String note) {

  public ImageFamily {
    variants = List.copyOf(variants);
  }

  public boolean isDistroless() {
    return kind.equals("distroless");
  }

  public boolean isChainguard() {
    return kind.equals("chainguard");
  }

  /** Official and OS images: tags are {@code VERSION[-VARIANT]}. */
  public boolean isVersioned() {
    return kind.equals("official") || kind.equals("os");
  }

  /** {@code -} as null. */
  static String orNull(String field) {
    return field.equals("-") ? null : field;
  }
}
