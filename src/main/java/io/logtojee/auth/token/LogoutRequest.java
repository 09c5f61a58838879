package io.logtojee.auth.token;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * What a verified back-channel logout token asks for. With a {@code sid}, the sessions that signed
 * in within that Logto session end; with only a {@code sub}, every session of that user does (OIDC
 * Back-Channel Logout 1.0 §2.4). At least one of the two is present.
 *
 * @param sub the Logto user id, or null
 * @param sid the Logto session id, or null
 * @param issuedAt {@code iat}, Logto's time of the logout
 * @param jti the token id
 */
public record LogoutRequest(String sub, String sid, Instant issuedAt, String jti)
    implements Serializable {

  public LogoutRequest {
    if (sub == null && sid == null) {
      throw new IllegalArgumentException("a logout request names a sub or a sid");
    }
    Objects.requireNonNull(issuedAt, "issuedAt");
  }
}
