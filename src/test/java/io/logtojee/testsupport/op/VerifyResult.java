package io.logtojee.testsupport.op;

/**
 * Logto's answer to one submitted passcode in the {@link TestOpenIdProvider}'s passcode flow,
 * following {@code core/libraries/passcode.ts} {@code verifyPasscode}: the checks run in the order
 * not found, expired, too many tries, mismatch; a mismatch counts a try, a match consumes the code.
 *
 * @param status HTTP status Logto answers: 200 on success, else 400
 * @param errorCode Logto's error code, or null on success
 * @param failedAttempts failed tries recorded on the code after this attempt (0 when there is no
 *     code)
 */
public record VerifyResult(int status, String errorCode, int failedAttempts) {

  /**
   * No live code for this address and type: never requested, or already used. Logto looks up only
   * unconsumed codes, so a reused code also gets this.
   */
  public static final String NOT_FOUND = "verification_code.not_found";

  /** The code is older than 600 s. */
  public static final String EXPIRED = "verification_code.expired";

  /** The code already had 10 failed tries; it stays unusable until a new one is requested. */
  public static final String EXCEED_MAX_TRY = "verification_code.exceed_max_try";

  /** Wrong code; the try is counted. */
  public static final String CODE_MISMATCH = "verification_code.code_mismatch";

  /** Whether the code was accepted (and consumed). */
  public boolean verified() {
    return errorCode == null;
  }
}
