package io.logtojee.testsupport.op;

import java.util.Set;

/**
 * A client registered with the provider, as a Logto application's settings: the URIs it may be sent
 * back to, and where and how it wants to hear of logouts on the back channel.
 *
 * @param secret null for a public client (Logto SPA or native app), which must use PKCE instead
 */
record RegisteredClient(
    String id,
    String secret,
    Set<String> redirectUris,
    Set<String> postLogoutRedirectUris,
    String backChannelUri,
    boolean backChannelSessionRequired) {

  boolean isPublic() {
    return secret == null;
  }
}
