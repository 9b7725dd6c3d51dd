package dev.bulwark.core.ref;

import java.util.List;
import java.util.Optional;

/**
 * Registries that serve Docker Hub's images under another name: Docker Hub's own API hosts, Google's
 * pull-through cache and ECR Public's copy of the official images. The catalogs know images by
 * their Docker Hub name, so a reference to a mirror is looked up as the image it mirrors; messages
 * keep the reference as written.
 *
 * <p>Only paths the mirror really serves are mapped: {@code mirror.gcr.io} and the Hub API hosts take
 * Docker Hub's registry path ({@code library/alpine}, {@code bitnami/redis}); they add no
 * {@code library/}, so {@code mirror.gcr.io/alpine} is another repository. ECR Public has the
 * official images under {@code docker/library/}.
 */
public final class DockerHubMirrors {
  private DockerHubMirrors() {}

  /** A registry host and the path prefix under which it serves Docker Hub's repository paths. */
  private record Mirror(String host, String prefix, String hubPrefix) {}

  private static final List<Mirror> MIRRORS = List.of(
      new Mirror("mirror.gcr.io", "", ""),
      new Mirror("registry-1.docker.io", "", ""),
      new Mirror("registry.hub.docker.com", "", ""),
      new Mirror("public.ecr.aws", "docker/library/", "library/"));

  /** The Docker Hub image {@code ref} mirrors, or empty when its registry is not a known mirror (or is Docker Hub). */
  public static Optional<ImageReference> mirrored(ImageReference ref) {
    for (Mirror m : MIRRORS) {
      if (!ref.registry().equals(m.host()) || !ref.repository().startsWith(m.prefix())) {
        continue;
      }
      String hubPath = m.hubPrefix() + ref.repository().substring(m.prefix().length());
      if (hubPath.indexOf('/') < 0 || hubPath.endsWith("/")) {
        return Optional.empty(); // a single component is not a Hub registry path: Docker adds library/ only for docker.io
      }
      return Optional.of(new ImageReference(ImageReference.DOCKER_HUB, hubPath, ref.tag(), ref.digest(), ref.original()));
    }
    return Optional.empty();
  }
}
