package dev.bulwark.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.yaml.YamlLoader;
import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlNode;
import dev.bulwark.yaml.YamlScalar;
import dev.bulwark.yaml.YamlSequence;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Bulwark's merged model agrees with the real tool: for each fixture under
 * {@code src/test/resources/conformance/NAME/} (its Compose files, in the {@code -f} order the
 * {@code FILES} file lists; its {@code .env}; the process environment in {@code ENVIRONMENT}, the only
 * variables set), {@code docker-compose -f … config} (Debian's docker-compose 1.29) prints the model
 * it would run, and Bulwark's {@link ComposeProject} must express the same. Skipped, saying so, when
 * the binary is absent ({@code apt-get install docker-compose}; .ci/run installs it).
 *
 * <p>Both sides are normalised to what they express, not how 1.29 prints it: keys sorted; short
 * port syntax and 1.29's long form to {@code ip:published:target/protocol}; short volume syntax to
 * {@code source:target:mode} with relative host paths made absolute and {@code rw} by default;
 * {@code environment}, {@code labels}, {@code sysctls}, {@code extra_hosts} and service
 * {@code networks} to maps whichever form; a secret's or config's short form to {@code {source: x}};
 * lists compose treats as sets ({@code cap_add}, {@code expose}, {@code dns}…) sorted; numbers and
 * strings alike as text; a null resource as an empty one; {@code depends_on} as 1.29's long form;
 * healthcheck durations in seconds; a volume target's trailing slash dropped; an external network's
 * {@code name} equal to its key dropped (1.29 adds it); 1.29's {@code $$} in printed values (it
 * re-escapes {@code $}) as {@code $}; its added {@code version: '3.9'} dropped.
 *
 * <p>Differences accepted, because Bulwark follows compose v2 (compose-go) where 1.29 differs, are
 * kept out of the fixtures and covered by the unit tests instead: {@code ${VAR:+alt}}, {@code ${VAR+alt}}
 * and nested defaults ({@code ${A:-${B}}}), which 1.29 rejects; {@code $5} or a lone {@code $}, which
 * 1.29 rejects and v2 keeps; the {@code !reset} and {@code !override} tags (v2 only); and
 * {@code extends} of {@code depends_on}/{@code links}/{@code volumes_from}, which 1.29 drops; a
 * {@code ${VAR}} inside a single-quoted {@code .env} value, which 1.29's python-dotenv expands and
 * compose-go keeps literal; a service's secret or config overridden by one of the same source and
 * another target, or the other way round (1.29 merges them by source, v2 by target); relative host
 * paths in a service extended from a file in another directory, which compose resolves against that
 * directory and Bulwark keeps as written (a rule reads a host path's text, not the disk); an unquoted
 * {@code 2222:22}, which 1.29's YAML 1.1 reads as a base-60 number and compose v2 as text; and
 * {@code env_file}, whose contents 1.29 copies into {@code environment} and Bulwark does not read;
 * a bare {@code KEY} in {@code environment}, which 1.29 fills from the environment and Bulwark leaves
 * without a value (the file holds none).
 */
class DockerComposeConformanceTest {
  private static final Path DIR = Path.of("src/test/resources/conformance");
  private static final Set<String> SETS = Set.of("cap_add", "cap_drop", "expose", "dns", "dns_search", "external_links", "tmpfs",
      "security_opt", "profiles", "devices");
  private static final Set<String> BY_KEY = Set.of("environment", "labels", "sysctls", "extra_hosts");

  @TestFactory
  List<DynamicTest> bulwarkMergesAsDockerComposeDoes() throws IOException {
    String binary = find("docker-compose");
    Assumptions.assumeTrue(binary != null, "docker-compose is not installed (apt-get install docker-compose): the conformance test is skipped");
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> cases = Files.list(DIR)) {
      for (Path c : cases.sorted().toList()) {
        tests.add(DynamicTest.dynamicTest(c.getFileName().toString(), () -> compare(binary, c.toAbsolutePath())));
      }
    }
    return tests;
  }

  private static void compare(String binary, Path dir) throws Exception {
    List<String> files = Files.readAllLines(dir.resolve("FILES")).stream().filter(l -> !l.isBlank()).toList();
    Map<String, String> env = new LinkedHashMap<>();
    Path envFile = dir.resolve("ENVIRONMENT");
    if (Files.exists(envFile)) {
      for (String l : Files.readAllLines(envFile)) {
        if (l.contains("=")) {
          env.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1));
        }
      }
    }
    Object theirs = normalise(dir, tree(YamlLoader.load("docker-compose config", dockerCompose(binary, dir, files, env)).documents().get(0).root()), true);
    List<ComposeProject.Source> sources = new ArrayList<>();
    for (String f : files) {
      sources.add(new ComposeProject.Source(dir.resolve(f).toString(), Files.readString(dir.resolve(f))));
    }
    Path dotEnv = dir.resolve(".env");
    ComposeProject p = ComposeProject.load(sources, env,
        Files.exists(dotEnv) ? new ComposeProject.Source(dotEnv.toString(), Files.readString(dotEnv)) : null,
        (from, file) -> {
          Path f = Path.of(from).resolveSibling(file).normalize();
          return new ComposeProject.Source(f.toString(), Files.readString(f));
        });
    Object ours = normalise(dir, tree(p.model()), false);
    assertThat(ours).as("Bulwark's model of %s vs docker-compose config", dir.getFileName()).isEqualTo(theirs);
  }

  private static String dockerCompose(String binary, Path dir, List<String> files, Map<String, String> env) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(binary));
    for (String f : files) {
      cmd.add("-f");
      cmd.add(f);
    }
    cmd.add("config");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false);
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().putAll(env);
    Path err = Files.createTempFile("compose-config", ".err");
    pb.redirectError(err.toFile());
    Process proc = pb.start();
    byte[] out = proc.getInputStream().readAllBytes();
    assertThat(proc.waitFor(60, TimeUnit.SECONDS)).as("docker-compose config finished").isTrue();
    String stderr = Files.readString(err);
    Files.delete(err);
    assertThat(proc.exitValue()).as("docker-compose config on %s: %s", dir.getFileName(), stderr).isZero();
    return new String(out, StandardCharsets.UTF_8);
  }

  private static String find(String name) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(d, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return null;
  }

  /** The node as maps (sorted), lists and strings; a null scalar as null. */
  static Object tree(YamlNode n) {
    if (n instanceof YamlMapping m) {
      Map<String, Object> out = new TreeMap<>();
      for (YamlMapping.Entry e : m.entries()) {
        out.put(e.key().value(), tree(e.value()));
      }
      return out;
    }
    if (n instanceof YamlSequence s) {
      List<Object> out = new ArrayList<>();
      for (YamlNode i : s.items()) {
        out.add(tree(i));
      }
      return out;
    }
    YamlScalar s = (YamlScalar) n;
    return s.isNull() ? null : s.value();
  }

  @SuppressWarnings("unchecked")
  private static Object normalise(Path dir, Object model, boolean printed) {
    Map<String, Object> root = new TreeMap<>((Map<String, Object>) unescape(model, printed));
    root.remove("version");
    root.keySet().removeIf(k -> k.startsWith("x-")); // extensions are no part of what runs; 1.29 does not print them
    for (String kind : List.of("networks", "volumes", "secrets", "configs")) {
      if (root.get(kind) instanceof Map<?, ?> m) {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
          Object v = e.getValue() == null ? Map.of() : e.getValue();
          if (v instanceof Map<?, ?> vm && e.getKey().equals(vm.get("name"))) { // 1.29 names an external network after its key
            Map<String, Object> copy = new TreeMap<>((Map<String, Object>) vm);
            copy.remove("name");
            v = copy;
          }
          if (v instanceof Map<?, ?> vm && vm.get("file") instanceof String f) {
            Map<String, Object> copy = new TreeMap<>((Map<String, Object>) vm);
            copy.put("file", absolute(dir, f));
            v = copy;
          }
          out.put((String) e.getKey(), v);
        }
        root.put(kind, out);
      }
    }
    Map<String, Object> services = new TreeMap<>();
    for (Map.Entry<String, Object> s : ((Map<String, Object>) root.getOrDefault("services", Map.of())).entrySet()) {
      Map<String, Object> body = new TreeMap<>(s.getValue() == null ? Map.of() : (Map<String, Object>) s.getValue());
      for (Map.Entry<String, Object> f : body.entrySet()) {
        f.setValue(field(dir, f.getKey(), f.getValue()));
      }
      services.put(s.getKey(), body);
    }
    root.put("services", services);
    return root;
  }

  @SuppressWarnings("unchecked")
  private static Object field(Path dir, String key, Object v) {
    if (BY_KEY.contains(key) || key.equals("networks")) {
      return byKey(key, v);
    }
    if (key.equals("build")) { // 1.29 prints the long form, the context absolute, args as a map
      Map<String, Object> out = new TreeMap<>(v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of("context", String.valueOf(v)));
      if (out.get("context") instanceof String c && !c.contains("://")) {
        out.put("context", absolute(dir, c));
      }
      if (out.containsKey("args")) {
        out.put("args", byKey("args", out.get("args")));
      }
      return out;
    }
    if (key.equals("depends_on") && v instanceof List<?> l) { // 1.29 prints the long form
      Map<String, Object> out = new TreeMap<>();
      l.forEach(x -> out.put(String.valueOf(x), Map.of("condition", "service_started")));
      return out;
    }
    if (key.equals("healthcheck") && v instanceof Map<?, ?> m) { // 1.29 prints 90s as 1m30s
      Map<String, Object> out = new TreeMap<>();
      m.forEach((k, x) -> out.put((String) k, x instanceof String d && d.matches("(\\d+h)?(\\d+m)?(\\d+s)?") && !d.isEmpty() ? seconds(d) : x));
      return out;
    }
    if (SETS.contains(key)) {
      List<String> out = new ArrayList<>(v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(v)));
      out.sort(null);
      return out;
    }
    if (key.equals("ports") && v instanceof List<?> l) {
      return l.stream().map(DockerComposeConformanceTest::port).toList();
    }
    if (key.equals("volumes") && v instanceof List<?> l) {
      List<String> out = new ArrayList<>(l.stream().map(x -> x instanceof String s ? volume(dir, s) : String.valueOf(longVolume(dir, x))).toList());
      out.sort(null); // merged by target: the order compose prints them in says nothing
      return out;
    }
    if ((key.equals("secrets") || key.equals("configs")) && v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.stream().map(x -> x instanceof String s ? Map.of("source", s) : x).toList());
      out.sort(java.util.Comparator.comparing(String::valueOf)); // merged by identity: the printed order says nothing
      return out;
    }
    return v;
  }

  private static Map<String, Object> byKey(String key, Object v) {
    Map<String, Object> out = new TreeMap<>();
    if (v instanceof Map<?, ?> m) {
      m.forEach((k, x) -> out.put((String) k, key.equals("networks") && x == null ? Map.of() : x));
    } else if (v instanceof List<?> l) {
      for (Object o : l) {
        String item = String.valueOf(o);
        int sep = key.equals("networks") ? -1 : item.indexOf(key.equals("extra_hosts") && item.indexOf('=') < 0 ? ':' : '=');
        if (key.equals("networks")) {
          out.put(item, Map.of());
        } else {
          out.put(sep < 0 ? item : item.substring(0, sep), sep < 0 ? null : item.substring(sep + 1));
        }
      }
    }
    if (key.equals("extra_hosts")) { // 1.29 prints a map's entries as host:ip; both forms say the same
      Map<String, Object> hosts = new TreeMap<>();
      out.forEach((k, x) -> hosts.put(k, x));
      return hosts;
    }
    return out;
  }

  /** {@code [ip:][published:]target[/proto]} or the long form, as {@code ip:published:target/proto}. */
  private static String port(Object p) {
    if (p instanceof Map<?, ?> m) {
      return str(m.get("host_ip")) + ":" + str(m.get("published")) + ":" + str(m.get("target")) + "/"
          + (m.get("protocol") == null ? "tcp" : m.get("protocol"));
    }
    String s = String.valueOf(p);
    String proto = "tcp";
    if (s.contains("/")) {
      proto = s.substring(s.indexOf('/') + 1);
      s = s.substring(0, s.indexOf('/'));
    }
    String[] parts = s.split(":");
    String ip = parts.length == 3 ? parts[0] : "";
    String published = parts.length >= 2 ? parts[parts.length - 2] : "";
    return ip + ":" + published + ":" + parts[parts.length - 1] + "/" + proto;
  }

  private static String seconds(String duration) {
    long total = 0;
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([hms])").matcher(duration);
    while (m.find()) {
      total += Long.parseLong(m.group(1)) * (m.group(2).equals("h") ? 3600 : m.group(2).equals("m") ? 60 : 1);
    }
    return total + "s";
  }

  private static String str(Object o) {
    return o == null ? "" : String.valueOf(o);
  }

  private static String volume(Path dir, String v) {
    String[] parts = v.split(":");
    if (parts.length == 1) {
      return ":" + parts[0] + ":rw";
    }
    String source = parts[0].startsWith(".") || parts[0].startsWith("/") || parts[0].startsWith("~") ? absolute(dir, parts[0]) : parts[0];
    String target = parts[1].length() > 1 && parts[1].endsWith("/") ? parts[1].substring(0, parts[1].length() - 1) : parts[1];
    return source + ":" + target + ":" + (parts.length > 2 ? parts[2] : "rw");
  }

  private static String absolute(Path dir, String path) {
    if (path.startsWith("~/")) { // 1.29 expands ~ to the home directory
      return Path.of(System.getProperty("user.home")).resolve(path.substring(2)).normalize().toString();
    }
    return dir.resolve(path).normalize().toString();
  }

  /** A long-syntax volume with its bind source made absolute, as 1.29 prints it. */
  @SuppressWarnings("unchecked")
  private static Object longVolume(Path dir, Object v) {
    if (v instanceof Map<?, ?> m && m.get("source") instanceof String s && (s.startsWith(".") || s.startsWith("~"))) {
      Map<String, Object> out = new TreeMap<>((Map<String, Object>) m);
      out.put("source", absolute(dir, s));
      return out;
    }
    return v;
  }

  /** 1.29 prints every $ of a value as $$ (so the output can be read again); ours are the values themselves. */
  private static Object unescape(Object o, boolean printed) {
    if (!printed) {
      return o;
    }
    if (o instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      m.forEach((k, v) -> out.put((String) k, unescape(v, true)));
      return out;
    }
    if (o instanceof List<?> l) {
      return l.stream().map(x -> unescape(x, true)).toList();
    }
    return o instanceof String s ? s.replace("$$", "$") : o;
  }
}
