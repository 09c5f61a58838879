package io.logtojee.auth;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.openid.connect.sdk.UserInfoErrorResponse;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.UserInfoSuccessResponse;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import java.io.IOException;
import java.net.URI;
import org.pac4j.core.profile.UserProfile;
import org.pac4j.oidc.client.OidcClient;
import org.pac4j.oidc.config.OidcConfiguration;
import org.pac4j.oidc.exceptions.OidcException;
import org.pac4j.oidc.exceptions.UserInfoErrorResponseException;
import org.pac4j.oidc.profile.creator.OidcProfileCreator;

/**
 * Creates the profile from the verified ID token plus Logto's UserInfo answer. pac4j merges
 * UserInfo claims without comparing its {@code sub} with the ID token's; OIDC Core 5.3.2 requires
 * that, so a mismatch fails the sign-in here.
 */
final class LogtoProfileCreator extends OidcProfileCreator {

  LogtoProfileCreator(OidcConfiguration configuration, OidcClient client) {
    super(configuration, client);
  }

  @Override
  public void callUserInfoEndpoint(
      URI userInfoEndpoint, AccessToken accessToken, UserProfile profile)
      throws IOException, ParseException, java.text.ParseException, UserInfoErrorResponseException {
    if (userInfoEndpoint == null || accessToken == null) {
      return;
    }
    HTTPRequest request = new UserInfoRequest(userInfoEndpoint, accessToken).toHTTPRequest();
    configuration.configureHttpRequest(request);
    UserInfoResponse response = UserInfoResponse.parse(request.send());
    if (response instanceof UserInfoErrorResponse error) {
      throw new UserInfoErrorResponseException(String.valueOf(error.getErrorObject()));
    }
    UserInfo userInfo = ((UserInfoSuccessResponse) response).getUserInfo();
    if (userInfo == null) {
      throw new OidcException("Logto answered UserInfo with a signed JWT, which is not expected");
    }
    String subject = userInfo.getSubject() == null ? null : userInfo.getSubject().getValue();
    if (profile.getId() == null || !profile.getId().equals(subject)) {
      throw new OidcException("UserInfo 'sub' differs from the ID token's 'sub'");
    }
    getProfileDefinition().convertAndAdd(profile, userInfo.toJSONObject(), null);
  }
}
