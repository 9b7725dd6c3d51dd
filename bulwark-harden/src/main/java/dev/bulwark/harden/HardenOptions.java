package dev.bulwark.harden;

/**
 * {@code title}: the image title for the OCI label (the project's directory name); {@code digests}:
 * where {@code --pin-digest} gets digests, or null to leave tags as they are; {@code healthPath}: the
 * HTTP path the app answers health checks on ({@code /healthz}, found in its sources by the caller),
 * or null when none is known, so no HEALTHCHECK is guessed.
 */
public record HardenOptions(String title, DigestLookup digests, String healthPath) {
  public static final HardenOptions DEFAULT = new HardenOptions("app", null, null);

  public HardenOptions {
    title = title == null || title.isBlank() ? "app" : title;
  }

  public HardenOptions(String title, DigestLookup digests) {
    this(title, digests, null);
  }
}
