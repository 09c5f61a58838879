package io.logtojee.testsupport.op;

import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Value helpers that several endpoints need, kept in one place so that, for example, the
 * authorization and the token endpoint read {@code scope} and {@code resource} the same way.
 */
final class OidcValues {
  private OidcValues() {}

  /** The space-separated words of a parameter such as {@code scope} or {@code prompt}. */
  static Set<String> words(String value) {
    Set<String> words = new LinkedHashSet<>();
    if (value != null) {
      Arrays.stream(value.trim().split("\\s+")).filter(w -> !w.isEmpty()).forEach(words::add);
    }
    return words;
  }

  /** Logto splits {@code resource=a,b} into separate resource values. */
  static List<String> splitResources(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String value : values) {
      for (String part : value.split(",")) {
        if (!part.isBlank() && !out.contains(part.trim())) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }

  /** The PKCE S256 challenge of a verifier. */
  static String s256(String verifier) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64URL.encode(hash).toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** 256 random bits, URL-safe: for codes, opaque tokens, session and grant ids. */
  static String randomToken() {
    return Base64URL.encode(KeyRing.randomBytes(32)).toString();
  }

  static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
