package dev.bulwark.dockerfile.model;

import java.util.regex.Pattern;

/** Go's time.ParseDuration syntax, which HEALTHCHECK flags use ({@code 30s}, {@code 1m30s}). */
final class GoDuration {
  private static final Pattern DURATION = Pattern.compile("[-+]?(0|((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+)");

  private GoDuration() {}

  static boolean isValid(String s) {
    return DURATION.matcher(s).matches();
  }
}
