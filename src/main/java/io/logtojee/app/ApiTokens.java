package io.logtojee.app;

import io.logtojee.auth.LogtoSignIn;
import io.logtojee.auth.token.BearerTokenValidator;
import io.logtojee.auth.token.LogoutTokenValidator;
import io.logtojee.auth.usertoken.UserTokens;

/**
 * The token services of one deployment. All three share the sign-in's Logto key set, so key
 * rotation and the JWKS fetch budget are handled once.
 *
 * @param bearer validates access tokens that REST clients present
 * @param logoutTokens validates back-channel logout tokens from Logto
 * @param userTokens obtains API and organization tokens for signed-in users
 */
public record ApiTokens(
    BearerTokenValidator bearer, LogoutTokenValidator logoutTokens, UserTokens userTokens) {

  public static ApiTokens of(LogtoSignIn signIn) {
    return new ApiTokens(
        BearerTokenValidator.forTenant(signIn.settings(), signIn.keys()),
        LogoutTokenValidator.forTenant(signIn.settings(), signIn.keys()),
        UserTokens.forTenant(signIn.settings()));
  }
}
