package dev.bulwark.runtime;

import dev.bulwark.dockerfile.model.BaseImage;
import dev.bulwark.dockerfile.model.BuildModel;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.CommandLine;
import dev.bulwark.dockerfile.model.PortSpec;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.shell.ShellFact;
import dev.bulwark.dockerfile.shell.ShellFacts;
import dev.bulwark.dockerfile.shell.ShellParseResult;
import dev.bulwark.dockerfile.shell.ShellParser;
import dev.bulwark.runtime.RuntimeProfile.Healthcheck;
import dev.bulwark.runtime.RuntimeProfile.Limits;
import dev.bulwark.runtime.RuntimeProfile.Port;
import dev.bulwark.runtime.RuntimeProfile.RunAs;
import dev.bulwark.runtime.RuntimeProfile.WritablePath;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads a {@link RuntimeProfile} from a Dockerfile's build model: a pure function of the model. */
public final class RuntimeProfiles {
  /** The uid and gid the settings run as when the Dockerfile names none: above any distribution's system and user ranges. */
  static final int DEFAULT_ID = 10001;
  /** The uid of distroless {@code :nonroot} and Chainguard images. */
  static final int NONROOT_65532 = 65532;
  private static final int MAX_PORTS = 64;

  private RuntimeProfiles() {}

  /** The profile of {@code model}'s final stage, running {@code image} as service {@code name}. */
  public static RuntimeProfile of(BuildModel model, String name, String image) {
    List<String> notes = new ArrayList<>();
    Stage last = model.finalStage().orElse(null);
    if (last == null) {
      notes.add("The Dockerfile has no FROM: the settings assume an image that runs as " + DEFAULT_ID + " and exposes no port.");
      return new RuntimeProfile(serviceName(name), image, new RunAs(DEFAULT_ID, DEFAULT_ID, "the Dockerfile has no stage, so a dedicated non-root id"), List.of(),
          List.of(new WritablePath("/tmp", false)), null, Limits.DEFAULT, notes);
    }
    RunAs runAs = runAs(model, last, notes);
    List<Port> ports = ports(last, notes);
    List<WritablePath> writable = new ArrayList<>();
    writable.add(new WritablePath("/tmp", false));
    Set<String> volumes = new LinkedHashSet<>();
    for (Stage s : chain(model, last)) {
      for (Command.Volume v : s.commands(Command.Volume.class)) {
        volumes.addAll(v.paths());
      }
    }
    for (String v : volumes) {
      if (!v.equals("/tmp") && v.startsWith("/")) {
        writable.add(new WritablePath(v, true));
      }
    }
    return new RuntimeProfile(serviceName(name), image, runAs, ports, writable, healthcheck(last), Limits.DEFAULT, notes);
  }

  /**
   * The profile of a built image, from its config and account files: what the image really runs
   * as, serves and writes, whatever its Dockerfile said.
   */
  public static RuntimeProfile ofImage(BuiltImage built, String name, String image) {
    List<String> notes = new ArrayList<>();
    RunAs runAs;
    if (built.user().isBlank()) {
      notes.add("The image's config sets no User, so it runs as root: the settings run it as " + DEFAULT_ID + ":" + DEFAULT_ID
          + ". Add `USER " + DEFAULT_ID + ":" + DEFAULT_ID + "` to its Dockerfile and make sure that user can read the app's files.");
      runAs = new RunAs(DEFAULT_ID, DEFAULT_ID, "the image sets no User, so a dedicated non-root id");
    } else {
      runAs = runAs(built.user(), new PasswdAccounts(built.passwd(), built.group()), notes);
    }
    List<Port> ports = new ArrayList<>();
    for (String p : built.exposedPorts()) {
      int slash = p.indexOf('/');
      Integer n = numeric(slash < 0 ? p : p.substring(0, slash));
      Port port = n == null || n < 1 || n > 65535 ? null : new Port(n, slash < 0 ? "tcp" : p.substring(slash + 1).toLowerCase(Locale.ROOT));
      if (port != null && !ports.contains(port) && ports.size() < MAX_PORTS) {
        ports.add(port);
      }
    }
    notePrivilegedPorts(ports, notes);
    List<WritablePath> writable = new ArrayList<>();
    writable.add(new WritablePath("/tmp", false));
    for (String v : built.volumes()) {
      if (!v.equals("/tmp") && v.startsWith("/")) {
        writable.add(new WritablePath(v, true));
      }
    }
    return new RuntimeProfile(serviceName(name), image, runAs, ports, writable, healthcheck(built), Limits.DEFAULT, notes);
  }

  private static Healthcheck healthcheck(BuiltImage built) {
    List<String> test = built.healthTest();
    if (test == null || test.isEmpty()) {
      return null;
    }
    List<String> exec = test.get(0).equals("CMD") ? test.subList(1, test.size()) : null;
    String shell = test.get(0).equals("CMD-SHELL") && test.size() > 1 ? test.get(1) : null;
    if (exec == null && shell == null) {
      return null; // NONE, or a form Docker does not run
    }
    return new Healthcheck(exec, shell, duration(built.healthIntervalNanos()), duration(built.healthTimeoutNanos()),
        duration(built.healthStartPeriodNanos()), built.healthRetries() == 0 ? null : built.healthRetries());
  }

  /** Nanoseconds as a Go duration the way HEALTHCHECK flags are written ({@code 30s}, {@code 1500ms}); null for 0 (unset). */
  static String duration(long nanos) {
    if (nanos <= 0) {
      return null;
    }
    return nanos % 1_000_000_000L == 0 ? nanos / 1_000_000_000L + "s" : nanos % 1_000_000L == 0 ? nanos / 1_000_000L + "ms" : nanos + "ns";
  }

  /** An image's /etc/passwd and /etc/group, read as runc's user lookup reads them. */
  private record PasswdAccounts(String passwd, String group) implements Accounts {
    @Override
    public Integer uid(String name) {
      String[] entry = entry(passwd, name);
      return entry == null || entry.length < 3 ? null : numeric(entry[2]);
    }

    @Override
    public Integer gid(String name) {
      String[] entry = entry(group, name);
      return entry == null || entry.length < 3 ? null : numeric(entry[2]);
    }

    @Override
    public Integer primaryGid(String nameOrUid) {
      for (String line : passwd == null ? new String[0] : passwd.split("\n")) {
        String[] f = line.split(":", -1);
        if (f.length >= 4 && (f[0].equals(nameOrUid) || f[2].equals(nameOrUid))) {
          return numeric(f[3]);
        }
      }
      return null;
    }

    @Override
    public String source() {
      return "the image's /etc/passwd";
    }

    @Override
    public String noUid(String name) {
      return "User " + name + " is not in the image's /etc/passwd: the settings assume " + DEFAULT_ID
          + "; write a numeric USER in the Dockerfile, which Kubernetes needs to enforce runAsNonRoot.";
    }

    private static String[] entry(String file, String name) {
      for (String line : file == null ? new String[0] : file.split("\n")) {
        if (line.startsWith(name + ":")) {
          return line.split(":", -1);
        }
      }
      return null;
    }
  }

  /** The final stage and the stages of this file it is built FROM, nearest first. */
  private static List<Stage> chain(BuildModel model, Stage last) {
    List<Stage> chain = new ArrayList<>();
    Stage s = last;
    while (s != null && chain.size() <= model.stages().size()) {
      chain.add(s);
      s = s.base() instanceof BaseImage.Stage parent ? model.stages().get(parent.index()) : null;
    }
    return chain;
  }

  private static RunAs runAs(BuildModel model, Stage last, List<String> notes) {
    String user = last.finalState().user();
    if (user == null || user.isBlank()) {
      Stage root = chain(model, last).getLast();
      if (root.base() instanceof BaseImage.Image img && runsAsNonroot65532(img.reference().toString())) {
        return new RunAs(NONROOT_65532, NONROOT_65532, "the nonroot user of " + img.reference());
      }
      notes.add("The image sets no USER, so it runs as root: the settings run it as " + DEFAULT_ID + ":" + DEFAULT_ID
          + ". Add `USER " + DEFAULT_ID + ":" + DEFAULT_ID + "` to the Dockerfile and make sure that user can read the app's files.");
      return new RunAs(DEFAULT_ID, DEFAULT_ID, "the Dockerfile sets no USER, so a dedicated non-root id");
    }
    return runAs(user, new Accounts() {
      @Override
      public Integer uid(String name) {
        return createdId(model, name, false);
      }

      @Override
      public Integer gid(String name) {
        return createdId(model, name, true);
      }
    }, notes);
  }

  /** Where a user or group name gets its numeric id: the Dockerfile's useradd/addgroup, or the built image's /etc/passwd and /etc/group. */
  interface Accounts {
    Integer uid(String name);

    Integer gid(String name);

    /** The primary group of user {@code nameOrUid} (passwd's fourth field), or null when unknown. */
    default Integer primaryGid(String nameOrUid) {
      return null;
    }

    /** Where the ids come from, said in the origin comment. */
    default String source() {
      return "the Dockerfile's useradd/adduser";
    }

    /** The note when user {@code name} has no id here: what to do about it. */
    default String noUid(String name) {
      return "USER " + name + " has no uid the Dockerfile fixes (`useradd -u`): the settings assume " + DEFAULT_ID
          + "; make it so (`useradd -u " + DEFAULT_ID + "`) or write a numeric USER, which Kubernetes needs to enforce runAsNonRoot.";
    }
  }

  /** {@code user} (USER's {@code name|uid[:group|gid]}) as numeric ids; root and unknown names become {@link #DEFAULT_ID}, with a note. */
  static RunAs runAs(String user, Accounts accounts, List<String> notes) {
    int colon = user.indexOf(':');
    String u = colon < 0 ? user : user.substring(0, colon);
    String g = colon < 0 ? null : user.substring(colon + 1);
    Integer uid = u.equals("root") ? Integer.valueOf(0) : numeric(u);
    if (uid == null) {
      uid = accounts.uid(u);
    }
    if (uid != null && uid == 0) {
      notes.add("The image runs as root (USER " + user + "): the settings run it as " + DEFAULT_ID + ":" + DEFAULT_ID + " instead.");
      return new RunAs(DEFAULT_ID, DEFAULT_ID, "USER " + user + " is root, so a dedicated non-root id instead");
    }
    if (uid == null) {
      notes.add(accounts.noUid(u));
      uid = DEFAULT_ID;
    }
    Integer gid = g == null ? accounts.primaryGid(u) : numeric(g) != null ? numeric(g) : accounts.gid(g);
    if (gid == null) {
      gid = uid; // the usual one-group-per-user convention (useradd -U)
    }
    String origin = numeric(u) != null ? "USER " + user : "USER " + user + " (uid " + uid + " from " + accounts.source() + ")";
    return new RunAs(uid, gid, origin);
  }

  /** distroless {@code :nonroot} (and {@code :debug-nonroot}) and Chainguard's images run as 65532. */
  static boolean runsAsNonroot65532(String reference) {
    String r = reference.toLowerCase(Locale.ROOT);
    int at = r.indexOf('@');
    String noDigest = at < 0 ? r : r.substring(0, at);
    boolean distrolessNonroot = noDigest.contains("gcr.io/distroless/") && (noDigest.endsWith(":nonroot") || noDigest.endsWith("-nonroot"));
    boolean chainguard = noDigest.startsWith("cgr.dev/chainguard/") && !noDigest.endsWith("-dev") && !noDigest.contains(":latest-dev");
    return distrolessNonroot || chainguard;
  }

  private static Integer numeric(String s) {
    if (s == null || s.isEmpty() || s.length() > 9) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return null;
      }
    }
    return Integer.parseInt(s);
  }

  /** The id a RUN of the file gives user (or group) {@code name}: {@code useradd -u 1001 app}, {@code addgroup -g 1001 app}. */
  private static Integer createdId(BuildModel model, String name, boolean group) {
    for (Stage s : model.stages()) {
      for (Command.Run run : s.commands(Command.Run.class)) {
        if (!(run.command() instanceof CommandLine.Shell sh)) {
          continue;
        }
        ShellParseResult parsed = ShellParser.parse(sh.script());
        if (parsed.script() == null) {
          continue;
        }
        for (ShellFact.UserCreation c : ShellFacts.of(parsed.script()).facts(ShellFact.UserCreation.class)) {
          if (c.group() == group && name.equals(c.name()) && numeric(c.id()) != null) {
            return numeric(c.id());
          }
        }
      }
    }
    return null;
  }

  private static List<Port> ports(Stage last, List<String> notes) {
    List<Port> ports = new ArrayList<>();
    for (PortSpec p : last.exposedPorts()) {
      if (p.start() <= 0) {
        continue; // a variable EXPOSE ${PORT} that did not expand
      }
      for (int n = p.start(); n <= p.end() && ports.size() < MAX_PORTS; n++) {
        Port port = new Port(n, p.protocol().toLowerCase(Locale.ROOT));
        if (!ports.contains(port)) {
          ports.add(port);
        }
      }
    }
    notePrivilegedPorts(ports, notes);
    return ports;
  }

  private static void notePrivilegedPorts(List<Port> ports, List<String> notes) {
    if (ports.stream().anyMatch(Port::privileged)) {
      notes.add("The app listens on a port below 1024 as a non-root user: Docker lets it (since 20.10 containers start with"
          + " net.ipv4.ip_unprivileged_port_start=0); in Kubernetes the pod sets that sysctl. No capability is added:"
          + " NET_BIND_SERVICE does nothing for a non-root process without file capabilities. A port of 1024 or more needs"
          + " neither.");
    }
  }

  private static Healthcheck healthcheck(Stage last) {
    Command.Healthcheck h = last.healthcheck();
    if (h == null || h.none() || h.test() == null) {
      return null;
    }
    List<String> exec = h.test() instanceof CommandLine.Exec e ? e.argv() : null;
    String shell = h.test() instanceof CommandLine.Shell s ? s.script().strip() : null;
    return new Healthcheck(exec, shell, h.interval(), h.timeout(), h.startPeriod(), h.retries());
  }

  /** {@code name} as a DNS label (Compose service and Kubernetes object names): lower case, digits, dashes. */
  public static String serviceName(String name) {
    StringBuilder sb = new StringBuilder();
    for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        sb.append(c);
      } else if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != '-') {
        sb.append('-');
      }
    }
    while (!sb.isEmpty() && sb.charAt(sb.length() - 1) == '-') {
      sb.setLength(sb.length() - 1);
    }
    if (sb.length() > 50) {
      sb.setLength(50);
    }
    if (sb.isEmpty() || !Character.isLetter(sb.charAt(0))) {
      sb.insert(0, "app-");
    }
    String s = sb.toString();
    return s.endsWith("-") ? s.substring(0, s.length() - 1) : s;
  }
}
