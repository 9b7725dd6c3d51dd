package dev.bulwark.lint.rules.privilege;

import dev.bulwark.core.Purpose;
import dev.bulwark.core.Category;
import dev.bulwark.dockerfile.model.BaseImage;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.ComposeService;
import dev.bulwark.lint.KubernetesWorkload;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.Users;
import dev.bulwark.lint.purpose.PurposeInference;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.core.fix.Edit;
import dev.bulwark.core.fix.Fix;
import dev.bulwark.core.text.Span;
import java.util.List;
import java.util.function.Consumer;

/**
 * The final stage runs as root: no USER (and a base image that does not set a non-root user),
 * or a last USER of root / 0. CIS Docker Benchmark 4.1: create a user for the container.
 */
public final class RootUser extends DockerfileRule {
  public RootUser() {
    super(
        "BW-D001",
        "Container runs as root",
        Severity.CRITICAL,
        Category.PRIVILEGE,
        "A process running as root inside the container is root on the host's kernel: any code-execution bug becomes a"
            + " full container compromise, and one kernel or runtime escape away from the host. Files it can write include"
            + " every binary in the image.",
        "Create an unprivileged user with a fixed UID (e.g. `RUN addgroup -S -g 10001 app && adduser -S -u 10001 -G app app`)"
            + " and end the final stage with `USER 10001:10001`, or use a base image that runs as non-root"
            + " (`gcr.io/distroless/static-debian12:nonroot`).",
        List.of("DL3002", "DS002", "CIS-DI-0001"),
        "https://docs.docker.com/build/building/best-practices/#user");
    inPurpose(Purpose.BASE, Severity.LOW, "base image: the images built FROM it must set USER");
    inPurpose(Purpose.DEVELOPMENT, Severity.LOW, "development image, not deployed");
    inPurpose(Purpose.FIXTURE, Severity.INFO, "test fixture");
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    Stage last = target.model().finalStage().orElse(null);
    if (last == null) {
      return;
    }
    if (webAssembly(target, last)) {
      return;
    }
    List<Command.User> users = last.commands(Command.User.class);
    String user = last.finalState().user();
    if (user == null) {
      if (!baseRunsAsNonRoot(last.base())) {
        report.accept(noUser(target, last));
      }
      return;
    }
    Command.User at = users.isEmpty() ? null : users.getLast();
    if (user.isEmpty() && at != null && at.instruction().args().stream().noneMatch(a -> a.contains("$"))) {
      // USER "" (or a bare USER) sets the config's User to empty, which the runtime reads as root
      report.accept(finding("USER is empty, which resets the user to root: the container runs as root", at.instruction().span(), last));
      return;
    }
    if (Users.isRoot(user)) {
      String message = "USER " + user + " is the last user of the final stage: the container runs as root";
      Span span = at != null ? at.instruction().span() : last.from().instruction().span();
      Finding byRunner = runnerGraded(target, message, span, last);
      report.accept(byRunner != null ? byRunner : finding(message, span, last));
    }
  }

  /**
   * The finding for a final stage with no USER, graded by what runs: an entrypoint that drops
   * privileges, a server whose workers drop, files only, Windows' administrator, a parent Bulwark
   * cannot see, or plain root. The root of the FROM chain and the program are worked out once.
   */
  private Finding noUser(DockerfileTarget target, Stage last) {
    Span at = last.from().instruction().span();
    BaseImage root = PurposeInference.rootBase(target.model(), last);
    String parent = root instanceof BaseImage.Image image ? image.reference().familiarName() : null;
    String own = PurposeInference.program(last);
    String program = own != null ? own : inheritedProgram(root, parent);
    String dropper = privilegeDropper(target, last);
    if (dropper != null) {
      // postgres, redis, mongo…: the entrypoint script starts as root to fix up volumes, then execs the server through gosu
      return finding("No USER in the final stage: the container starts as root, and " + dropper
          + " is installed for its entrypoint script to drop to an unprivileged user (check that it does)", at, last).withSeverity(Severity.LOW);
    }
    Finding byRunner = runnerGraded(target, "No USER in the final stage", at, last);
    if (byRunner != null) {
      return byRunner;
    }
    if ("sshd".equals(program)) {
      return finding("No USER in the final stage: sshd runs as root, as it must to log users in; each session runs as the user"
          + " who logged in (check that root login is off)", at, last).withSeverity(Severity.MEDIUM);
    }
    if (program != null && SELF_DROPPING_SERVERS.contains(program)) {
      return finding("No USER in the final stage: " + program + "'s main process runs as root (its workers drop to an"
          + " unprivileged user, the master does not)", at, last).withSeverity(Severity.MEDIUM);
    }
    if (program != null && CONFIG_DROPPING_DAEMONS.contains(program)) {
      return finding("No USER in the final stage: " + program + " starts as root to bind its ports or set up its devices, then"
          + " drops to the user its options or configuration name (check that they do)", at, last).withSeverity(Severity.MEDIUM);
    }
    if (program != null && TUNNEL_DAEMONS.contains(program)) {
      return finding("No USER in the final stage: " + program + " runs as root to create its tun device and set routes and"
          + " firewall rules (CAP_NET_ADMIN); give the container only that capability (cap_drop ALL, cap_add NET_ADMIN)", at, last)
          .withSeverity(Severity.MEDIUM);
    }
    String server = program != null && SUPERVISORS.contains(program) ? inheritedProgram(root, parent) : null;
    if (server != null && SELF_DROPPING_SERVERS.contains(server)) {
      // nextcloud's examples: supervisord starts the base image's php-fpm (and cron), as the base would have
      return finding("No USER in the final stage: " + program + " runs as root and starts " + parent + "'s " + server
          + ", whose workers drop to an unprivileged user", at, last).withSeverity(Severity.MEDIUM);
    }
    if (program != null && ROOT_BY_DESIGN.contains(program)) {
      return finding("No USER in the final stage: the container runs as root, which " + program + " requires by design (it"
          + " creates namespaces, cgroups and mounts for the containers it runs); a rootless variant, where there is one, avoids it", at, last)
          .withSeverity(Severity.LOW);
    }
    if (last.entrypoint() == null && last.cmd() == null && root instanceof BaseImage.Scratch) {
      // files to export or copy from (docker build --output): it may never run
      return finding("No USER in the final stage: the image sets no ENTRYPOINT or CMD, but a command run in it"
          + " (docker run IMAGE /app) runs as root", at, last).withSeverity(Severity.LOW);
    }
    if (root instanceof BaseImage.Scratch && program != null && ARTIFACTS.stream().anyMatch(program.toLowerCase(java.util.Locale.ROOT)::endsWith)) {
      // FROM scratch + ENTRYPOINT ["/app.apk"]: a build output to export, which no kernel can execute
      return finding("No USER in the final stage: the image only carries " + program + ", a package no container can run,"
          + " to export or copy from; a command run in it would run as root", at, last).withSeverity(Severity.LOW);
    }
    if (last.entrypoint() == null && root instanceof BaseImage.Image image && inheritsDroppingEntrypoint(image.reference())) {
      return finding("No USER in the final stage: the container starts as root and " + parent
          + "'s entrypoint, which this image keeps, drops to an unprivileged user", at, last).withSeverity(Severity.LOW);
    }
    if (root instanceof BaseImage.Image image && image.reference().normalized().contains("servercore")) {
      // Windows Server Core (and images on it) run as ContainerAdministrator: an administrator of the container, not of the
      // host, but one who can change every file and service in it, and with process isolation shares the host's kernel
      return finding("No USER in the final stage: the container runs as ContainerAdministrator, the container's administrator"
          + " (set USER ContainerUser)", at, last).withSeverity(Severity.HIGH);
    }
    if (!knownToRunAsRoot(root)) {
      // the parent may well set USER (jupyter's images do): what Bulwark cannot see is a question to check, not a finding to fix
      return finding("No USER in the final stage: the container runs as the user " + (parent == null ? "its base image" : parent)
          + " sets, root unless that image sets another", at, last).withSeverity(Severity.LOW);
    }
    String tool = target.purpose().purpose() == Purpose.APPLICATION ? PurposeInference.toolProgram(target.model(), last) : null;
    if (tool != null) {
      // kicad, firefox, jess/curl: run on a workstation with the user's arguments, no port, no project code to reach remotely
      return finding("No USER in the final stage: the container runs " + tool + " as root; it is a desktop or command-line tool"
          + " image (no port published), run on demand rather than deployed, so root matters most"
          + " when it is given host mounts, devices or a display socket", at, last).withSeverity(Severity.LOW);
    }
    Finding f = finding("No USER in the final stage: the container runs as root", at, last);
    Fix fix = addUser(target, last, root);
    return fix == null ? f : f.withFix(fix);
  }

  /**
   * The finding when what runs the image decides its user: its Compose service (see
   * {@link #composeGraded}), else the Kubernetes workload the project's skaffold file deploys it
   * with, when that gives a non-root runAsUser. Null when neither decides anything.
   */
  private Finding runnerGraded(DockerfileTarget target, String what, Span at, Stage last) {
    Finding byCompose = composeGraded(target.compose(), what, at, last);
    if (byCompose != null) {
      return byCompose;
    }
    KubernetesWorkload k8s = target.kubernetes();
    if (k8s.runsAsNonRoot()) {
      // Online Boutique: skaffold deploys each service with runAsUser 1000 and runAsNonRoot, the image sets no USER
      return finding(what + ": its Kubernetes workload " + k8s.workload() + " (" + k8s.file() + ") runs it as uid " + k8s.runAsUser()
          + ", but docker run, Compose and clusters without that manifest start it as root; set a non-root USER in the image too", at, last)
          .withSeverity(Severity.MEDIUM);
    }
    return null;
  }

  /**
   * The finding when the Compose service that builds the image decides the user: a service that
   * is given root's powers ({@code privileged}, {@code cap_add}) needs root for them, since a
   * non-root process does not get added capabilities, so USER is not the fix (the Compose rules
   * judge the powers); a service that sets a non-root {@code user} does not run as root under
   * Compose, though other runtimes start the image as root. Null when Compose decides nothing.
   */
  private Finding composeGraded(ComposeService compose, String what, Span at, Stage last) {
    String where = "its Compose service " + compose.service() + " (" + compose.file() + ")";
    if (compose.rootPowers() != null) {
      return finding(what + ": the container runs as root, which " + where + " needs for the powers it gives it ("
          + compose.rootPowers() + "); a non-root user would not get them, so review the powers rather than the user", at, last)
          .withSeverity(Severity.LOW);
    }
    if (compose.runsAsNonRoot()) {
      return finding(what + ": " + where + " runs it as user " + compose.user().strip() + ", but docker run and Kubernetes"
          + " without runAsUser start it as root; set a non-root USER in the image too", at, last).withSeverity(Severity.LOW);
    }
    return null;
  }

  /** Official images whose default variants have groupadd and useradd (Debian, Ubuntu and RHEL-likes). */
  private static final java.util.Set<String> DEBIAN_BASED = java.util.Set.of("debian", "ubuntu", "node", "python", "golang", "ruby", "php",
      "perl", "rust", "openjdk", "eclipse-temurin", "buildpack-deps", "gcc", "maven", "gradle", "elixir", "erlang", "haskell", "julia",
      "r-base", "swift", "fedora", "rockylinux", "almalinux", "centos", "oraclelinux");

  /**
   * A numeric non-root USER in the final stage (before its closing metadata instructions), after a RUN creating that user and
   * group where the base has the tools: busybox's addgroup/adduser on Alpine and busybox,
   * groupadd/useradd on Debian, Ubuntu and RHEL-likes, nothing on scratch (a numeric user needs no
   * passwd entry). Unsafe: a program that writes where only root may, or binds a port below 1024,
   * stops working. Unknown bases (and Windows) get no fix, nor do images that are not applications.
   */
  private static Fix addUser(DockerfileTarget target, Stage last, BaseImage root) {
    if (target.purpose().purpose() != Purpose.APPLICATION) {
      return null; // a base, toolchain or dev image: the images built FROM it choose their user
    }
    String create;
    if (root instanceof BaseImage.Scratch) {
      create = null;
    } else if (root instanceof BaseImage.Image image) {
      ImageReference ref = image.reference();
      String name = ref.repository().substring(ref.repository().lastIndexOf('/') + 1);
      String tag = ref.effectiveTag() == null ? "" : ref.effectiveTag().toLowerCase(java.util.Locale.ROOT);
      boolean official = ref.isOfficialImage();
      if (!official || tag.contains("windows") || tag.contains("nanoserver") || tag.contains("servercore")) {
        return null;
      }
      if (name.equals("alpine") || name.equals("busybox") || tag.contains("alpine")) {
        create = "RUN addgroup -S -g 10001 app && adduser -S -u 10001 -G app app";
      } else if (DEBIAN_BASED.contains(name)) {
        create = "RUN groupadd -g 10001 app && useradd -u 10001 -g app -M -s /usr/sbin/nologin app";
      } else {
        return null;
      }
    } else {
      return null;
    }
    dev.bulwark.core.text.SourceText source = target.file().source();
    String text = source.text();
    int end = last.from().instruction().span().endOffset();
    for (Command c : last.commands()) {
      end = Math.max(end, c.instruction().extent().endOffset());
    }
    String nl = text.contains("\r\n") ? "\r\n" : "\n";
    // before the stage's closing metadata (EXPOSE, CMD, ENTRYPOINT…), where people write USER; else after its last line
    List<Command> commands = last.commands();
    int tail = commands.size();
    while (tail > 0 && METADATA.contains(commands.get(tail - 1).instruction().command())) {
      tail--;
    }
    if (tail < commands.size()) {
      int line = commands.get(tail).instruction().startLine();
      return userFix(source, source.lineStart(line), "", create, nl);
    }
    // after the stage's last line, which may end the file without a line end
    int at = text.indexOf('\n', Math.max(0, end - 1));
    String lead = "";
    if (at < 0) {
      at = text.length();
      lead = nl;
    } else {
      at++;
    }
    return userFix(source, at, lead, create, nl);
  }

  /** Instructions that set image metadata and run nothing: USER may go before them. */
  private static final java.util.Set<String> METADATA = java.util.Set.of("expose", "cmd", "entrypoint", "healthcheck", "label",
      "stopsignal", "volume");

  private static Fix userFix(dev.bulwark.core.text.SourceText source, int at, String lead, String create, String nl) {
    String lines = lead + (create == null ? "" : create + nl) + "USER 10001:10001" + nl;
    return Fix.unsafe(create == null ? "Add USER 10001:10001 to the final stage"
        : "Create user app (10001) and add USER 10001:10001 to the final stage", Edit.insert(source, at, lines));
  }

  /**
   * What an image that sets no command runs: its base's. FROM nginx runs nginx; an official image's
   * fpm variant (php:8.4-fpm, nextcloud:fpm-alpine) runs php-fpm and its apache variant apache2-foreground.
   */
  private static String inheritedProgram(BaseImage root, String parent) {
    if (parent == null) {
      return null;
    }
    String tag = root instanceof BaseImage.Image image && image.reference().effectiveTag() != null
        ? image.reference().effectiveTag().toLowerCase(java.util.Locale.ROOT) : "";
    for (String word : tag.split("[-_.]")) {
      if (word.equals("fpm")) {
        return "php-fpm";
      }
      if (word.equals("apache")) {
        return "apache2-foreground";
      }
    }
    return parent.substring(parent.lastIndexOf('/') + 1);
  }

  /** Build outputs that are packages or archives, not programs: on scratch, with nothing to run them, they are only exported. */
  private static final List<String> ARTIFACTS = List.of(".apk", ".aab", ".ipa", ".zip", ".tar", ".tgz", ".tar.gz", ".jar", ".war", ".whl",
      ".deb", ".rpm", ".msi", ".nupkg");

  /**
   * Daemons that start as root and switch to an unprivileged user themselves, as their options or configuration say (squid's
   * cache_effective_user, dnsmasq --user, openvpn's and sniproxy's {@code user nobody}): a non-root USER would stop them binding
   * their ports or creating their tun device.
   */
  private static final java.util.Set<String> CONFIG_DROPPING_DAEMONS = java.util.Set.of("squid", "sniproxy", "dnsmasq", "openvpn",
      "ovpn_run", "ocserv", "unbound", "named", "chronyd", "ntpd", "tor", "privoxy", "vsftpd", "proftpd", "pure-ftpd", "exim", "exim4",
      "smtpd", "rsyslogd", "haproxy", "pdns_server", "pdns_recursor", "pdnsd", "slapd");

  /** VPN and tunnel daemons, which need the network administrator's capability for the tun device and routes they manage. */
  private static final java.util.Set<String> TUNNEL_DAEMONS = java.util.Set.of("tailscaled", "zerotier-one", "wg-quick", "charon",
      "pppd", "pptpd", "xl2tpd", "nebula", "tincd");

  /** Process supervisors that start the programs of their config: what they start is what runs. */
  private static final java.util.Set<String> SUPERVISORS = java.util.Set.of("supervisord", "s6-svscan", "runsvdir");

  /**
   * Daemons that must run as root to do their work: container engines create namespaces, cgroups
   * and mounts (docker:dind's dockerd-entrypoint.sh starts dockerd). Rootless modes exist and run with USER set.
   */
  private static final java.util.Set<String> ROOT_BY_DESIGN = java.util.Set.of("dockerd", "dockerd-entrypoint.sh", "containerd",
      "buildkitd", "crio", "k3s", "kubelet");

  /** Servers that start as root to bind their ports and serve requests from worker processes under a user of their config. */
  private static final java.util.Set<String> SELF_DROPPING_SERVERS = java.util.Set.of("nginx", "httpd", "httpd-foreground", "apache2",
      "apache2-foreground", "php-fpm", "openresty", "lighttpd", "postfix", "dovecot", "unitd");

  /**
   * True when the final image's chain starts FROM scratch, an official image (docker.io/library: they
   * all default to root), or an OS or toolchain image; false for other images, whose USER Bulwark cannot see.
   */
  private static boolean knownToRunAsRoot(BaseImage root) {
    if (root instanceof BaseImage.Image image) {
      ImageReference ref = image.reference();
      return ref.isOfficialImage()
          || PurposeInference.isToolchain(ref.familiarName());
    }
    return root == null || root instanceof BaseImage.Scratch;
  }


  /**
   * Official images whose entrypoint starts as root and execs the server as its own user (gosu in
   * docker-entrypoint.sh); an image FROM one of them that sets no ENTRYPOINT of its own keeps that.
   */
  private static final java.util.Set<String> DROPPING_OFFICIAL_IMAGES = java.util.Set.of("postgres", "redis", "mongo", "mysql", "mariadb",
      "rabbitmq", "cassandra", "couchdb", "elasticsearch", "zookeeper", "influxdb", "neo4j", "percona", "ghost", "solr", "memcached");

  private static boolean inheritsDroppingEntrypoint(ImageReference ref) {
    ImageReference hub = ref.hubEquivalent();
    return hub.registry().equals(ImageReference.DOCKER_HUB) && DROPPING_OFFICIAL_IMAGES.contains(hub.familiarName());
  }

  /**
   * A WebAssembly image runs in a wasm runtime, where there is no Linux user to be root: one built
   * FROM --platform=wasi/wasm, or FROM scratch with a .wasm module as its program (the platform is
   * then often given by the Compose file or docker build --platform instead).
   */
  private static boolean webAssembly(DockerfileTarget target, Stage last) {
    String platform = last.from().platform();
    if (platform != null && (platform.contains("wasi") || platform.contains("wasm"))) {
      return true;
    }
    String program = PurposeInference.program(last);
    return program != null && program.endsWith(".wasm") && PurposeInference.rootBase(target.model(), last) instanceof BaseImage.Scratch;
  }

  /** Tools an entrypoint script execs the main process through to leave root. */
  private static final List<String> DROPPERS = List.of("gosu", "su-exec", "setpriv", "s6-setuidgid", "chpst");

  /**
   * The privilege-dropping tool the final image installs, when its ENTRYPOINT is a script that can
   * use it (docker-entrypoint.sh); null otherwise. The script itself is not read: the finding says to check it.
   */
  private static String privilegeDropper(DockerfileTarget target, Stage last) {
    String entry = last.entrypoint() == null ? "" : last.entrypoint().display();
    if (!entry.contains(".sh") && !entry.contains("entrypoint")) {
      return null;
    }
    for (DockerfileTarget.RunStep step : target.runs()) {
      if (!step.inFinalStage()) {
        continue;
      }
      String script = step.run().command().display();
      for (String tool : DROPPERS) {
        int at = script.indexOf(tool);
        while (at >= 0) {
          int end = at + tool.length();
          boolean word = (at == 0 || !Character.isLetterOrDigit(script.charAt(at - 1)))
              && (end == script.length() || !Character.isLetterOrDigit(script.charAt(end)));
          if (word) {
            return tool;
          }
          at = script.indexOf(tool, end);
        }
      }
    }
    return null;
  }

  /** Base images documented to default to a non-root user. */
  private static boolean baseRunsAsNonRoot(BaseImage base) {
    if (!(base instanceof BaseImage.Image image)) {
      return false;
    }
    ImageReference ref = image.reference();
    String tag = ref.tag() == null ? "" : ref.tag();
    // .NET's chiseled images run as uid 1654 (app); Windows Nano Server as ContainerUser, not ContainerAdministrator
    // .NET's distroless images (Azure Linux) run as app too
    if (tag.contains("nonroot") || tag.contains("chiseled") || tag.contains("nanoserver") || ref.repository().endsWith("/nanoserver")
        || ref.registry().equals("mcr.microsoft.com") && ref.repository().startsWith("dotnet/") && tag.contains("distroless")) {
      return true;
    }
    // Chainguard images run as uid 65532 except their -dev variants.
    return ref.registry().equals("cgr.dev") && !tag.endsWith("-dev") && !tag.equals("latest-dev");
  }
}
