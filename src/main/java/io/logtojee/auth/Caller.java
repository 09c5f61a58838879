package io.logtojee.auth;

import io.logtojee.auth.token.AccessTokenClaims;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;

/**
 * Who makes a request: a user signed in through the browser session, or a REST client presenting a
 * Logto access token. One principal type for both, so that a resource asks one question whichever
 * way the caller came in.
 */
public final class Caller implements Principal {

  /** How the caller proved who they are. */
  public enum Method {
    SESSION,
    BEARER
  }

  private final SignedInUser user;
  private final AccessTokenClaims token;

  private Caller(SignedInUser user, AccessTokenClaims token) {
    this.user = user;
    this.token = token;
  }

  public static Caller session(SignedInUser user) {
    return new Caller(Objects.requireNonNull(user, "user"), null);
  }

  public static Caller bearer(AccessTokenClaims token) {
    return new Caller(null, Objects.requireNonNull(token, "token"));
  }

  /** Logto's user id ({@code sub}); with Logto's issuer, the user's key. */
  @Override
  public String getName() {
    return user != null ? user.sub() : token.sub();
  }

  public Method method() {
    return user != null ? Method.SESSION : Method.BEARER;
  }

  /** The verified claims of a session caller. */
  public Optional<SignedInUser> user() {
    return Optional.ofNullable(user);
  }

  /** The verified claims of a Bearer caller's access token. */
  public Optional<AccessTokenClaims> token() {
    return Optional.ofNullable(token);
  }

  /** Roles come from the ID token and UserInfo, so only a session caller has them. */
  public boolean hasRole(String role) {
    return user != null && user.hasRole(role);
  }

  @Override
  public String toString() {
    return "Caller[" + method() + " " + getName() + "]";
  }
}
