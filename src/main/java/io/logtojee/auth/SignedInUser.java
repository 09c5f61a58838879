package io.logtojee.auth;

import java.io.Serializable;
import java.util.List;

/**
 * Who is signed in, from verified claims only. The user key is {@code sub} (with Logto's issuer),
 * never the e-mail address.
 */
public record SignedInUser(
    String sub,
    String name,
    String username,
    String email,
    Boolean emailVerified,
    String picture,
    List<String> roles,
    List<String> organizations)
    implements Serializable {

  public SignedInUser {
    roles = roles == null ? List.of() : List.copyOf(roles);
    organizations = organizations == null ? List.of() : List.copyOf(organizations);
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }
}
