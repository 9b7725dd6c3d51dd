package dev.bulwark.compose.rules.mounts;

import dev.bulwark.compose.ComposeRule;
import dev.bulwark.compose.ComposeService;
import dev.bulwark.compose.ComposeTarget;
import dev.bulwark.compose.rules.model.Mount;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * BW-C010: a sensitive host directory bind-mounted: {@code /} worst, then the host's configuration, kernel interfaces, devices
 * and the runtime's state, then other system directories; read-write one step worse than read-only. Single files the host
 * shares on purpose ({@code /etc/localtime}, {@code /etc/timezone}, the CA bundle) are not reported.
 */
public final class SensitiveHostPath extends ComposeRule {
  /** The directory, or anything under these: the host's credentials, boot, kernel interfaces, the runtime's and kubelet's state. */
  private static final Set<String> HIGH = Set.of("/etc", "/proc", "/sys", "/dev", "/boot", "/root", "/var/lib/docker",
      "/var/lib/containerd", "/var/lib/kubelet", "/etc/kubernetes", "/etc/docker", "/etc/shadow", "/etc/gshadow", "/etc/sudoers",
      "/etc/ssh", "/etc/systemd", "/etc/cron.d", "/proc/sys", "/sys/kernel", "/sys/firmware", "/usr/lib/systemd");
  /** Only the directory itself: the host's system files or its users' homes, a step away from the host. */
  private static final Set<String> MEDIUM = Set.of("/bin", "/sbin", "/lib", "/lib64", "/usr", "/var", "/home", "/run", "/var/run",
      "/srv", "/opt", "/mnt", "/media", "/var/log", "/var/lib", "/selinux", "/cdrom", "/tmp", "/usr/bin", "/usr/sbin", "/usr/lib",
      "/usr/local", "/usr/local/bin", "/lib/modules", "/usr/lib/modules");
  /** Under these (not the directory itself, which is {@link #HIGH}): host configuration and kernel files, medium. */
  private static final List<String> UNDER = List.of("/etc/", "/proc/", "/sys/", "/dev/", "/bin/", "/sbin/", "/lib/", "/lib64/",
      "/usr/bin/", "/usr/sbin/", "/usr/lib/", "/root/", "/boot/");
  /** Host files shared with containers by convention; nothing secret is in them and the container cannot harm them. */
  private static final Set<String> PUBLIC = Set.of("/etc/localtime", "/etc/timezone", "/etc/ssl/certs", "/etc/pki/ca-trust",
      "/etc/ca-certificates", "/usr/share/zoneinfo", "/etc/hostname", "/etc/machine-id", "/etc/os-release", "/usr/lib/os-release",
      "/dev/shm", "/dev/null", "/dev/log", "/dev/dri", "/dev/snd", "/dev/bus/usb", "/dev/net/tun", "/dev/fuse", "/etc/resolv.conf",
      "/etc/hosts");

  public SensitiveHostPath() {
    super("BW-C010", "Sensitive host directory mounted", Severity.HIGH, Category.PRIVILEGE,
        "A bind mount of the host's `/` or `/etc`, `/proc`, `/sys`, `/dev`, `/root`, `/boot` or the runtime's state hands the"
            + " container the host: read-write, it can add a user, a cron job, an SSH key or a kernel module path; read-only, it"
            + " still reads the host's secrets (shadow, keys, other containers' files). Other system directories (`/usr`, `/var`,"
            + " `/home`, `/var/log`) are a medium (read-write) or low (read-only) risk; a directory under /etc that is not one of the"
            + " above is usually the service's own configuration (low read-write, not reported read-only). The runtime socket is BW-C009.",
        "Mount only the files the service needs, read-only (`/etc/myapp/config.yaml:/config.yaml:ro`), or a named volume; for"
            + " node monitoring, prefer the exporter's documented read-only mounts and run it on an internal network.",
        List.of("1c1325ff-831d-43a1-973e-839ae57dfcc0", "check_5_6"));
  }

  @Override
  public void check(ComposeTarget target, Consumer<Finding> report) {
    for (ComposeService s : target.services()) {
      for (Mount m : Mount.of(target, s)) {
        if (!m.hostPath() || !m.source().startsWith("/")) {
          continue;
        }
        String p = m.normalizedSource();
        if (RuntimeSocket.isSocket(p) || covered(p, PUBLIC)) {
          continue;
        }
        // a directory under /etc other than the ones above is usually the service's own configuration: low read-write
        int tier = p.equals("/") ? 3 : isHigh(p) ? 2 : MEDIUM.contains(p) || covered(p, UNDER) && !p.startsWith("/etc/") ? 1
            : p.startsWith("/etc/") && !m.readOnly() ? 0 : -1;
        if (tier < 0) {
          continue;
        }
        // read-only is one step less: the host's secrets can still be read, not changed
        Severity severity = SEVERITY_BY_TIER[Math.max(0, tier + 1 - (m.readOnly() ? 1 : 0))];
        report.accept(finding(target, severity, s.displayName() + " mounts the host's " + p + (m.readOnly() ? " read-only" : " read-write"),
            m.node(), s.name()));
      }
    }
  }

  private static final Severity[] SEVERITY_BY_TIER = {Severity.LOW, Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL};

  /** True when {@code p} is one of {@link #HIGH} or under one that is not a top-level directory (/etc itself, not /etc/nginx). */
  private static boolean isHigh(String p) {
    if (HIGH.contains(p)) {
      return true;
    }
    for (String d = p; d.lastIndexOf('/') > 0; ) {
      d = d.substring(0, d.lastIndexOf('/'));
      if (HIGH.contains(d) && !TOP.contains(d)) {
        return true;
      }
    }
    return false;
  }

  /** Top-level directories of {@link #HIGH} whose sub-paths are judged by {@link #UNDER}: /etc/nginx is not /etc. */
  private static final Set<String> TOP = Set.of("/etc", "/proc", "/sys", "/dev", "/boot", "/root");

  /** True when {@code p} is under one of {@code prefixes}. */
  private static boolean covered(String p, List<String> prefixes) {
    for (String d : prefixes) {
      if (p.startsWith(d)) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code p} is one of {@code dirs} or under one (the public files). */
  private static boolean covered(String p, Set<String> dirs) {
    for (String d = p; !d.isEmpty(); d = d.substring(0, Math.max(0, d.lastIndexOf('/')))) {
      if (dirs.contains(d)) {
        return true;
      }
    }
    return false;
  }
}
