package dev.bulwark.core.eol;

import dev.bulwark.core.ref.ImageReference;
import java.io.IOException;
import java.io.InputStream;
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
  public record Cycle(String product, String cycle, String eolDate, String latest, String ltsDate) {
    public Cycle(String product, String cycle, String eolDate, String latest) {
      this(product, cycle, eolDate, latest, "-");
    }

    /**
     * The end of free long-term security updates after regular support ends (Debian LTS), or null
     * when there are none: paid extensions (Ubuntu ESM, RHEL ELS) do not count.
     */
    public LocalDate lts() {
      return ltsDate.equals("-") ? null : LocalDate.parse(ltsDate);
    }

    /** Past regular support but still getting free LTS security updates on {@code asOf}. */
    public boolean inLts(LocalDate asOf) {
      return isEndOfLife(asOf) && lts() != null && lts().isAfter(asOf);
    }

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
      Map.entry("questing", "25.10"), Map.entry("resolute", "26.04"));
  private static final Pattern VERSION = Pattern.compile("^v?(\\d+(?:\\.\\d+)*)");

  private static volatile EolCatalog instance;
  /** The catalog text; a product's lines are parsed the first time it is asked for. */
  private final String text;
  private final Map<String, Map<String, Cycle>> byProduct = new java.util.concurrent.ConcurrentHashMap<>();

  private EolCatalog(String text) {
    this.text = text;
  }

  public static EolCatalog get() {
    EolCatalog c = instance;
    if (c == null) {
      try (InputStream in = EolCatalog.class.getResourceAsStream("eol-catalog.tsv")) {
        c = new EolCatalog(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException | NullPointerException e) {
        throw new IllegalStateException("the bundled EOL catalog cannot be read", e);
      }
      instance = c;
    }
    return c;
  }

  /** The cycles of one product (product, cycle, eol, latest per line). */
  private Map<String, Cycle> cycles(String product) {
    return byProduct.computeIfAbsent(product, p -> {
      Map<String, Cycle> m = new HashMap<>();
      String prefix = "\n" + p + "\t";
      for (int at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + 1)) {
        int end = text.indexOf('\n', at + 1);
        String[] f = text.substring(at + 1, end < 0 ? text.length() : end).split("\t");
        m.put(f[1], new Cycle(f[0], f[1], f[2], f.length > 3 ? f[3] : "", f.length > 4 ? f[4] : "-"));
      }
      return m;
    });
  }

  /** The release a Debian or Ubuntu codename names ({@code bookworm}: 12, {@code noble}: 24.04), or null. */
  public static String codenameVersion(String codename) {
    return CODENAMES.get(codename);
  }

  /** The codename of a Debian or Ubuntu release ({@code 13}: trixie, {@code 24.04}: noble), or null. */
  public static String codenameOf(String version) {
    for (Map.Entry<String, String> e : CODENAMES.entrySet()) {
      if (e.getValue().equals(version)) {
        return e.getKey();
      }
    }
    return null;
  }

  /** Whether {@code codename} is one of Ubuntu's (the others known are Debian's). */
  public static boolean isUbuntuCodename(String codename) {
    String v = CODENAMES.get(codename);
    return v != null && v.contains(".");
  }

  /** Every cycle the catalog has of {@code product} (none for an unknown product), in no order. */
  public java.util.Collection<Cycle> cyclesOf(String product) {
    return java.util.Collections.unmodifiableCollection(cycles(product).values());
  }

  /** The release cycle an official image tag belongs to, when the catalog knows it. */
  public Optional<Cycle> cycleOf(ImageReference written) {
    ImageReference ref = written.hubEquivalent(); // a Docker Hub mirror's copy has the official image's cycles
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
        return Optional.ofNullable(cycles(product).get(codename));
      }
    }
    return cycleOfRelease(product, tag);
  }

  /**
   * The cycle of a product release ({@code rhel} and {@code 9.4}: cycle 9): the longest leading
   * dotted-number prefix of {@code version} that names a cycle.
   */
  public Optional<Cycle> cycleOfRelease(String product, String version) {
    Matcher m = VERSION.matcher(version);
    if (!m.find()) {
      return Optional.empty();
    }
    String v = m.group(1);
    Map<String, Cycle> known = cycles(product);
    while (true) {
      Cycle c = known.get(v);
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
