package dev.bulwark.image.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * The token endpoint of the registry token-auth flow, as Docker Hub's auth service behaves: it
 * answers {@code GET ?service=&scope=} with an RS256 JWT granting the requested actions, signed
 * by the key whose certificate the registry trusts (sent in the {@code x5c} header), and only to
 * a client presenting the test login by basic auth.
 */
final class TokenService implements HttpHandler {
  static final String SERVICE = "bulwark-test-registry";
  static final String ISSUER = "bulwark-test-issuer";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private final PrivateKey key;
  private final byte[] certificate;
  private final String expectedAuthorization;

  TokenService(Path keyPem, Path certPem, String user, String password) throws IOException {
    try {
      key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pem(keyPem)));
      try (InputStream in = Files.newInputStream(certPem)) {
        certificate = CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
      }
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot load the token signing key: " + e.getMessage(), e);
    }
    expectedAuthorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] pem(Path file) throws IOException {
    String body = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!expectedAuthorization.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"token\"");
        ex.sendResponseHeaders(401, -1);
        return;
      }
      ArrayNode access = JSON.createArrayNode();
      String query = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
      for (String param : query.split("&")) {
        if (param.startsWith("scope=")) {
          String[] scope = URLDecoder.decode(param.substring(6), StandardCharsets.UTF_8).split(":");
          ObjectNode grant = access.addObject().put("type", scope[0]).put("name", scope[1]);
          ArrayNode actions = grant.putArray("actions");
          for (String action : scope[2].split(",")) {
            actions.add(action);
          }
        }
      }
      long now = Instant.now().getEpochSecond();
      ObjectNode header = JSON.createObjectNode().put("typ", "JWT").put("alg", "RS256");
      header.putArray("x5c").add(Base64.getEncoder().encodeToString(certificate));
      ObjectNode claims = JSON.createObjectNode().put("iss", ISSUER).put("sub", LocalRegistry.USER).put("aud", SERVICE)
          .put("exp", now + 300).put("nbf", now - 10).put("iat", now).put("jti", UUID.randomUUID().toString());
      claims.set("access", access);
      String signingInput = URL.encodeToString(JSON.writeValueAsBytes(header)) + "." + URL.encodeToString(JSON.writeValueAsBytes(claims));
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(key);
      rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      String token = signingInput + "." + URL.encodeToString(rs256.sign());
      byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("token", token));
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }
}
