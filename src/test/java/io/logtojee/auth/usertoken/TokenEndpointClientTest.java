package io.logtojee.auth.usertoken;

import static io.logtojee.auth.TestTenant.API;
import static io.logtojee.auth.TestTenant.CLIENT_ID;
import static io.logtojee.auth.TestTenant.CLIENT_SECRET;
import static io.logtojee.auth.TestTenant.OTHER_API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequestSender;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import io.logtojee.auth.TestTenant;
import io.logtojee.auth.token.AccessTokenClaims;
import io.logtojee.auth.token.BearerTokenValidator;
import io.logtojee.testsupport.MutableClock;
import io.logtojee.testsupport.op.RecordedRequest;
import io.logtojee.testsupport.op.Scenario;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The refresh grant against the test OP, and answers it cannot give from a scripted endpoint. */
class TokenEndpointClientTest {

  private static final String ORG = "demoorg00001";
  private static final String SCOPE =
      "openid profile email offline_access urn:logto:scope:organizations read:things";

  private TestTenant tenant;
  private final MutableClock clock = MutableClock.startingNow();
  private TokenEndpointClient client;
  private RefreshToken refreshToken;

  @BeforeEach
  void start() throws Exception {
    tenant = TestTenant.start();
    client = client(CLIENT_SECRET, Duration.ofSeconds(1), Duration.ofSeconds(2));
    refreshToken = OpSignIn.refreshToken(tenant, SCOPE, API, OTHER_API);
    tenant.op.reset();
  }

  @AfterEach
  void stop() {
    tenant.close();
  }

  private TokenEndpointClient client(String secret, Duration connect, Duration read) {
    return new TokenEndpointClient(
        new ClientID(CLIENT_ID),
        new Secret(secret),
        URI.create(tenant.op.issuer() + "/token"),
        new JdkHttpSender(connect, read),
        clock);
  }

  private TokenEndpointClient scripted(HTTPRequestSender sender) {
    return new TokenEndpointClient(
        new ClientID("app"),
        new Secret("secret"),
        URI.create("https://logto.example.test/oidc/token"),
        sender,
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
    AccessTokenResult result = client.refresh(refreshToken, TokenTarget.resource(API));

    AccessTokenClaims claims =
        BearerTokenValidator.forTenant(tenant.settings, tenant.keys, tenant.keys::holdsKeyId)
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
  void anOrganizationTokenUsesOrganizationIdWithoutResource() {
    AccessTokenResult result = client.refresh(refreshToken, TokenTarget.organization(ORG));

    assertEquals("urn:logto:organization:" + ORG, UserTokens.claimsOf(result).get("aud"));
    RecordedRequest sent = lastTokenRequest();
    assertEquals(ORG, sent.formParam("organization_id"));
    assertNull(sent.formParam("resource"));
  }

  @Test
  void aResourceTokenForAnOrganizationCarriesTheOrganizationId() throws Exception {
    AccessTokenResult result = client.refresh(refreshToken, new TokenTarget(API, ORG));

    AccessTokenClaims claims =
        BearerTokenValidator.forTenant(tenant.settings, tenant.keys, tenant.keys::holdsKeyId)
            .validate(result.accessToken().getValue());
    assertEquals(ORG, claims.organizationId());
  }

  @Test
  void theOpaqueTokenIsAskedForWithNeitherResourceNorOrganization() {
    AccessTokenResult result = client.refresh(refreshToken, TokenTarget.userInfo());

    assertTrue(UserTokens.claimsOf(result).isEmpty());
    RecordedRequest sent = lastTokenRequest();
    assertNull(sent.formParam("resource"));
    assertNull(sent.formParam("organization_id"));
  }

  @Test
  void refusalsOtherThanALostGrantKeepTheirOAuthErrorCode() throws Exception {
    TokenRequestRefusedException notMember =
        assertThrows(
            TokenRequestRefusedException.class,
            () -> client.refresh(refreshToken, TokenTarget.organization("someone-elses-org")));
    assertEquals("access_denied", notMember.error());

    TokenRequestRefusedException unknownResource =
        assertThrows(
            TokenRequestRefusedException.class,
            () ->
                client.refresh(
                    refreshToken, TokenTarget.resource("https://unregistered.example.test")));
    assertEquals("invalid_target", unknownResource.error());

    RefreshToken withoutOrganizations = OpSignIn.refreshToken(tenant, "openid offline_access", API);
    TokenRequestRefusedException noScope =
        assertThrows(
            TokenRequestRefusedException.class,
            () -> client.refresh(withoutOrganizations, TokenTarget.organization(ORG)));
    assertEquals("insufficient_scope", noScope.error());
  }

  @Test
  void aRevokedGrantRaisesGrantRevoked() {
    client.refresh(refreshToken, TokenTarget.resource(API));
    tenant.op.revokeGrants(tenant.op.user().sub());

    assertThrows(
        GrantRevokedException.class,
        () -> client.refresh(refreshToken, TokenTarget.resource(OTHER_API)));
    assertThrows(
        GrantRevokedException.class,
        () -> client.refresh(refreshToken, TokenTarget.organization(ORG)));
    assertThrows(
        GrantRevokedException.class,
        () -> client.refresh(new RefreshToken("never-issued"), TokenTarget.resource(API)));
  }

  @Test
  void serverErrorsAndResetConnectionsAreProviderFaultsAndAreNotRetried() {
    tenant.op.enable(Scenario.TOKEN_500);
    assertThrows(
        ProviderUnavailableException.class,
        () -> client.refresh(refreshToken, TokenTarget.resource(API)));
    assertEquals(1, tokenRequests());

    tenant.op.disable(Scenario.TOKEN_500);
    tenant.op.enable(Scenario.TOKEN_RESET);
    assertThrows(
        ProviderUnavailableException.class,
        () -> client.refresh(refreshToken, TokenTarget.resource(API)));
    assertEquals(2, tokenRequests(), "no second POST after a connection closed without answer");
  }

  @Test
  void aSlowProviderFailsWithinTheTimeouts() {
    TokenEndpointClient impatient =
        client(CLIENT_SECRET, Duration.ofMillis(300), Duration.ofMillis(500));
    tenant.op.enable(Scenario.DELAY_10S);

    long started = System.nanoTime();
    assertThrows(
        ProviderUnavailableException.class,
        () -> impatient.refresh(refreshToken, TokenTarget.resource(API)));
    System.out.printf(
        "Token request against a 10 s delay failed after %d ms%n",
        (System.nanoTime() - started) / 1_000_000);
    assertEquals(1, tokenRequests());
  }

  @Test
  void aWrongClientSecretIsAProviderFaultNotARevokedGrant() {
    TokenEndpointClient misconfigured =
        client("wrong", Duration.ofSeconds(1), Duration.ofSeconds(2));

    assertThrows(
        ProviderUnavailableException.class,
        () -> misconfigured.refresh(refreshToken, TokenTarget.resource(API)));
  }

  @Test
  void resultsAndErrorsNeverShowTokens() {
    AccessTokenResult result = client.refresh(refreshToken, TokenTarget.resource(API));
    assertFalse(result.toString().contains(result.accessToken().getValue()));
    assertFalse(result.toString().contains(refreshToken.getValue()));

    tenant.op.revokeGrants(tenant.op.user().sub());
    GrantRevokedException e =
        assertThrows(
            GrantRevokedException.class,
            () -> client.refresh(refreshToken, TokenTarget.resource(OTHER_API)));
    assertFalse(e.getMessage().contains(refreshToken.getValue()));
  }

  @Test
  void aDifferentRefreshTokenInTheAnswerIsARotationAndTheSameOneIsNot() {
    String[] answered = {"rt-2"};
    TokenEndpointClient rotating =
        scripted(
            request ->
                ScriptedAnswers.json(
                    200,
                    "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":3600"
                        + ",\"refresh_token\":\""
                        + answered[0]
                        + "\"}"));

    AccessTokenResult rotated =
        rotating.refresh(new RefreshToken("rt-1"), TokenTarget.resource(API));
    assertEquals("rt-2", rotated.newRefreshToken().orElseThrow().getValue());

    answered[0] = "rt-1";
    AccessTokenResult echoed =
        rotating.refresh(new RefreshToken("rt-1"), TokenTarget.resource(API));
    assertTrue(echoed.newRefreshToken().isEmpty());
  }

  @Test
  void theLifetimeCountsFromSendingAndNoLifetimeMeansNoExpiry() {
    Instant sent = clock.instant();
    TokenEndpointClient slow =
        scripted(
            request -> {
              clock.advance(Duration.ofSeconds(5));
              return ScriptedAnswers.token("at");
            });
    assertEquals(
        sent.plusSeconds(3600),
        slow.refresh(new RefreshToken("rt-1"), TokenTarget.resource(API)).expiresAt());

    TokenEndpointClient unsaid =
        scripted(
            request ->
                ScriptedAnswers.json(200, "{\"access_token\":\"at\",\"token_type\":\"Bearer\"}"));
    assertNull(unsaid.refresh(new RefreshToken("rt-1"), TokenTarget.resource(API)).expiresAt());
  }

  @Test
  void errorAnswersAreSortedByWhoCanActOnThem() {
    assertEquals("invalid_target", refusal(400, "invalid_target").error());
    assertEquals("access_denied", refusal(403, "access_denied").error());
    assertThrows(GrantRevokedException.class, () -> answer(error(400, "invalid_grant")));

    for (String providerSide :
        List.of("invalid_client", "server_error", "temporarily_unavailable", "Not-A-Code")) {
      assertThrows(
          ProviderUnavailableException.class, () -> answer(error(400, providerSide)), providerSide);
    }
    assertThrows(
        ProviderUnavailableException.class, () -> answer(error(503, "invalid_request")), "any 5xx");
    assertThrows(
        ProviderUnavailableException.class,
        () -> answer(ScriptedAnswers.json(200, "<html>not json</html>")),
        "an unusable body");
    assertThrows(
        ProviderUnavailableException.class,
        () ->
            scripted(
                    request -> {
                      throw new IOException("connection reset");
                    })
                .refresh(new RefreshToken("rt-1"), TokenTarget.resource(API)),
        "no answer");
  }

  private static HTTPResponse error(int status, String code) {
    return ScriptedAnswers.json(status, "{\"error\":\"" + code + "\"}");
  }

  private AccessTokenResult answer(HTTPResponse response) {
    return scripted(request -> response)
        .refresh(new RefreshToken("rt-1"), TokenTarget.resource(API));
  }

  private TokenRequestRefusedException refusal(int status, String code) {
    return assertThrows(TokenRequestRefusedException.class, () -> answer(error(status, code)));
  }
}
