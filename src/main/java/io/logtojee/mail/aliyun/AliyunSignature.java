package io.logtojee.mail.aliyun;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Aliyun's RPC signature, version 1.0 (HMAC-SHA1), as DirectMail documents it (doc 29442): sort the
 * parameters, percent-encode per RFC 3986, encode the joined string a second time behind {@code
 * METHOD&%2F&}, then HMAC-SHA1 with {@code secret + "&"} and Base64. Pure functions, so the
 * published vectors can pin it.
 */
public final class AliyunSignature {
  /** The parameter that carries the signature; it is never part of what is signed. */
  public static final String SIGNATURE = "Signature";

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private AliyunSignature() {}

  /**
   * RFC 3986 percent-encoding of the UTF-8 bytes: only {@code A-Z a-z 0-9 - _ . ~} stay, everything
   * else becomes {@code %XY} in upper-case hex, a space {@code %20}. ({@link java.net.URLEncoder}
   * is HTML-form encoding and differs for space, {@code *} and {@code ~}.)
   */
  public static String percentEncode(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0x0F]);
      }
    }
    return out.toString();
  }

  /**
   * {@code enc(name)=enc(value)} pairs sorted by name and joined with {@code &}; {@code Signature}
   * and null or empty values are left out, as Aliyun's SDKs do.
   */
  public static String canonicalizedQuery(Map<String, String> parameters) {
    StringJoiner joined = new StringJoiner("&");
    new TreeMap<>(parameters)
        .forEach(
            (name, value) -> {
              if (!SIGNATURE.equals(name) && value != null && !value.isEmpty()) {
                joined.add(percentEncode(name) + "=" + percentEncode(value));
              }
            });
    return joined.toString();
  }

  /** {@code METHOD&%2F&} + enc(canonicalised query). */
  public static String stringToSign(String httpMethod, Map<String, String> parameters) {
    return httpMethod
        + "&"
        + percentEncode("/")
        + "&"
        + percentEncode(canonicalizedQuery(parameters));
  }

  /** Base64 of HMAC-SHA1 over {@code data} keyed with the UTF-8 bytes of {@code key} as given. */
  public static String hmacSha1Base64(String key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA1 is available on every Java runtime", e);
    }
  }

  /**
   * The value of {@code Signature} for these parameters, keyed with {@code accessKeySecret + "&"}.
   */
  public static String sign(
      String httpMethod, Map<String, String> parameters, String accessKeySecret) {
    return hmacSha1Base64(accessKeySecret + "&", stringToSign(httpMethod, parameters));
  }
}
