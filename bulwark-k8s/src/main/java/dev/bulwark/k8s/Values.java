package dev.bulwark.k8s;

import dev.bulwark.yaml.YamlNode;
import dev.bulwark.yaml.YamlScalar;

/**
 * Scalars read as kubectl reads them: sigs.k8s.io/yaml decodes with go-yaml v2, which takes YAML
 * 1.1's booleans ({@code yes}, {@code on}, {@code y}…) and integers ({@code 0x1F}, {@code 0o17}) when
 * unquoted. A quoted value is a string, which the API server would refuse for a boolean field: it is
 * read as unset.
 */
public final class Values {
  private Values() {}

  /** TRUE, FALSE, or null when {@code node} is absent, null or not a boolean. */
  public static Boolean bool(YamlNode node) {
    if (!(node instanceof YamlScalar s) || !s.plain()) {
      return null;
    }
    return switch (s.value()) {
      case "true", "True", "TRUE", "yes", "Yes", "YES", "y", "Y", "on", "On", "ON" -> Boolean.TRUE;
      case "false", "False", "FALSE", "no", "No", "NO", "n", "N", "off", "Off", "OFF" -> Boolean.FALSE;
      default -> null;
    };
  }

  public static boolean isTrue(YamlNode node) {
    return Boolean.TRUE.equals(bool(node));
  }

  public static boolean isFalse(YamlNode node) {
    return Boolean.FALSE.equals(bool(node));
  }

  /** The integer, or null when {@code node} is absent, null or not an integer. */
  public static Long integer(YamlNode node) {
    if (!(node instanceof YamlScalar s) || !s.plain() || s.value().isEmpty()) {
      return null;
    }
    String v = s.value().replace("_", "");
    try {
      if (v.startsWith("0x") || v.startsWith("0X")) {
        return Long.parseLong(v.substring(2), 16);
      }
      if (v.startsWith("0o")) {
        return Long.parseLong(v.substring(2), 8);
      }
      return Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The text of a scalar (any style), or null when absent or null. */
  public static String text(YamlNode node) {
    return node instanceof YamlScalar s && !s.isNull() ? s.value() : null;
  }
}
