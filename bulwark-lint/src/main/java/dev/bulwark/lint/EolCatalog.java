package dev.bulwark.lint;

import dev.bulwark.dockerfile.model.ImageReference;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-of-life dates of distributions and runtimes (shipped in the jar, from endoflife.date),
 * and the mapping from official image names and tags to a product's release cycle:
 * {@code python:3.8-slim} is Python 3.8, {@code debian:bullseye} is Debian 11.
 */
public final class EolCatalog {
  /** A product's release cycle: {@code eolDate} is "-" when no end is announced, "past" when ended on an unknown date. */
  public record Cycle(String product, String cycle, String eolDate, String latest) {
    /** The end-of-life date, or null when none is announced or known. */
    public LocalDate eol() {
      return eolDate.equals("-") || eolDate.equals("past") ? null : LocalDate.parse(eolDate);
    }

    public boolean isEndOfLife(LocalDate asOf) {
      LocalDate d = eol();
      return eolDate.equals("past") || (d != null && !d.isAfter(asOf));
    }
  }

  private static final Map<String, String> IMAGE_TO_PRODUCT = Map.ofEntries(
      Map.entry("alpine", "alpine-linux"), Map.entry("debian", "debian"), Map.entry("ubuntu", "ubuntu"), Map.entry("python", "python"),
      Map.entry("node", "nodejs"), Map.entry("golang", "go"), Map.entry("eclipse-temurin", "eclipse-temurin"),
      Map.entry("amazoncorretto", "amazon-corretto"), Map.entry("ruby", "ruby"), Map.entry("php", "php"), Map.entry("postgres", "postgresql"),
      Map.entry("redis", "redis"), Map.entry("mysql", "mysql"), Map.entry("mariadb", "mariadb"), Map.entry("nginx", "nginx"),
      Map.entry("fedora", "fedora"), Map.entry("centos", "centos"), Map.entry("rockylinux", "rocky-linux"), Map.entry("almalinux", "almalinux"),
      Map.entry("amazonlinux", "amazon-linux"), Map.entry("mongo", "mongodb"), Map.entry("haproxy", "haproxy"), Map.entry("perl", "perl"),
      Map.entry("httpd", "apache-http-server"), Map.entry("tomcat", "tomcat"), Map.entry("rust", "rust"), Map.entry("azul/zulu-openjdk", "azul-zulu"),
      Map.entry("gradle", "gradle"), Map.entry("elasticsearch", "elasticsearch"), Map.entry("traefik", "traefik"));
  private static final Map<String, String> CODENAMES = Map.ofEntries(
      Map.entry("jessie", "8"), Map.entry("stretch", "9"), Map.entry("buster", "10"), Map.entry("bullseye", "11"), Map.entry("bookworm", "12"),
      Map.entry("trixie", "13"), Map.entry("trusty", "14.04"), Map.entry("xenial", "16.04"), Map.entry("bionic", "18.04"),
      Map.entry("focal", "20.04"), Map.entry("jammy", "22.04"), Map.entry("kinetic", "22.10"), Map.entry("lunar", "23.04"),
      Map.entry("mantic", "23.10"), Map.entry("noble", "24.04"), Map.entry("oracular", "24.10"), Map.entry("plucky", "25.04"),
      Map.entry("questing", "25.10"));
  private static final Pattern VERSION = Pattern.compile("^v?(\\d+(?:\\.\\d+)*)");

  private static volatile EolCatalog instance;
  private final Map<String, Cycle> cycles;

  private EolCatalog(Map<String, Cycle> cycles) {
    this.cycles = cycles;
  }

  public static EolCatalog get() {
    EolCatalog c = instance;
    if (c == null) {
      c = load();
      instance = c;
    }
    return c;
  }

  private static EolCatalog load() {
    Map<String, Cycle> m = new HashMap<>();
    try (InputStream in = EolCatalog.class.getResourceAsStream("eol-catalog.tsv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t");
        // dates are parsed when a rule asks: most of the 700 entries are never looked at
        m.put(f[0] + "@" + f[1], new Cycle(f[0], f[1], f[2], f.length > 3 ? f[3] : ""));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the bundled EOL catalog cannot be read", e);
    }
    return new EolCatalog(Map.copyOf(m));
  }

  /** The release cycle an official image tag belongs to, when the catalog knows it. */
  public Optional<Cycle> cycleOf(ImageReference ref) {
    if (ref.tag() == null || !ref.registry().equals(ImageReference.DOCKER_HUB)) {
      return Optional.empty();
    }
    String repo = ref.repository().startsWith("library/") ? ref.repository().substring(8) : ref.repository();
    String product = IMAGE_TO_PRODUCT.get(repo);
    if (product == null) {
      return Optional.empty();
    }
    String tag = ref.tag().toLowerCase(Locale.ROOT);
    if (product.equals("debian") || product.equals("ubuntu")) {
      int dash = tag.indexOf('-');
      String codename = CODENAMES.get(dash < 0 ? tag : tag.substring(0, dash));
      if (codename != null) {
        return Optional.ofNullable(cycles.get(product + "@" + codename));
      }
    }
    Matcher m = VERSION.matcher(tag);
    if (!m.find()) {
      return Optional.empty();
    }
    String v = m.group(1);
    while (true) {
      Cycle c = cycles.get(product + "@" + v);
      if (c != null) {
        return Optional.of(c);
      }
      int dot = v.lastIndexOf('.');
      if (dot < 0) {
        return Optional.empty();
      }
      v = v.substring(0, dot);
    }
  }
}
