package dev.bulwark.image.rules;

import dev.bulwark.core.Category;
import dev.bulwark.core.Messages;
import dev.bulwark.image.ImageConfig;
import dev.bulwark.image.fs.FileEntry;
import dev.bulwark.image.pkg.OsInfo;
import dev.bulwark.core.eol.EolCatalog;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Linter;
import dev.bulwark.core.Location;
import dev.bulwark.core.Rule;
import dev.bulwark.core.secrets.Secrets;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The BW-M rules: what a built image's config and files show. Findings point at the config field
 * they read, or at the layer and path of the (first) file they name.
 */
public final class ImageChecks {
  private ImageChecks() {}

  private static final Linter<ImageTarget> LINTER = new Linter<>(all());

  /** The linter with every image rule. */
  public static Linter<ImageTarget> linter() {
    return LINTER;
  }

  public static List<Rule<ImageTarget>> all() {
    return List.of(new RootUser(), new SecretsInEnv(), new SecretsInHistory(), new ExposedPorts(), new NoHealthcheck(), new SetuidFiles(),
        new WorldWritable(), new SecretFiles(), new AttackSurface(), new PackageCaches(), new OsEndOfLife(), new ProvenanceLabels());
  }

  /** Base for image rules: metadata given once. */
  abstract static class Base implements Rule<ImageTarget> {
    private final RuleInfo info;

    Base(String id, String title, Severity severity, Category category, String rationale, String fix, List<String> aliases) {
      this.info = new RuleInfo(id, title, severity, category, rationale, fix, aliases, List.of());
    }

    @Override
    public RuleInfo info() {
      return info;
    }

    /** A finding about the image config's {@code field}. */
    Finding inConfig(String field, String message) {
      return Finding.at(info, message, new Location.ImageConfig(field));
    }

    /**
     * One finding for every file that {@code matches}, listed by path in the message
     * ({@code "3 setuid/setgid file(s): /a, /b, /c"}) and located at the first of them.
     */
    void reportFiles(ImageTarget t, java.util.function.Predicate<FileEntry> matches, String what, Consumer<Finding> report) {
      java.util.TreeMap<String, FileEntry> found = new java.util.TreeMap<>();
      for (FileEntry e : t.image().files().entries()) {
        if (matches.test(e)) {
          found.put("/" + e.path(), e);
        }
      }
      if (!found.isEmpty()) {
        report.accept(atFile(t, found.firstEntry().getValue(), found.size() + " " + what + ": " + Messages.listSome(found.keySet())));
      }
    }

    /** A finding about a file: the layer that last wrote it and its path. */
    Finding atFile(ImageTarget t, FileEntry file, String message) {
      return atPath(t, file.layer(), file.path(), message);
    }

    /** A finding about {@code path} as written by layer {@code layer}. */
    Finding atPath(ImageTarget t, int layer, String path, String message) {
      var layers = t.image().manifest().layers();
      var diffId = layer >= 0 && layer < layers.size() ? layers.get(layer).diffId() : null;
      return Finding.at(info, message, new Location.LayerFile(layer, diffId == null ? null : diffId.toString(), path));
    }
  }

  static final class RootUser extends Base {
    RootUser() {
      super("BW-M001", "Image runs as root", Severity.CRITICAL, Category.PRIVILEGE,
          "The image's configured user is root (or unset, which means root): every process starts with full privileges.",
          "Rebuild with a non-root USER (numeric UID), or run with `--user 10001:10001` / `runAsNonRoot: true`.",
          List.of("CIS-DI-0001", "DS002"));
    }

    @Override
    public void check(ImageTarget t, Consumer<Finding> report) {
      String user = t.image().manifest().config().user();
      String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
      if (name.isEmpty() || name.equals("root") || name.equals("0")) {
        report.accept(inConfig("User", user.isEmpty() ? "the image sets no user: containers run as root" : "the image runs as " + user));
      }
    }
  }

  static final class SecretsInEnv extends Base {
    SecretsInEnv() {
      super("BW-M002", "Secret in the image environment", Severity.HIGH, Category.SECRETS,
          "Environment variables are part of the image config: anyone who can pull the image reads them.",
          Secrets.SECRET_FIX, List.of("CIS-DI-0010"));
    }

    @Override
    public void check(ImageTarget t, Consumer<Finding> report) {
      for (String kv : t.image().manifest().config().env()) {
        int eq = kv.indexOf('=');
        String key = eq < 0 ? kv : kv.substring(0, eq);
        String value = eq < 0 ? "" : kv.substring(eq + 1);
        String credential = Secrets.credentialIn(value);
        if (credential != null) {
          report.accept(inConfig("Env", "ENV " + key + " holds a credential-shaped value " + Secrets.mask(credential)));
        } else if (Secrets.isSecretName(key) && !value.isEmpty()) {
          report.accept(inConfig("Env", "ENV " + key + " looks like a secret and has a value in the image"));
        }
      }
    }
  }

  private static final Pattern BUILD_ARG = Pattern.compile("(?:^|\\s)([A-Za-z_][A-Za-z0-9_]*)=(\\S+)");

  static final class SecretsInHistory extends Base {
    SecretsInHistory() {
      super("BW-M003", "Secret in the image build history", Severity.HIGH, Category.SECRETS,
          "Build arguments and RUN command lines are recorded in the image history (`docker history --no-trunc`).",
          Secrets.SECRET_FIX, List.of("CIS-DI-0010"));
    }

    @Override
    public void check(ImageTarget t, Consumer<Finding> report) {
      Set<String> seen = new TreeSet<>();
      for (String line : t.image().manifest().config().history()) {
        String credential = Secrets.credentialIn(line);
        if (credential != null) {
          seen.add("a credential-shaped value " + Secrets.mask(credential));
          continue;
        }
        var m = BUILD_ARG.matcher(line);
        while (m.find()) {
          if (Secrets.isSecretName(m.group(1)) && !m.group(2).startsWith("$")) {
            seen.add(m.group(1));
          }
        }
      }
      for (String s : seen) {
        report.accept(inConfig("history", "the build history records " + s));
      }
    }
  }

  static final class ExposedPorts extends Base {
    ExposedPorts() {
      super("BW-M004", "SSH or privileged port exposed", Severity.HIGH, Category.ATTACK_SURFACE,
          "Port 22 means an SSH daemon is expected; ports below 1024 need root or CAP_NET_BIND_SERVICE.",
          "Remove SSH; listen on an unprivileged port and map it at run time.", List.of("DS004"));
    }

    @Override
    public void check(ImageTarget t, Consumer<Finding> report) {
      for (String p : t.image().manifest().config().exposedPorts()) {
        String num = p.contains("/") ? p.substring(0, p.indexOf('/')) : p;
        try {
          int port = Integer.parseInt(num);
          if (port == 22) {
            report.accept(inConfig("ExposedPorts", "the image exposes SSH (" + p + ")"));
          } else if (port > 0 && port < 1024) {
            report.accept(inConfig("ExposedPorts", "the image exposes privileged port " + p).withSeverity(Severity.LOW));
          }
        } catch (NumberFormatException e) {
          // ranges and odd values are not judged
        }
      }
    }
  }

  static final class NoHealthcheck extends Base {
    NoHealthcheck() {
      super("BW-M005", "Image has no health check", Severity.LOW, Category.RUNTIME,
          "Without a HEALTHCHECK, Docker and Compose cannot tell a hung process from a healthy one.",
          "Add a HEALTHCHECK to the Dockerfile, or define probes in the orchestrator.", List.of("DS026", "CIS-DI-0006"));
    }

    @Override
    public void check(ImageTarget t, Consumer<Finding> report) {
      ImageConfig c = t.image().manifest().config();
      if (!c.healthcheck() && (!c.cmd().isEmpty() || !c.entrypoint().isEmpty())) {
        report.accept(inConfig("Healthcheck", "the image defines no HEALTHCHECK"));
      }
    }
  }

  static final class SetuidFiles extends Base {
    SetuidFiles() {
      super("BW-M006", "setuid or setgid executables", Severity.MEDIUM, Category.PRIVILEGE,
          "Each setuid/setgid binary is a privilege-escalation path for a process that gets code execution in the container.",
          "Remove the bits in the Dockerfile (`RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} +`) or use a minimal base.",
          List.of("CIS-DI-0008"));
    }

    @Override
    public void check(ImageTarget t, Consumer<Finding> report) {
      reportFiles(t, e -> e.type() == FileEntry.Type.FILE && (e.isSetuid() || e.isSetgid()), "setuid/setgid file(s)", report);
    }
  }

  static final class WorldWritable extends Base {
    WorldWritable() {
      super("BW-M007", "World-writable files or directories", Severity.MEDIUM, Category.PRIVILEGE,
          "Anyone in the container can change these, including code that other processes run.",
          "Fix permissions in the Dockerfile; give ownership to the one user that writes.", List.of());
    }

    @Override
    public void check(ImageTarget t, Consumer<Finding> report) {
      reportFiles(t, e -> e.isWorldWritable() && e.type() != FileEntry.Type.CHAR_DEVICE && e.type() != FileEntry.Type.BLOCK_DEVICE, "world-writable path(s)", report);
    }
  }

  private static final Pattern SECRET_PATH = Pattern.compile(
      "(?:^|/)(?:\\.env(?:\\.[\\w.-]+)?|id_(?:rsa|dsa|ecdsa|ed25519)|[^/]*\\.key|[^/]*\\.p12|[^/]*\\.pfx|\\.npmrc|\\.pypirc|\\.netrc|"
          + "\\.git-credentials|\\.aws/credentials|\\.docker/config\\.json|\\.htpasswd)$");

  static final class SecretFiles extends Base {
    SecretFiles() {
      super("BW-M008", "Private keys or credential files in the image", Severity.HIGH, Category.SECRETS,
          "A key or credentials file in any layer can be extracted by anyone who pulls the image.",
          "Remove them from the build context (.dockerignore) and mount secrets at build or run time instead.", List.of("CIS-DI-0010"));
    }

    @Override
    public void check(ImageTarget t, Consumer<Finding> report) {
      reportFiles(t, e -> e.type() == FileEntry.Type.FILE && SECRET_PATH.matcher(e.path()).find() && !e.path().startsWith("usr/share/") && !e.path().endsWith(".example"), "secret-looking file(s)", report);
    }
  }

  private static final Set<String> SHELLS = Set.of("bin/sh", "bin/bash", "bin/dash", "bin/ash", "bin/zsh", "bin/busybox", "usr/bin/bash");
  private static final Set<String> PACKAGE_MANAGERS = Set.of("usr/bin/apt", "usr/bin/apt-get", "usr/bin/dpkg", "sbin/apk", "usr/bin/yum",
      "usr/bin/dnf", "usr/bin/rpm", "usr/bin/microdnf", "usr/bin/zypper", "usr/bin/pip", "usr/bin/pip3", "usr/local/bin/pip", "usr/local/bin/npm", "usr/bin/npm");

  static final class AttackSurface extends Base {
    AttackSurface() {
      super("BW-M009", "Shells and package managers in the image", Severity.INFO, Category.ATTACK_SURFACE,
          "A shell and a package manager turn code execution into a full toolbox: install, fetch, persist. Distroless and"
              + " scratch images ship neither.",
          "Use a distroless or scratch runtime stage; copy only the artifact.", List.of());
    }

    @Override
    public void check(ImageTarget t, Consumer<Finding> report) {
      java.util.TreeMap<String, FileEntry> shells = new java.util.TreeMap<>();
      java.util.TreeMap<String, FileEntry> pms = new java.util.TreeMap<>();
      long executables = 0;
      for (FileEntry e : t.image().files().entries()) {
        if (e.isExecutable()) {
          executables++;
        }
      }
      for (String s : SHELLS) {
        t.image().files().resolve(s).ifPresent(e -> shells.put("/" + s, e));
      }
      for (String p : PACKAGE_MANAGERS) {
        t.image().files().resolve(p).ifPresent(e -> pms.put("/" + p, e));
      }
      long total = t.image().layers().stream().mapToLong(l -> l.uncompressedBytes()).sum();
      if (!shells.isEmpty() || !pms.isEmpty()) {
        FileEntry first = (shells.isEmpty() ? pms : shells).firstEntry().getValue();
        report.accept(atFile(t, first, executables + " executables, " + (total >> 20) + " MiB in " + t.image().layers().size() + " layer(s); shells: "
            + (shells.isEmpty() ? "none" : Messages.listSome(shells.keySet())) + "; package managers: "
            + (pms.isEmpty() ? "none" : Messages.listSome(pms.keySet()))));
      }
    }
  }

  private static final List<String> CACHES = List.of("var/lib/apt/lists/", "var/cache/apt/archives/", "var/cache/apk/", "root/.cache/pip/",
      "var/cache/yum/", "var/cache/dnf/", "var/cache/zypp/packages/", "root/.npm/_cacache/");

  static final class PackageCaches extends Base {
    PackageCaches() {
      super("BW-M010", "Package manager caches left in the image", Severity.LOW, Category.ATTACK_SURFACE,
          "Indexes and downloaded archives add size and stale metadata to every layer that carries them.",
          "Clean in the same RUN, or use cache mounts (`RUN --mount=type=cache,...`).", List.of());
    }

    @Override
    public void check(ImageTarget t, Consumer<Finding> report) {
      java.util.Map<String, Long> bytes = new java.util.TreeMap<>();
      java.util.Map<String, Integer> topLayer = new java.util.HashMap<>();
      for (FileEntry e : t.image().files().entries()) {
        if (e.type() != FileEntry.Type.FILE) {
          continue;
        }
        for (String c : CACHES) {
          if (e.path().startsWith(c) && !e.path().endsWith("/lock") && !e.path().endsWith("/partial")) {
            bytes.merge("/" + c, e.size(), Long::sum);
            topLayer.merge("/" + c, e.layer(), Math::max);
          }
        }
      }
      bytes.values().removeIf(b -> b < 64 * 1024);
      if (!bytes.isEmpty()) {
        List<String> parts = new ArrayList<>();
        bytes.forEach((k, v) -> parts.add(k + " (" + (v >> 10) + " KiB)"));
        String first = bytes.keySet().iterator().next();
        report.accept(atPath(t, topLayer.get(first), first.substring(1, first.length() - 1), "package caches left: " + String.join(", ", parts)));
      }
    }
  }

  static final class OsEndOfLife extends Base {
    OsEndOfLife() {
      super("BW-M011", "Operating system past end of life", Severity.HIGH, Category.VULNERABILITIES,
          "The distribution release no longer gets security updates.", "Rebuild on a supported release.", List.of());
    }

    @Override
    public void check(ImageTarget t, Consumer<Finding> report) {
      Optional<OsInfo> os = t.os();
      if (os.isEmpty() || os.get().versionId() == null) {
        return;
      }
      // os-release ID -> endoflife.date product
      String product = switch (os.get().id()) {
        case "alpine" -> "alpine-linux";
        case "debian", "ubuntu", "rhel", "centos", "fedora", "almalinux", "sles" -> os.get().id();
        case "rocky" -> "rocky-linux";
        case "amzn" -> "amazon-linux";
        case "opensuse-leap" -> "opensuse";
        default -> null;
      };
      if (product == null) {
        return;
      }
      EolCatalog.get().cycleOfRelease(product, os.get().versionId())
          .filter(c -> c.isEndOfLife(t.asOf()))
          .ifPresent(c -> report.accept(atReleaseFile(t, os.get().prettyName() + " reached end of life" + (c.eol() == null ? "" : " on " + c.eol()))));
    }

    /** At the release file the OS is read from first (os-release, then the distribution's own). */
    private Finding atReleaseFile(ImageTarget t, String message) {
      for (String f : List.of("etc/os-release", "usr/lib/os-release", "etc/alpine-release", "etc/debian_version")) {
        Optional<FileEntry> e = t.image().files().resolve(f);
        if (e.isPresent()) {
          return atFile(t, e.get(), message);
        }
      }
      return inConfig("os", message);
    }
  }

  static final class ProvenanceLabels extends Base {
    ProvenanceLabels() {
      super("BW-M012", "Image lacks provenance labels", Severity.INFO, Category.SUPPLY_CHAIN,
          "Without org.opencontainers.image.source and .revision, nobody can trace a running image back to the code it was built"
              + " from, which matters most for images pulled by a moving tag.",
          "Add `LABEL org.opencontainers.image.source=<repo> org.opencontainers.image.revision=<commit>` (most CI builders set them).",
          List.of());
    }

    @Override
    public void check(ImageTarget t, Consumer<Finding> report) {
      var labels = t.image().manifest().config().labels();
      List<String> missing = new ArrayList<>();
      for (String k : List.of("org.opencontainers.image.source", "org.opencontainers.image.revision")) {
        if (!labels.containsKey(k)) {
          missing.add(k);
        }
      }
      if (!missing.isEmpty()) {
        report.accept(inConfig("Labels", "missing labels: " + String.join(", ", missing)));
      }
    }
  }
}
