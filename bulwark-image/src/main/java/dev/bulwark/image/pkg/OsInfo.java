package dev.bulwark.image.pkg;

import dev.bulwark.image.fs.FileTree;
import dev.bulwark.sbom.OperatingSystem;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The operating system of an image, from /etc/os-release and the distribution release files. */
public record OsInfo(String id, String versionId, String prettyName, String codename) {

  /** The files {@link #detect} reads: the layer reader keeps them. */
  public static final Set<String> FILES = Set.of("etc/os-release", "usr/lib/os-release", "etc/alpine-release", "etc/debian_version");

  public static Optional<OsInfo> detect(FileTree files) {
    Optional<byte[]> osRelease = files.content("etc/os-release").or(() -> files.content("usr/lib/os-release"));
    Map<String, String> kv = new HashMap<>();
    osRelease.ifPresent(b -> kv.putAll(parseOsRelease(new String(b, StandardCharsets.UTF_8))));
    String id = kv.get("ID");
    String version = kv.get("VERSION_ID");
    Optional<byte[]> alpine = files.content("etc/alpine-release");
    if (alpine.isPresent() && (id == null || id.equals("alpine"))) {
      id = "alpine";
      version = new String(alpine.get(), StandardCharsets.UTF_8).strip();
    }
    Optional<byte[]> debian = files.content("etc/debian_version");
    if (id == null && debian.isPresent()) {
      id = "debian";
      version = new String(debian.get(), StandardCharsets.UTF_8).strip();
    }
    if (id == null) {
      return Optional.empty();
    }
    return Optional.of(new OsInfo(id, version, kv.getOrDefault("PRETTY_NAME", id + (version == null ? "" : " " + version)),
        kv.get("VERSION_CODENAME")));
  }

  /**
   * The purl {@code distro} qualifier of OS packages ({@code debian-12}, {@code rhel-9.4}); null
   * when the release has no version (Debian testing and sid ship no VERSION_ID).
   */
  public String purlDistro() {
    return versionId == null ? null : id + "-" + versionId;
  }

  /** The OS as an SBOM records it. */
  public OperatingSystem toSbom() {
    return new OperatingSystem(id, versionId, prettyName);
  }

  /** os-release: KEY=value lines, values optionally quoted with shell-style escapes. */
  static Map<String, String> parseOsRelease(String text) {
    Map<String, String> out = new HashMap<>();
    for (String line : text.split("\n")) {
      line = line.strip();
      int eq = line.indexOf('=');
      if (line.startsWith("#") || eq <= 0) {
        continue;
      }
      String v = line.substring(eq + 1).strip();
      if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
        v = v.substring(1, v.length() - 1).replaceAll("\\\\([\"$`\\\\])", "$1");
      }
      out.put(line.substring(0, eq).strip(), v);
    }
    return out;
  }
}
