package dev.bulwark.dockerfile.model;

import java.util.Map;

/**
 * One {@code RUN --mount=...}: {@code type} is bind (default), cache, tmpfs, secret or ssh;
 * {@code options} keeps every key as written (after variable expansion).
 */
public record Mount(String type, String target, String source, String from, String id, boolean readOnly, Map<String, String> options) {

  public boolean isSecret() {
    return type.equals("secret");
  }

  public boolean isCache() {
    return type.equals("cache");
  }
}
