package io.logtojee.mail.aliyun;

import io.logtojee.mail.MailErrorCode;
import java.util.Set;

/**
 * Maps DirectMail's error {@code Code} to our codes. The HTTP status is only a fallback: Aliyun's
 * documents disagree about the statuses, never about the codes.
 */
final class DirectMailErrors {
  /**
   * What to do about one error answer.
   *
   * @param mayHaveBeenSent a server error: DirectMail may have taken the mail before failing, so
   *     the send counts against the limits whatever happens next
   */
  record Classification(
      MailErrorCode code, boolean retriable, boolean throttled, boolean mayHaveBeenSent) {}

  private static final Set<String> CONFIG_CODES =
      Set.of(
          "InvalidMailAddress.NotFound",
          "InvalidMailAddressStatus.Malformed",
          "InvalidMailAddressDomain.Malformed",
          "InvalidMailAddressSendType.Malformed",
          "InvalidUser.NotFound",
          "InvalidIP.NotFound",
          "SignatureDoesNotMatch",
          "IncompleteSignature",
          "InvalidFromAlias.Malformed",
          "InvalidFromALias.Malformed");
  private static final Set<String> RECIPIENT_CODES =
      Set.of(
          "InvalidToAddress",
          "InvalidToAddress.Spam",
          "InvalidReceiverName.Malformed",
          "EmailFormatError",
          "EmailLengthError");
  private static final Set<String> UNAVAILABLE_CODES =
      Set.of("InternalError", "InternalServiceError", "ServiceUnavailable");

  private DirectMailErrors() {}

  static Classification classify(int httpStatus, String code) {
    if (code != null) {
      if (code.startsWith("Throttling")) {
        return new Classification(MailErrorCode.RATE_LIMITED, true, true, false);
      }
      if (UNAVAILABLE_CODES.contains(code)) {
        return new Classification(MailErrorCode.PROVIDER_UNAVAILABLE, true, false, true);
      }
      if (CONFIG_CODES.contains(code)
          || code.startsWith("Forbidden")
          || code.startsWith("InvalidAccessKeyId")
          || code.startsWith("InvalidSecurityToken")) {
        return new Classification(MailErrorCode.INVALID_CONFIG, false, false, false);
      }
      if (RECIPIENT_CODES.contains(code)) {
        return new Classification(MailErrorCode.INVALID_RECIPIENT, false, false, false);
      }
    }
    if (httpStatus >= 500) {
      return new Classification(MailErrorCode.PROVIDER_UNAVAILABLE, true, false, true);
    }
    return new Classification(MailErrorCode.PROVIDER_REJECTED, false, false, false);
  }

  static String message(MailErrorCode code, String providerCode, int httpStatus) {
    String what = providerCode != null ? providerCode : "HTTP " + httpStatus;
    return switch (code) {
      case INVALID_CONFIG -> "DirectMail refused the sender configuration (" + what + ").";
      case INVALID_RECIPIENT -> "DirectMail refused the recipient address (" + what + ").";
      case RATE_LIMITED -> "DirectMail is throttling requests (" + what + "); try again later.";
      case PROVIDER_UNAVAILABLE -> "DirectMail is unavailable (" + what + "); try again later.";
      default -> "DirectMail rejected the mail (" + what + ").";
    };
  }
}
