package dev.bulwark.yaml;

import dev.bulwark.core.text.Span;

/** A scalar: its value as written (after quoting and folding), whether it was plain (unquoted), its tag (null: none). */
public record YamlScalar(String value, boolean plain, String tag, Span span) implements YamlNode {

  /** YAML's null: an empty plain scalar, {@code null}, {@code Null}, {@code NULL} or {@code ~}, untagged. */
  public boolean isNull() {
    if (!plain || tag != null) {
      return "!!null".equals(tag) || "tag:yaml.org,2002:null".equals(tag);
    }
    return value.isEmpty() || value.equals("~") || value.equals("null") || value.equals("Null") || value.equals("NULL");
  }
}
