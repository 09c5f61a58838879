package io.logtojee.testsupport.op;

/**
 * What one "send me a code" request did in the {@link TestOpenIdProvider}'s passcode flow: the
 * answer Logto would give the end user, and what the project's sender (the HTTP email endpoint)
 * answered Logto. Tests compare both, e.g. that a registered and an unregistered address get the
 * same endpoint status, body and timing (MAIL-04).
 *
 * @param status HTTP status Logto answers the end user: 200, 400 ({@code connector.general}, {@code
 *     connector.invalid_config}), 429 ({@code request.message_rate_limited}) or 501 ({@code
 *     connector.not_found})
 * @param errorCode Logto's error code, or null on success
 * @param errorDescription for {@code connector.general}: the connector error's data as JSON, {@code
 *     {"message":"<endpoint body>"}} (for a failed connection, the failure instead of the body);
 *     null otherwise
 * @param endpointCalled whether the endpoint was called at all
 * @param endpointStatus the endpoint's status after redirects; 0 when not called or no answer came
 * @param endpointBody the endpoint's body as text; empty when none
 * @param elapsedNanos duration of the HTTP exchange with the endpoint (0 when not called)
 * @param code the code Logto generated (test only; a real end user only sees it in the mail), null
 *     when none was generated
 */
public record PasscodeResult(
    int status,
    String errorCode,
    String errorDescription,
    boolean endpointCalled,
    int endpointStatus,
    String endpointBody,
    long elapsedNanos,
    String code) {

  /** Logto's per-recipient send cap, 429. */
  public static final String MESSAGE_RATE_LIMITED = "request.message_rate_limited";

  /** The endpoint answered non-2xx (or could not be reached), 400. */
  public static final String CONNECTOR_GENERAL = "connector.general";

  /** No email connector configured, 501. */
  public static final String CONNECTOR_NOT_FOUND = "connector.not_found";

  /** The template type is not one of Logto's {@code TemplateType} values, 400. */
  public static final String CONNECTOR_INVALID_CONFIG = "connector.invalid_config";

  /** Whether Logto reports success to the end user (the endpoint answered 2xx). */
  public boolean succeeded() {
    return errorCode == null;
  }
}
