package dev.bulwark.harden;

/**
 * {@code title}: the image title for the OCI label (the project's directory name); {@code digests}:
 * where {@code --pin-digest} gets digests, or null to leave tags as they are.
 */
public record HardenOptions(String title, DigestLookup digests) {
  public static final HardenOptions DEFAULT = new HardenOptions("app", null);

  public HardenOptions {
    title = title == null || title.isBlank() ? "app" : title;
  }
}
