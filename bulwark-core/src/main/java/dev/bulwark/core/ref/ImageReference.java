package dev.bulwark.core.ref;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference parsed and normalized like Docker's reference grammar
 * (distribution/reference): {@code alpine} is {@code docker.io/library/alpine:latest}.
 *
 * <p>{@code tag} and {@code digest} are null when not written; {@link #normalized()} adds
 * {@code :latest} only when neither is present, as Docker does.
 */
public record ImageReference(String registry, String repository, String tag, String digest, String original) {

  public static final String DOCKER_HUB = "docker.io";

  /* A path component: lower-case alphanumerics joined by '.', '_', '__' or runs of '-'. */
  private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
  /* A domain: DNS labels separated by dots, or a bracketed IPv6 address, with an optional port. */
  private static final String DOMAIN =
      "(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?";
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
  private static final Pattern PATH = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
  private static final Pattern DOMAIN_PATTERN = Pattern.compile(DOMAIN);
  private static final Pattern ANCHORED_SHA256 = Pattern.compile("[a-f0-9]{64}");
  private static final int NAME_TOTAL_LENGTH_MAX = 255;

  /** Parses {@code ref}; the error message says what is wrong, as Docker would. */
  public static ImageReference parse(String ref) throws InvalidReferenceException {
    if (ref == null || ref.isEmpty()) {
      throw new InvalidReferenceException(ref, "invalid reference format: empty");
    }
    if (ANCHORED_SHA256.matcher(ref).matches()) {
      throw new InvalidReferenceException(ref, "invalid repository name: cannot specify 64-byte hexadecimal strings");
    }
    String rest = ref;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        throw new InvalidReferenceException(ref, "invalid reference format: bad digest");
      }
    }
    String tag = null;
    int lastSlash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    if (colon > lastSlash) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw new InvalidReferenceException(ref, "invalid reference format: bad tag \"" + tag + "\"");
      }
    }
    String domain;
    String path;
    int slash = rest.indexOf('/');
    String first = slash < 0 ? rest : rest.substring(0, slash);
    boolean hasDomain = slash >= 0
        && (first.contains(".") || first.contains(":") || first.equals("localhost") || !first.toLowerCase(Locale.ROOT).equals(first));
    if (hasDomain) {
      domain = first;
      path = rest.substring(slash + 1);
      if (!DOMAIN_PATTERN.matcher(domain).matches()) {
        throw new InvalidReferenceException(ref, "invalid reference format: bad registry \"" + domain + "\"");
      }
    } else {
      domain = DOCKER_HUB;
      path = rest;
    }
    if (domain.equals("index.docker.io")) {
      domain = DOCKER_HUB;
    }
    if (!path.toLowerCase(Locale.ROOT).equals(path) && PATH.matcher(path.toLowerCase(Locale.ROOT)).matches()) {
      throw new InvalidReferenceException(ref, "invalid reference format: repository name (" + path + ") must be lowercase");
    }
    if (!PATH.matcher(path).matches()) {
      throw new InvalidReferenceException(ref, "invalid reference format");
    }
    if (domain.equals(DOCKER_HUB) && !path.contains("/")) {
      path = "library/" + path;
    }
    if ((domain + "/" + path).length() > NAME_TOTAL_LENGTH_MAX) {
      throw new InvalidReferenceException(ref, "repository name must not be more than " + NAME_TOTAL_LENGTH_MAX + " characters");
    }
    return new ImageReference(domain, path, tag, digest, ref);
  }

  /** Like {@link #parse} but empty on a bad reference. */
  public static Optional<ImageReference> tryParse(String ref) {
    try {
      return Optional.of(parse(ref));
    } catch (InvalidReferenceException e) {
      return Optional.empty();
    }
  }

  /** The full name, e.g. {@code docker.io/library/alpine}. */
  public String name() {
    return registry + "/" + repository;
  }

  /**
   * The reference as the catalogs know it: the Docker Hub image a mirror serves
   * ({@code mirror.gcr.io/library/alpine:3} is {@code alpine:3}, see {@link DockerHubMirrors}), else itself.
   * {@link #original()} stays as written.
   */
  public ImageReference hubEquivalent() {
    return DockerHubMirrors.mirrored(this).orElse(this);
  }

  /** True for Docker Hub's official images ({@code docker.io/library/…}), written directly or through a mirror. */
  public boolean isOfficialImage() {
    ImageReference hub = hubEquivalent();
    return hub.registry.equals(DOCKER_HUB) && hub.repository.startsWith("library/");
  }

  /** The short name users write, e.g. {@code alpine} or {@code ghcr.io/org/app}. */
  public String familiarName() {
    if (registry.equals(DOCKER_HUB)) {
      return repository.startsWith("library/") ? repository.substring("library/".length()) : repository;
    }
    return name();
  }

  /** The canonical string: {@code docker.io/library/alpine:latest}, or with its digest. */
  public String normalized() {
    StringBuilder sb = new StringBuilder(name());
    if (tag != null) {
      sb.append(':').append(tag);
    } else if (digest == null) {
      sb.append(":latest");
    }
    if (digest != null) {
      sb.append('@').append(digest);
    }
    return sb.toString();
  }

  /** The tag in force: the written one, or {@code latest} when neither tag nor digest is given. */
  public String effectiveTag() {
    return tag != null ? tag : digest == null ? "latest" : null;
  }

  public boolean isPinnedByDigest() {
    return digest != null;
  }

  /** True for {@code :latest} or no tag at all, unless a digest pins it. */
  public boolean isLatestOrUntagged() {
    return digest == null && (tag == null || tag.equals("latest"));
  }

  /** Raised for a reference Docker would reject; the message says why. */
  public static final class InvalidReferenceException extends Exception {
    private final String reference;

    public InvalidReferenceException(String reference, String message) {
      super(message, null, false, false);
      this.reference = reference;
    }

    public String reference() {
      return reference;
    }
  }

  @Override
  public String toString() {
    return normalized();
  }
}
