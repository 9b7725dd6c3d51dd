package dev.bulwark.dockerfile.model;

import dev.bulwark.core.text.Span;

/** An EXPOSE entry: a port or range and its protocol (tcp when not written); {@code span} is the word it came from. */
public record PortSpec(String raw, int start, int end, String protocol, Span span) {

  /** Ports below 1024 need root or CAP_NET_BIND_SERVICE to bind. */
  public boolean isPrivileged() {
    return start > 0 && start < 1024;
  }

  public boolean includes(int port) {
    return port >= start && port <= end;
  }
}
