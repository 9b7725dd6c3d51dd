package dev.bulwark.compose.rules.mounts;

import dev.bulwark.compose.ComposeRule;
import dev.bulwark.compose.ComposeService;
import dev.bulwark.compose.ComposeTarget;
import dev.bulwark.compose.rules.model.Fields;
import dev.bulwark.compose.rules.model.Mount;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import java.util.List;
import java.util.function.Consumer;

/** BW-C009: the Docker, containerd, CRI-O or Podman socket (or the directory holding it) mounted into a service. */
public final class RuntimeSocket extends ComposeRule {
  private static final List<String> SOCKETS = List.of("docker.sock", "containerd.sock", "crio.sock", "podman.sock", "cri-dockerd.sock",
      "dockershim.sock");
  /** Directories that hold the daemon's socket: mounting them mounts it. */
  private static final List<String> SOCKET_DIRS = List.of("/var/run", "/run", "/var/run/docker", "/run/docker", "/run/containerd",
      "/var/run/containerd", "/run/podman", "/var/run/podman");

  /** Images of socket proxies, which expose a filtered API: the recommended way to give other services the socket. */
  private static final List<String> PROXIES = List.of("docker-socket-proxy", "socket-proxy", "dockerproxy");

  public RuntimeSocket() {
    super("BW-C009", "Container runtime socket mounted", Severity.HIGH, Category.PRIVILEGE,
        "Whoever can talk to the Docker (or containerd, CRI-O, Podman) socket can start a privileged container with the host's"
            + " / mounted: a compromise of the service is root on the host. `:ro` does not help: it stops writes to the socket"
            + " file, not API calls through it. Monitoring and proxy containers (Traefik, cAdvisor, Portainer, Watchtower) mount it"
            + " on purpose; the risk is still theirs to carry. A socket proxy (tecnativa/docker-socket-proxy and the like) is the"
            + " mitigation and is a medium note: it still holds the socket.",
        "Do not mount the socket; if a tool needs container metadata, put a filtering proxy in between (e.g. a socket proxy that"
            + " allows only GET /containers) on an internal network, or use the daemon's TLS-authenticated API.",
        List.of("d6355c88-1e8d-49e9-b2f2-f8a1ca12c75b", "check_5_32"));
  }

  /** True when {@code path} (normalized) is a runtime socket or a directory holding one. */
  static boolean isSocket(String path) {
    for (String s : SOCKETS) {
      if (path.endsWith("/" + s)) {
        return true;
      }
    }
    return SOCKET_DIRS.contains(path);
  }

  private static boolean isProxy(ComposeService s) {
    String name = Fields.imageName(s);
    return name != null && PROXIES.contains(name);
  }

  /** KICS d6355c88 matches a host path naming docker.sock; docker-bench 5.32 any runtime socket. */
  private List<String> ids(Mount m) {
    return m.source().contains("docker.sock") ? info().aliases() : List.of("check_5_32");
  }

  @Override
  public void check(ComposeTarget target, Consumer<Finding> report) {
    for (ComposeService s : target.services()) {
      for (Mount m : Mount.of(target, s)) {
        if (m.hostPath() && isSocket(m.normalizedSource())) {
          String ro = m.readOnly() ? " (read-only, which does not limit the API)" : "";
          if (isProxy(s)) {
            report.accept(finding(target, Severity.MEDIUM, s.displayName() + " mounts " + m.source() + ro + " as a socket proxy: keep it"
                + " on an internal network and allow only the API calls its clients need", m.node(), s.name(), ids(m)));
          } else {
            report.accept(finding(target, info().severity(), s.displayName() + " mounts " + m.source() + ro + ": control of the"
                + " container runtime, root on the host", m.node(), s.name(), ids(m)));
          }
        }
      }
    }
  }
}
