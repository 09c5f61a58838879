package io.logtojee.auth.usertoken;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequestSender;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.openid.connect.sdk.UserInfoErrorResponse;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;

/**
 * Asks Logto's UserInfo endpoint for a user's claims. Logto accepts only its opaque access token
 * there, the one requested with neither resource nor organization, and refuses a JWT access token
 * with {@code invalid_token} (logto.md §2.6); where that token comes from is the caller's business,
 * so this class only sends it and checks the answer. An answer about another subject is refused
 * (OIDC Core 5.3.2), since its claims would be stored in the wrong user's session.
 *
 * <p>Thread-safe.
 */
final class UserInfoClient {

  private final URI userInfoEndpoint;
  private final HTTPRequestSender sender;

  UserInfoClient(URI userInfoEndpoint, HTTPRequestSender sender) {
    this.userInfoEndpoint = Objects.requireNonNull(userInfoEndpoint, "userInfoEndpoint");
    this.sender = Objects.requireNonNull(sender, "sender");
  }

  /**
   * The claims Logto gives for {@code opaqueAccessToken}.
   *
   * @param expectedSub the session's {@code sub}
   * @throws TokenRequestRefusedException when Logto refuses the token, for example {@code
   *     invalid_token}
   * @throws ProviderUnavailableException when Logto cannot be used right now, or answers unusably
   *     or about another subject
   */
  UserInfo fetch(AccessToken opaqueAccessToken, String expectedSub) {
    Objects.requireNonNull(expectedSub, "expectedSub");
    HTTPResponse answer;
    try {
      answer =
          new UserInfoRequest(userInfoEndpoint, opaqueAccessToken).toHTTPRequest().send(sender);
    } catch (IOException e) {
      throw new ProviderUnavailableException("Logto's UserInfo endpoint did not answer", e);
    }
    UserInfoResponse response;
    try {
      response = UserInfoResponse.parse(answer);
    } catch (ParseException e) {
      throw LogtoErrors.unusable("UserInfo", answer);
    }
    if (response instanceof UserInfoErrorResponse error) {
      throw LogtoErrors.refusal(answer, error.getErrorObject());
    }
    UserInfo info = response.toSuccessResponse().getUserInfo();
    if (info == null) {
      throw new ProviderUnavailableException("Logto answered UserInfo with a JWT", null);
    }
    if (info.getSubject() == null || !expectedSub.equals(info.getSubject().getValue())) {
      throw new ProviderUnavailableException("UserInfo answered for another subject", null);
    }
    return info;
  }
}
