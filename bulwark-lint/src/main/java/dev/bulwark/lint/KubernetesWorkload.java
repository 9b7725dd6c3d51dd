package dev.bulwark.lint;

/**
 * How the project's Kubernetes manifests run the image a Dockerfile builds, when its
 * {@code skaffold.yaml} ties the two together (an artifact built from the Dockerfile, deployed by
 * the manifests it lists): the user the container is given. A {@code runAsUser} there replaces the
 * image's USER in that cluster, as a Compose service's {@code user} does under Compose.
 *
 * @param file the manifest, as a path to show
 * @param workload the workload and container, as {@code Deployment/frontend (server)}
 * @param runAsUser the container's effective {@code runAsUser} (its own, else the pod's); -1 when unset or not a number
 */
public record KubernetesWorkload(String file, String workload, long runAsUser) {
  /** No skaffold.yaml of the project deploys the Dockerfile's image. */
  public static final KubernetesWorkload NONE = new KubernetesWorkload("", "", -1);

  /** The same workload with its manifest shown as {@code shown} (relative to the Dockerfile, for messages). */
  public KubernetesWorkload withFile(String shown) {
    return new KubernetesWorkload(shown, workload, runAsUser);
  }

  /** True when the manifests give the container a non-root uid. */
  public boolean runsAsNonRoot() {
    return runAsUser > 0;
  }
}
