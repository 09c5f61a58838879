package io.logtojee.auth.token;

import java.util.Locale;
import java.util.Objects;

/**
 * A token was refused. The {@link #reason() reason} and the message are fixed texts that never
 * quote the token, so they are safe for a log line, a JSON error body and the {@code
 * error_description} of a {@code WWW-Authenticate} header (RFC 6750 §3: no quotes or backslashes).
 */
public final class InvalidTokenException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a token was refused. */
  public enum Reason {
    MALFORMED("The token is not a well-formed signed JWT"),
    TOO_LARGE("The token is too large"),
    TOO_DEEPLY_NESTED("The token holds too deeply nested JSON"),
    ENCRYPTED("Encrypted tokens are not accepted"),
    UNSIGNED("Unsigned tokens are not accepted"),
    WRONG_TYPE("The token has the wrong type (typ)"),
    ALGORITHM_NOT_ALLOWED("The token is signed with an algorithm that is not allowed"),
    UNKNOWN_KEY("The token is not signed with a known Logto key"),
    BAD_SIGNATURE("The token signature is invalid"),
    KEYS_UNAVAILABLE("Logto's signing keys are unavailable"),
    MISSING_CLAIM("The token lacks a required claim"),
    WRONG_ISSUER("The token was not issued by the configured Logto tenant"),
    WRONG_AUDIENCE("The token is meant for another audience"),
    EXPIRED("The token has expired"),
    NOT_YET_VALID("The token is not valid yet"),
    ISSUED_IN_FUTURE("The token is issued in the future"),
    TOO_OLD("The token was issued too long ago"),
    NOT_A_LOGOUT_EVENT("The token carries no back-channel logout event"),
    NONCE_PRESENT("A logout token must not carry a nonce"),
    NO_SUBJECT_OR_SESSION("The logout token names neither a subject nor a session"),
    REJECTED("The token was rejected");

    private final String description;

    Reason(String description) {
      this.description = description;
    }

    /** A short lower-case code such as {@code wrong_audience}, for JSON bodies and logs. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** A sentence safe to show to the caller. */
    public String description() {
      return description;
    }
  }

  private final Reason reason;

  public InvalidTokenException(Reason reason) {
    super(Objects.requireNonNull(reason, "reason").description());
    this.reason = reason;
  }

  /** Keeps the library's exception as the cause for debugging; its message is not shown. */
  public InvalidTokenException(Reason reason, Throwable cause) {
    super(Objects.requireNonNull(reason, "reason").description(), cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** The keys, not the token, are at fault: the caller may answer 503 instead of 401. */
  public boolean isProviderFault() {
    return reason == Reason.KEYS_UNAVAILABLE;
  }
}
