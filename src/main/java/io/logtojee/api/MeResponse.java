package io.logtojee.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.logtojee.auth.SignedInUser;
import java.util.List;

/** The answer of {@code GET /api/me}. Signed out, only {@code authenticated:false} is present. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MeResponse(
    boolean authenticated,
    String sub,
    String name,
    String username,
    String email,
    @JsonProperty("email_verified") Boolean emailVerified,
    String picture,
    List<String> roles,
    List<String> organizations) {

  public static MeResponse signedOut() {
    return new MeResponse(false, null, null, null, null, null, null, null, null);
  }

  public static MeResponse of(SignedInUser user) {
    return new MeResponse(
        true,
        user.sub(),
        user.name(),
        user.username(),
        user.email(),
        user.emailVerified(),
        user.picture(),
        user.roles(),
        user.organizations());
  }
}
