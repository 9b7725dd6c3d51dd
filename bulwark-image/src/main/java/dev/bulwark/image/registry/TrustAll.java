package dev.bulwark.image.registry;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS without certificate or host-name verification, for registries the user marked insecure
 * (self-signed certificates on test and internal registries). An extended trust manager is
 * needed: JSSE checks the host name inside it, so a plain X509TrustManager would still fail there.
 */
final class TrustAll extends X509ExtendedTrustManager {
  private TrustAll() {}

  static SSLContext context() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new TrustAll()}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS in this JDK", e);
    }
  }

  @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

  @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

  @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

  @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

  @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}

  @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}

  @Override public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
