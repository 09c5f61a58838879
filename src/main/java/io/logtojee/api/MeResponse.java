package io.logtojee.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.logtojee.auth.Caller;
import io.logtojee.auth.SignedInUser;
import io.logtojee.auth.token.AccessTokenClaims;
import java.util.List;
import java.util.TreeSet;

/**
 * The answer of {@code GET /api/me}. Signed out, only {@code authenticated:false} is present; for a
 * browser session it carries the user's verified claims, for a Bearer call the access token's
 * subject, client, scopes and organization.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MeResponse(
    boolean authenticated,
    @JsonProperty("auth_method") String authMethod,
    String sub,
    String name,
    String username,
    String email,
    @JsonProperty("email_verified") Boolean emailVerified,
    String picture,
    List<String> roles,
    List<String> organizations,
    @JsonProperty("client_id") String clientId,
    String scope,
    @JsonProperty("organization_id") String organizationId) {

  public static MeResponse signedOut() {
    return new MeResponse(
        false, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  public static MeResponse of(Caller caller) {
    return caller.user().map(MeResponse::of).orElseGet(() -> of(caller.token().orElseThrow()));
  }

  public static MeResponse of(SignedInUser user) {
    return new MeResponse(
        true,
        "session",
        user.sub(),
        user.name(),
        user.username(),
        user.email(),
        user.emailVerified(),
        user.picture(),
        user.roles(),
        user.organizations(),
        null,
        null,
        null);
  }

  public static MeResponse of(AccessTokenClaims token) {
    return new MeResponse(
        true,
        "bearer",
        token.sub(),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        token.clientId(),
        String.join(" ", new TreeSet<>(token.scopes())),
        token.organizationId());
  }
}
