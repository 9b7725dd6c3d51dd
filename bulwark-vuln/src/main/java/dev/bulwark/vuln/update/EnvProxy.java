package dev.bulwark.vuln.update;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The proxy curl and most tools take from the environment: {@code https_proxy}/{@code HTTPS_PROXY} for https URLs,
 * {@code http_proxy}/{@code HTTP_PROXY} for http (the lower-case name first, as curl reads them), none for the hosts
 * {@code no_proxy}/{@code NO_PROXY} lists (a name matches itself and its subdomains, {@code *} every host). Java itself
 * reads only its system properties. A proxy needing credentials is not supported.
 */
public final class EnvProxy extends ProxySelector {
  private final Map<String, String> env;

  public EnvProxy(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The proxy for {@code uri}, or empty for a direct connection; a malformed proxy variable is an {@link IllegalArgumentException} in words. */
  public Optional<InetSocketAddress> proxyFor(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (bypassed(host)) return Optional.empty();
    String name = scheme.equals("https") ? "https_proxy" : scheme.equals("http") ? "http_proxy" : null;
    if (name == null) return Optional.empty();
    String value = get(name);
    if (value == null || value.isBlank()) return Optional.empty();
    URI p;
    try {
      p = URI.create(value.contains("://") ? value.strip() : "http://" + value.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " '" + value + "' is not a proxy URL");
    }
    if (p.getHost() == null) throw new IllegalArgumentException(name + " '" + value + "' names no proxy host");
    if (p.getUserInfo() != null) throw new IllegalArgumentException(name + ": a proxy with credentials is not supported");
    int port = p.getPort() > 0 ? p.getPort() : "https".equalsIgnoreCase(p.getScheme()) ? 443 : 80;
    return Optional.of(InetSocketAddress.createUnresolved(p.getHost(), port));
  }

  private boolean bypassed(String host) {
    String list = get("no_proxy");
    if (list == null) return false;
    for (String entry : list.split(",")) {
      String e = entry.strip().toLowerCase(Locale.ROOT);
      int colon = e.lastIndexOf(':');
      if (colon > 0 && e.indexOf(':') == colon) e = e.substring(0, colon); // host:port: the port is not compared
      if (e.startsWith("*.")) e = e.substring(1);
      if (e.startsWith(".")) e = e.substring(1);
      if (e.equals("*") || (!e.isEmpty() && (host.equals(e) || host.endsWith("." + e)))) return true;
    }
    return false;
  }

  private String get(String lower) {
    String v = env.get(lower);
    return v != null ? v : env.get(lower.toUpperCase(Locale.ROOT));
  }

  @Override
  public List<Proxy> select(URI uri) {
    return proxyFor(uri).map(a -> List.of(new Proxy(Proxy.Type.HTTP, a))).orElse(List.of(Proxy.NO_PROXY));
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
    // nothing to remember: one proxy per scheme
  }
}
