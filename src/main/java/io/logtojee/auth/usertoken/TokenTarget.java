package io.logtojee.auth.usertoken;

import java.net.URI;

/**
 * What an access token is requested for (Logto, logto.md §2.6): an API resource ({@code resource}
 * parameter), an organization ({@code organization_id}, audience {@code
 * urn:logto:organization:<id>}), an API resource on behalf of an organization (both: the token
 * carries an {@code organization_id} claim), or neither: Logto's opaque token, the only kind {@code
 * /oidc/me} accepts.
 *
 * @param resource an absolute API resource indicator, or null
 * @param organizationId a Logto organization id, or null
 */
public record TokenTarget(String resource, String organizationId) {

  public TokenTarget {
    if (resource != null) {
      URI uri;
      try {
        uri = URI.create(resource);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("resource must be an absolute URI", e);
      }
      if (!uri.isAbsolute()) {
        throw new IllegalArgumentException("resource must be an absolute URI");
      }
    }
    if (organizationId != null && (organizationId.isBlank() || organizationId.length() > 256)) {
      throw new IllegalArgumentException("organizationId must be a Logto organization id");
    }
  }

  /** A token for an API resource. */
  public static TokenTarget resource(String resource) {
    return new TokenTarget(requireText(resource, "resource"), null);
  }

  /** An organization token. */
  public static TokenTarget organization(String organizationId) {
    return new TokenTarget(null, requireText(organizationId, "organizationId"));
  }

  /** The opaque access token for Logto's UserInfo endpoint. */
  public static TokenTarget userInfo() {
    return new TokenTarget(null, null);
  }

  public boolean isUserInfo() {
    return resource == null && organizationId == null;
  }

  private static String requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }
}
