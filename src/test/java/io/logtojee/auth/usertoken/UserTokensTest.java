package io.logtojee.auth.usertoken;

import static io.logtojee.auth.TestTenant.API;
import static io.logtojee.auth.TestTenant.CLIENT_ID;
import static io.logtojee.auth.TestTenant.CLIENT_SECRET;
import static io.logtojee.auth.TestTenant.OTHER_API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import io.logtojee.auth.TestTenant;
import io.logtojee.auth.token.AccessTokenClaims;
import io.logtojee.auth.token.BearerTokenValidator;
import io.logtojee.testsupport.MutableClock;
import io.logtojee.testsupport.op.RecordedRequest;
import io.logtojee.testsupport.op.Scenario;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The facade: its entry points and what it adds to the parts, UserInfo with a cached token and
 * dropping a revoked grant's tokens, against the test OP and a scripted Logto (issue item 3).
 */
class UserTokensTest {

  private static final String ORG = "demoorg00001";
  private static final String SCOPE =
      "openid profile email offline_access urn:logto:scope:organizations read:things";

  private TestTenant tenant;
  private final MutableClock clock = MutableClock.startingNow();
  private UserTokens tokens;
  private RefreshToken refreshToken;

  @BeforeEach
  void start() throws Exception {
    tenant = TestTenant.start();
    tokens = userTokens(CLIENT_SECRET, Duration.ofSeconds(1), Duration.ofSeconds(2));
    refreshToken = OpSignIn.refreshToken(tenant, SCOPE, API, OTHER_API);
    tenant.op.reset();
  }

  @AfterEach
  void stop() {
    tenant.close();
  }

  private UserTokens userTokens(String secret, Duration connect, Duration read) {
    return new UserTokens(
        new ClientID(CLIENT_ID),
        new Secret(secret),
        URI.create(tenant.op.issuer() + "/token"),
        URI.create(tenant.op.issuer() + "/me"),
        new JdkHttpSender(connect, read),
        clock);
  }

  private long tokenRequests() {
    return tenant.op.count("/oidc/token");
  }

  private RecordedRequest lastTokenRequest() {
    List<RecordedRequest> requests = tenant.op.requests("/oidc/token");
    return requests.get(requests.size() - 1);
  }

  @Test
  void tokensAreCachedPerTargetUntilSixtySecondsBeforeExpiry() {
    AccessTokenResult first = tokens.accessTokenFor(refreshToken, API);
    assertSame(first.accessToken(), tokens.accessTokenFor(refreshToken, API).accessToken());
    assertEquals(1, tokenRequests());

    AccessTokenResult other = tokens.accessTokenFor(refreshToken, OTHER_API);
    assertEquals(2, tokenRequests(), "another resource is another token");
    assertNotEquals(first.accessToken(), other.accessToken());

    clock.advance(Duration.between(clock.instant(), first.expiresAt()).minusSeconds(61));
    assertSame(first.accessToken(), tokens.accessTokenFor(refreshToken, API).accessToken());
    assertEquals(2, tokenRequests());

    clock.advance(Duration.ofSeconds(1));
    assertNotEquals(first.accessToken(), tokens.accessTokenFor(refreshToken, API).accessToken());
    assertEquals(3, tokenRequests(), "renewed 60 s before expiry");
  }

  @Test
  void eachEntryPointAsksForItsTarget() throws Exception {
    UserTokens configured = UserTokens.forTenant(tenant.settings);

    AccessTokenResult resource = configured.accessTokenFor(refreshToken, API);
    assertEquals(TokenTarget.resource(API), resource.target());
    assertEquals(List.of(API), validated(resource).audience());
    assertEquals(API, lastTokenRequest().formParam("resource"));

    AccessTokenResult organization = configured.organizationToken(refreshToken, ORG);
    assertEquals(TokenTarget.organization(ORG), organization.target());
    assertEquals("urn:logto:organization:" + ORG, UserTokens.claimsOf(organization).get("aud"));
    assertEquals(ORG, lastTokenRequest().formParam("organization_id"));

    AccessTokenResult both = configured.accessToken(refreshToken, new TokenTarget(API, ORG));
    assertEquals(ORG, validated(both).organizationId());
    assertEquals(3, tokenRequests());
  }

  private AccessTokenClaims validated(AccessTokenResult result) throws Exception {
    return BearerTokenValidator.forTenant(tenant.settings, tenant.keys, tenant.keys::holdsKeyId)
        .validate(result.accessToken().getValue());
  }

  @Test
  void aRevokedGrantRaisesGrantRevoked() {
    tokens.accessTokenFor(refreshToken, API);
    tenant.op.revokeGrants(tenant.op.user().sub());

    assertThrows(GrantRevokedException.class, () -> tokens.accessTokenFor(refreshToken, OTHER_API));
    assertThrows(GrantRevokedException.class, () -> tokens.organizationToken(refreshToken, ORG));
    assertThrows(
        GrantRevokedException.class,
        () -> tokens.accessTokenFor(new RefreshToken("never-issued"), API));
  }

  @Test
  void aRevokedGrantDropsTheTokensCachedForIt() {
    tokens.accessTokenFor(refreshToken, API);
    tenant.op.revokeGrants(tenant.op.user().sub());
    assertThrows(GrantRevokedException.class, () -> tokens.accessTokenFor(refreshToken, OTHER_API));

    assertThrows(
        GrantRevokedException.class,
        () -> tokens.accessTokenFor(refreshToken, API),
        "the token cached before the revocation is not handed out");
    assertEquals(3, tokenRequests());
  }

  @Test
  void userInfoUsesTheOpaqueTokenAndChecksTheSubject() {
    String sub = tenant.op.user().sub();

    UserInfo info = tokens.fetchUserInfo(refreshToken, sub);
    tokens.fetchUserInfo(refreshToken, sub);

    assertEquals(sub, info.getSubject().getValue());
    assertEquals(tenant.op.user().email(), info.getEmailAddress());
    assertEquals(1, tokenRequests(), "the opaque token is cached too");
    assertNull(lastTokenRequest().formParam("resource"));
    AccessTokenResult opaque = tokens.accessToken(refreshToken, TokenTarget.userInfo());
    assertTrue(UserTokens.claimsOf(opaque).isEmpty());
    assertEquals(sub, tokens.fetchUserInfo(opaque.accessToken(), sub).getSubject().getValue());

    assertThrows(ProviderUnavailableException.class, () -> tokens.fetchUserInfo(refreshToken, "x"));
    tenant.op.enable(Scenario.USERINFO_SUB);
    assertThrows(ProviderUnavailableException.class, () -> tokens.fetchUserInfo(refreshToken, sub));
  }

  @Test
  void aResourceTokenIsNoUserInfoToken() {
    AccessTokenResult resourceToken = tokens.accessTokenFor(refreshToken, API);

    TokenRequestRefusedException e =
        assertThrows(
            TokenRequestRefusedException.class,
            () -> tokens.fetchUserInfo(resourceToken.accessToken(), tenant.op.user().sub()));
    assertEquals("invalid_token", e.error());
  }

  @Test
  void aUserInfoTokenLogtoRejectsIsReplacedOnce() {
    List<String> presented = new ArrayList<>();
    Map<String, String> refusals = new HashMap<>(Map.of("opaque-1", "invalid_token"));
    UserTokens scripted = scripted(presented, refusals);
    RefreshToken session = new RefreshToken("rt-1");

    assertEquals("user-1", scripted.fetchUserInfo(session, "user-1").getSubject().getValue());
    assertEquals(List.of("opaque-1", "opaque-2"), presented);
    scripted.fetchUserInfo(session, "user-1");
    assertEquals(List.of("opaque-1", "opaque-2", "opaque-2"), presented, "the new one is cached");

    refusals.put("opaque-2", "invalid_token");
    refusals.put("opaque-3", "invalid_token");
    TokenRequestRefusedException e =
        assertThrows(
            TokenRequestRefusedException.class, () -> scripted.fetchUserInfo(session, "user-1"));
    assertEquals("invalid_token", e.error());
    assertEquals(
        List.of("opaque-1", "opaque-2", "opaque-2", "opaque-2", "opaque-3"),
        presented,
        "replaced once, not again");
  }

  @Test
  void otherUserInfoRefusalsAreNotRetried() {
    List<String> presented = new ArrayList<>();
    UserTokens scripted = scripted(presented, Map.of("opaque-1", "insufficient_scope"));

    TokenRequestRefusedException e =
        assertThrows(
            TokenRequestRefusedException.class,
            () -> scripted.fetchUserInfo(new RefreshToken("rt-1"), "user-1"));
    assertEquals("insufficient_scope", e.error());
    assertThrows(
        ProviderUnavailableException.class,
        () -> scripted.fetchUserInfo(new RefreshToken("rt-2"), "someone-else"));
    assertEquals(List.of("opaque-1", "opaque-2"), presented);
  }

  /**
   * A token endpoint that issues opaque-1, opaque-2, …, and a UserInfo endpoint that answers for
   * user-1 and refuses the tokens in {@code refusals} with their error code.
   */
  private UserTokens scripted(List<String> presented, Map<String, String> refusals) {
    int[] issued = {0};
    return new UserTokens(
        new ClientID("app"),
        new Secret("secret"),
        URI.create("https://logto.example.test/oidc/token"),
        URI.create("https://logto.example.test/oidc/me"),
        request -> {
          if (request.getURI().getPath().endsWith("/token")) {
            issued[0]++;
            return ScriptedAnswers.token("opaque-" + issued[0]);
          }
          String token =
              request.getHeaderMap().get("Authorization").get(0).substring("Bearer ".length());
          presented.add(token);
          String error = refusals.get(token);
          if (error != null) {
            HTTPResponse refusal = new HTTPResponse("invalid_token".equals(error) ? 401 : 403);
            refusal.setHeader("WWW-Authenticate", "Bearer error=\"" + error + "\"");
            return refusal;
          }
          return ScriptedAnswers.json(200, "{\"sub\":\"user-1\"}");
        },
        clock);
  }

  @Test
  void forgettingARefreshTokenDropsItsCachedTokens() {
    tokens.accessTokenFor(refreshToken, API);
    tokens.forget(refreshToken);
    tokens.accessTokenFor(refreshToken, API);

    assertEquals(2, tokenRequests());
  }

  @Test
  void targetsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> TokenTarget.resource("relative/path"));
    assertThrows(IllegalArgumentException.class, () -> TokenTarget.resource(" "));
    assertThrows(IllegalArgumentException.class, () -> TokenTarget.organization(""));
    assertTrue(TokenTarget.userInfo().isUserInfo());
    assertEquals(Instant.class, tokens.accessTokenFor(refreshToken, API).expiresAt().getClass());
  }
}
