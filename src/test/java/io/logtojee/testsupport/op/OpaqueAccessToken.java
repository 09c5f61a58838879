package io.logtojee.testsupport.op;

import java.time.Instant;
import java.util.Set;

/**
 * An opaque access token for UserInfo, issued when no API resource was asked for. Unlike the JWT
 * access tokens for API resources it is looked up, not verified, so the store has to keep it.
 *
 * @param scopes only the OIDC scopes; API permissions never reach an opaque token
 */
record OpaqueAccessToken(Grant grant, Set<String> scopes, Instant expiresAt) {}
