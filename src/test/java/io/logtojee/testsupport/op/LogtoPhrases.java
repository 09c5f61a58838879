package io.logtojee.testsupport.op;

import java.util.Map;

/**
 * The English messages Logto's sign-in experience shows for the error codes of the email code flow
 * ({@code packages/phrases/src/locales/en/errors}), so the test pages read like Logto's. Pages show
 * the code next to the message, so tests assert on the code.
 */
final class LogtoPhrases {
  static final String INTERACTION_NOT_FOUND = "session.interaction_not_found";
  static final String INVALID_EMAIL = "user.invalid_email";
  static final String EMAIL_ALREADY_IN_USE = "user.email_already_in_use";
  static final String USER_NOT_EXIST = "user.user_not_exist";

  private static final Map<String, String> ENGLISH =
      Map.ofEntries(
          Map.entry(
              VerifyResult.NOT_FOUND,
              "Verification code not found. Please send verification code first."),
          Map.entry(VerifyResult.CODE_MISMATCH, "Invalid verification code."),
          Map.entry(
              VerifyResult.EXPIRED,
              "Verification code has expired. Please request a new verification code."),
          Map.entry(
              VerifyResult.EXCEED_MAX_TRY,
              "Verification code retries limitation exceeded. Please request a new verification"
                  + " code."),
          Map.entry(
              PasscodeResult.CONNECTOR_GENERAL,
              "Error occurred in connector: {{errorDescription}}"),
          Map.entry(
              PasscodeResult.CONNECTOR_NOT_FOUND,
              "Cannot find any available connector for type: {{type}}."),
          Map.entry(PasscodeResult.CONNECTOR_INVALID_CONFIG, "The connector's config is invalid."),
          Map.entry(
              PasscodeResult.MESSAGE_RATE_LIMITED,
              "Too many messages sent to this recipient. Please try again later."),
          Map.entry(
              INTERACTION_NOT_FOUND,
              "Interaction session not found. Please go back and start the session again."),
          Map.entry(INVALID_EMAIL, "Invalid email address."),
          Map.entry(EMAIL_ALREADY_IN_USE, "This email is associated with an existing account."),
          Map.entry(USER_NOT_EXIST, "User with {{ identifier }} does not exist."));

  private LogtoPhrases() {}

  /**
   * The message for {@code code} with its one placeholder ({@code errorDescription}, {@code type}
   * or {@code identifier}) replaced by {@code detail}; the code itself for an unknown one.
   */
  static String english(String code, String detail) {
    String phrase = ENGLISH.getOrDefault(code, code);
    String value = detail == null ? "" : detail;
    return phrase
        .replace("{{errorDescription}}", value)
        .replace("{{type}}", value)
        .replace("{{ identifier }}", value);
  }
}
