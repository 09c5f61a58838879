package io.logtojee.auth.usertoken;

import static io.logtojee.auth.TestTenant.API;
import static io.logtojee.auth.TestTenant.CLIENT_ID;
import static io.logtojee.auth.TestTenant.CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequestSender;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import io.logtojee.auth.TestTenant;
import io.logtojee.testsupport.MutableClock;
import io.logtojee.testsupport.op.Scenario;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** UserInfo against the test OP, and answers it cannot give from a scripted endpoint. */
class UserInfoClientTest {

  private static final String SCOPE = "openid profile email offline_access read:things";

  private TestTenant tenant;
  private TokenEndpointClient tokenEndpoint;
  private UserInfoClient userInfo;
  private RefreshToken refreshToken;

  @BeforeEach
  void start() throws Exception {
    tenant = TestTenant.start();
    JdkHttpSender sender = new JdkHttpSender(Duration.ofSeconds(1), Duration.ofSeconds(2));
    tokenEndpoint =
        new TokenEndpointClient(
            new ClientID(CLIENT_ID),
            new Secret(CLIENT_SECRET),
            URI.create(tenant.op.issuer() + "/token"),
            sender,
            MutableClock.startingNow());
    userInfo = new UserInfoClient(URI.create(tenant.op.issuer() + "/me"), sender);
    refreshToken = OpSignIn.refreshToken(tenant, SCOPE, API);
    tenant.op.reset();
  }

  @AfterEach
  void stop() {
    tenant.close();
  }

  private AccessToken opaqueToken() {
    return tokenEndpoint.refresh(refreshToken, TokenTarget.userInfo()).accessToken();
  }

  private static UserInfoClient scripted(HTTPRequestSender sender) {
    return new UserInfoClient(URI.create("https://logto.example.test/oidc/me"), sender);
  }

  @Test
  void theOpaqueTokenGetsTheUsersClaims() {
    String sub = tenant.op.user().sub();

    UserInfo info = userInfo.fetch(opaqueToken(), sub);

    assertEquals(sub, info.getSubject().getValue());
    assertEquals(tenant.op.user().email(), info.getEmailAddress());
    assertEquals(1, tenant.op.count("/oidc/me"));
  }

  @Test
  void anAnswerAboutAnotherSubjectIsRefused() {
    AccessToken opaque = opaqueToken();

    assertThrows(ProviderUnavailableException.class, () -> userInfo.fetch(opaque, "x"));
    tenant.op.enable(Scenario.USERINFO_SUB);
    assertThrows(
        ProviderUnavailableException.class, () -> userInfo.fetch(opaque, tenant.op.user().sub()));
  }

  @Test
  void aResourceTokenIsNoUserInfoToken() {
    AccessTokenResult resourceToken =
        tokenEndpoint.refresh(refreshToken, TokenTarget.resource(API));

    TokenRequestRefusedException e =
        assertThrows(
            TokenRequestRefusedException.class,
            () -> userInfo.fetch(resourceToken.accessToken(), tenant.op.user().sub()));
    assertEquals("invalid_token", e.error());
  }

  @Test
  void aSignedAnswerAnUnusableAnswerAServerErrorAndNoAnswerAreProviderFaults() {
    AccessToken token = new BearerAccessToken("opaque");
    HTTPResponse signed = new HTTPResponse(200);
    signed.setHeader("Content-Type", "application/jwt");
    // An unsecured JWT with sub "user-1": this client takes only plain JSON claims.
    signed.setBody("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c2VyLTEifQ.");

    assertThrows(
        ProviderUnavailableException.class,
        () -> scripted(request -> signed).fetch(token, "user-1"),
        "a JWT answer");
    assertThrows(
        ProviderUnavailableException.class,
        () -> scripted(request -> ScriptedAnswers.json(200, "not json")).fetch(token, "user-1"),
        "an unusable body");
    assertThrows(
        ProviderUnavailableException.class,
        () ->
            scripted(request -> ScriptedAnswers.json(500, "{\"error\":\"server_error\"}"))
                .fetch(token, "user-1"),
        "a server error");
    assertThrows(
        ProviderUnavailableException.class,
        () ->
            scripted(
                    request -> {
                      throw new IOException("connection reset");
                    })
                .fetch(token, "user-1"),
        "no answer");
  }

  @Test
  void anAnswerWithoutSubjectIsRefused() {
    assertThrows(
        ProviderUnavailableException.class,
        () ->
            scripted(request -> ScriptedAnswers.json(200, "{\"email\":\"a@example.test\"}"))
                .fetch(new BearerAccessToken("opaque"), "user-1"));
  }
}
