package io.logtojee.auth.usertoken;

import static io.logtojee.auth.TestTenant.API;
import static io.logtojee.auth.TestTenant.CLIENT_ID;
import static io.logtojee.auth.TestTenant.CLIENT_SECRET;
import static io.logtojee.auth.TestTenant.OTHER_API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.auth.Secret;
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
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tokens for a signed-in user from the refresh token, against the test OP (issue item 3). */
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
  void aResourceTokenComesFromTheRefreshGrantWithTheResourceParameter() throws Exception {
    AccessTokenResult result = tokens.accessTokenFor(refreshToken, API);

    AccessTokenClaims claims =
        BearerTokenValidator.forTenant(tenant.settings, tenant.keys)
            .validate(result.accessToken().getValue());
    assertEquals(List.of(API), claims.audience());
    assertEquals(Set.of("read:things"), result.scopes());
    assertTrue(result.expiresAt().isAfter(clock.instant().plusSeconds(3500)));
    assertTrue(result.newRefreshToken().isEmpty(), "confidential clients keep their token");

    RecordedRequest sent = lastTokenRequest();
    assertEquals("refresh_token", sent.formParam("grant_type"));
    assertEquals(refreshToken.getValue(), sent.formParam("refresh_token"));
    assertEquals(API, sent.formParam("resource"));
    assertNull(sent.formParam("organization_id"));
    assertNull(sent.formParam("client_secret"), "client_secret_basic, not in the body");
    assertTrue(sent.header("authorization").startsWith("Basic "));
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
  void anOrganizationTokenUsesOrganizationIdWithoutResource() {
    AccessTokenResult result = tokens.organizationToken(refreshToken, ORG);

    assertEquals("urn:logto:organization:" + ORG, UserTokens.claimsOf(result).get("aud"));
    RecordedRequest sent = lastTokenRequest();
    assertEquals(ORG, sent.formParam("organization_id"));
    assertNull(sent.formParam("resource"));
  }

  @Test
  void aResourceTokenForAnOrganizationCarriesTheOrganizationId() throws Exception {
    AccessTokenResult result = tokens.accessToken(refreshToken, new TokenTarget(API, ORG));

    AccessTokenClaims claims =
        BearerTokenValidator.forTenant(tenant.settings, tenant.keys)
            .validate(result.accessToken().getValue());
    assertEquals(ORG, claims.organizationId());
  }

  @Test
  void refusalsOtherThanALostGrantKeepTheirOAuthErrorCode() throws Exception {
    TokenRequestRefusedException notMember =
        assertThrows(
            TokenRequestRefusedException.class,
            () -> tokens.organizationToken(refreshToken, "someone-elses-org"));
    assertEquals("access_denied", notMember.error());

    TokenRequestRefusedException unknownResource =
        assertThrows(
            TokenRequestRefusedException.class,
            () -> tokens.accessTokenFor(refreshToken, "https://unregistered.example.test"));
    assertEquals("invalid_target", unknownResource.error());

    RefreshToken withoutOrganizations = OpSignIn.refreshToken(tenant, "openid offline_access", API);
    TokenRequestRefusedException noScope =
        assertThrows(
            TokenRequestRefusedException.class,
            () -> tokens.organizationToken(withoutOrganizations, ORG));
    assertEquals("insufficient_scope", noScope.error());
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
  void userInfoUsesTheOpaqueTokenAndChecksTheSubject() {
    String sub = tenant.op.user().sub();

    UserInfo info = tokens.fetchUserInfo(refreshToken, sub);
    tokens.fetchUserInfo(refreshToken, sub);

    assertEquals(sub, info.getSubject().getValue());
    assertEquals(tenant.op.user().email(), info.getEmailAddress());
    assertEquals(1, tokenRequests(), "the opaque token is cached too");
    assertNull(lastTokenRequest().formParam("resource"));
    assertTrue(
        UserTokens.claimsOf(tokens.accessToken(refreshToken, TokenTarget.userInfo())).isEmpty());

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
  void serverErrorsAndResetConnectionsAreProviderFaultsAndAreNotRetried() {
    tenant.op.enable(Scenario.TOKEN_500);
    assertThrows(
        ProviderUnavailableException.class, () -> tokens.accessTokenFor(refreshToken, API));
    assertEquals(1, tokenRequests());

    tenant.op.disable(Scenario.TOKEN_500);
    tenant.op.enable(Scenario.TOKEN_RESET);
    assertThrows(
        ProviderUnavailableException.class, () -> tokens.accessTokenFor(refreshToken, API));
    assertEquals(2, tokenRequests(), "no second POST after a connection closed without answer");
  }

  @Test
  void aSlowProviderFailsWithinTheTimeouts() {
    UserTokens impatient =
        userTokens(CLIENT_SECRET, Duration.ofMillis(300), Duration.ofMillis(500));
    tenant.op.enable(Scenario.DELAY_10S);

    long started = System.nanoTime();
    assertThrows(
        ProviderUnavailableException.class, () -> impatient.accessTokenFor(refreshToken, API));
    System.out.printf(
        "Token request against a 10 s delay failed after %d ms%n",
        (System.nanoTime() - started) / 1_000_000);
    assertEquals(1, tokenRequests());
  }

  @Test
  void aWrongClientSecretIsAProviderFaultNotARevokedGrant() {
    UserTokens misconfigured = userTokens("wrong", Duration.ofSeconds(1), Duration.ofSeconds(2));

    assertThrows(
        ProviderUnavailableException.class, () -> misconfigured.accessTokenFor(refreshToken, API));
  }

  @Test
  void resultsAndErrorsNeverShowTokens() {
    AccessTokenResult result = tokens.accessTokenFor(refreshToken, API);
    assertFalse(result.toString().contains(result.accessToken().getValue()));
    assertFalse(result.toString().contains(refreshToken.getValue()));

    tenant.op.revokeGrants(tenant.op.user().sub());
    GrantRevokedException e =
        assertThrows(
            GrantRevokedException.class, () -> tokens.accessTokenFor(refreshToken, OTHER_API));
    assertFalse(e.getMessage().contains(refreshToken.getValue()));
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
