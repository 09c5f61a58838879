package io.logtojee.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks the {@code Authorization} value Logto's HTTP email connector sends against the configured
 * one. Without this check the sender is an open relay for mail from our DirectMail identity.
 *
 * <p>Both values are hashed first and the digests compared with {@link MessageDigest#isEqual}, so
 * the time taken reveals neither the matching prefix nor the expected length.
 */
public final class CallerAuthorization {
  private final byte[] expectedDigest;

  /**
   * @param expected the configured value, e.g. {@code Bearer 3f9c...}; null or blank means that no
   *     caller is ever accepted (fail closed)
   */
  public CallerAuthorization(String expected) {
    this.expectedDigest = expected == null || expected.isBlank() ? null : sha256(expected);
  }

  /**
   * Whether {@code presented} (the raw header value, possibly null) equals the configured value.
   */
  public boolean matches(String presented) {
    byte[] presentedDigest = sha256(presented == null ? "" : presented);
    boolean equal =
        MessageDigest.isEqual(
            expectedDigest == null ? new byte[presentedDigest.length] : expectedDigest,
            presentedDigest);
    return expectedDigest != null && presented != null && equal;
  }

  /** Whether any value is configured at all; the edge may report mail as down otherwise. */
  public boolean configured() {
    return expectedDigest != null;
  }

  @Override
  public String toString() {
    return "CallerAuthorization[" + (configured() ? "configured" : "not configured") + "]";
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
