package io.logtojee.auth.token;

import io.logtojee.error.CodedException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A caller's token was refused. Carries the RFC 6750 {@code WWW-Authenticate} challenge the answer
 * must include, built by {@link BearerHeaders} from fixed texts that never quote the token.
 */
public final class TokenRefusedException extends CodedException {
  private static final long serialVersionUID = 1L;

  private final String challenge;

  TokenRefusedException(TokenError code, String message, String challenge) {
    this(code, message, challenge, null);
  }

  TokenRefusedException(TokenError code, String message, String challenge, Duration retryAfter) {
    super(code, message, Map.of(), retryAfter, null);
    this.challenge = challenge;
  }

  @Override
  public TokenError code() {
    return (TokenError) super.code();
  }

  /** The {@code WWW-Authenticate} value to send, if the refusal is a Bearer challenge. */
  public Optional<String> challenge() {
    return Optional.ofNullable(challenge);
  }
}
