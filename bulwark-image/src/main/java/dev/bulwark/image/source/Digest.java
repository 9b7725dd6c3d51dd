package dev.bulwark.image.source;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** A content digest such as {@code sha256:<64 hex>}; only sha256 and sha512 are accepted. */
public record Digest(String algorithm, String hex) {
  private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
  private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

  public static Digest parse(String text) throws ImageException {
    int colon = text == null ? -1 : text.indexOf(':');
    if (colon < 0) {
      throw new ImageException("invalid digest '" + text + "'");
    }
    String alg = text.substring(0, colon).toLowerCase(Locale.ROOT);
    String hex = text.substring(colon + 1);
    boolean ok = (alg.equals("sha256") && SHA256.matcher(hex).matches()) || (alg.equals("sha512") && SHA512.matcher(hex).matches());
    if (!ok) {
      throw new ImageException("invalid or unsupported digest '" + text + "'");
    }
    return new Digest(alg, hex);
  }

  public MessageDigest newHasher() {
    try {
      return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public boolean matches(byte[] hash) {
    return HexFormat.of().formatHex(hash).equals(hex);
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
