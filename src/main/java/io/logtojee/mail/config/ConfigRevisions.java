package io.logtojee.mail.config;

import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/** The ETag and If-Match rules every store shares, wherever it keeps the configuration. */
public final class ConfigRevisions {
  private ConfigRevisions() {}

  /** A strong, quoted ETag over the stored bytes. */
  public static String etagOf(byte[] stored) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(stored);
      return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + '"';
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }

  /**
   * Checks If-Match (RFC 9110 §13.1.1) with strong comparison: {@code *} matches when something is
   * stored, otherwise one of the listed tags must equal {@code currentEtag}.
   */
  public static void checkPrecondition(String ifMatch, String currentEtag, boolean stored) {
    if (ifMatch == null || ifMatch.isBlank()) {
      throw new MailException(
          MailErrorCode.CONFIG_PRECONDITION_REQUIRED,
          "Send If-Match with the ETag of the configuration you edited.");
    }
    String trimmed = ifMatch.trim();
    boolean matches =
        trimmed.equals("*")
            ? stored
            : Arrays.stream(trimmed.split(",")).map(String::trim).anyMatch(currentEtag::equals);
    if (!matches) {
      throw new MailException(
          MailErrorCode.CONFIG_PRECONDITION_FAILED,
          "The configuration was changed since you read it; reload it and apply your edit again.");
    }
  }
}
