package dev.bulwark.vuln.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvProxyTest {
  private static final URI OSV = URI.create("https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip");

  @Test
  void theSchemesVariableLowerCaseFirst() {
    EnvProxy p = new EnvProxy(Map.of("https_proxy", "http://proxy:3128", "HTTPS_PROXY", "http://other:1", "http_proxy", "plain:8080"));
    assertThat(p.proxyFor(OSV)).contains(InetSocketAddress.createUnresolved("proxy", 3128));
    assertThat(p.proxyFor(URI.create("http://mirror/x"))).contains(InetSocketAddress.createUnresolved("plain", 8080));
    assertThat(new EnvProxy(Map.of("HTTPS_PROXY", "http://up:9")).proxyFor(OSV)).contains(InetSocketAddress.createUnresolved("up", 9));
    assertThat(new EnvProxy(Map.of("https_proxy", "http://proxy")).proxyFor(OSV)).contains(InetSocketAddress.createUnresolved("proxy", 80));
    assertThat(new EnvProxy(Map.of()).select(OSV)).containsExactly(Proxy.NO_PROXY);
  }

  @Test
  void noProxyListsHostsAndTheirSubdomains() {
    Map<String, String> env = Map.of("https_proxy", "proxy:3128", "no_proxy", "localhost, .googleapis.com,mirror:8443");
    EnvProxy p = new EnvProxy(env);
    assertThat(p.proxyFor(OSV)).isEmpty();
    assertThat(p.proxyFor(URI.create("https://mirror:8443/x"))).isEmpty();
    assertThat(p.proxyFor(URI.create("https://secdb.alpinelinux.org/v3.22/main.json"))).isPresent();
    assertThat(p.proxyFor(URI.create("https://notgoogleapis.com/"))).isPresent();
    assertThat(new EnvProxy(Map.of("https_proxy", "proxy:1", "NO_PROXY", "*")).proxyFor(OSV)).isEmpty();
  }

  @Test
  void credentialsAreRefusedInWords() {
    assertThatThrownBy(() -> new EnvProxy(Map.of("https_proxy", "http://u:p@proxy:3128")).proxyFor(OSV))
        .hasMessage("https_proxy: a proxy with credentials is not supported");
  }
}
