package io.logtojee.testsupport.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestOpenIdProviderTest {
  private static final String CLIENT = "web-app";
  private static final String SECRET = "web-secret-0123456789-0123456789-abcdef";
  private static final String REDIRECT = "http://localhost:8080/callback";
  private static final String POST_LOGOUT = "http://localhost:8080/";
  private static final String API = "https://api.example.test/";

  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private TestOpenIdProvider op;

  @BeforeEach
  void start() {
    op = TestOpenIdProvider.start(0);
    op.registerClient(CLIENT, SECRET, Set.of(REDIRECT), Set.of(POST_LOGOUT));
    op.registerClient("other-app", "other-secret", Set.of(REDIRECT), Set.of());
  }

  @AfterEach
  void stop() {
    op.close();
  }

  // ---------------------------------------------------------------- discovery and keys

  @Test
  void discoveryWhenFetchedThenHasLogtoShape() throws Exception {
    Map<String, Object> d = getJson("/oidc/.well-known/openid-configuration");

    assertEquals(op.endpoint() + "/oidc", op.issuer());
    assertEquals(op.issuer(), d.get("issuer"));
    assertEquals(op.issuer() + "/auth", d.get("authorization_endpoint"));
    assertEquals(op.issuer() + "/token", d.get("token_endpoint"));
    assertEquals(op.issuer() + "/me", d.get("userinfo_endpoint"));
    assertEquals(op.issuer() + "/jwks", d.get("jwks_uri"));
    assertEquals(op.issuer() + "/session/end", d.get("end_session_endpoint"));
    assertEquals(List.of("ES384"), d.get("id_token_signing_alg_values_supported"));
    assertEquals(List.of("S256"), d.get("code_challenge_methods_supported"));
    assertTrue(
        ((List<?>) d.get("token_endpoint_auth_methods_supported"))
            .containsAll(List.of("client_secret_basic", "client_secret_post")));
    assertTrue(((List<?>) d.get("response_types_supported")).contains("code"));
    assertEquals(true, d.get("backchannel_logout_supported"));
    assertEquals(true, d.get("backchannel_logout_session_supported"));
    assertEquals(true, d.get("authorization_response_iss_parameter_supported"));
    assertTrue(((List<?>) d.get("scopes_supported")).contains("offline_access"));
  }

  @Test
  void discoveryWhenParsedByNimbusThenValidMetadata() throws Exception {
    OIDCProviderMetadata metadata =
        OIDCProviderMetadata.parse(get("/oidc/.well-known/openid-configuration").body());

    assertEquals(op.issuer(), metadata.getIssuer().getValue());
    assertEquals(List.of(JWSAlgorithm.ES384), metadata.getIDTokenJWSAlgs());
  }

  @Test
  void jwksWhenFetchedThenHoldsOnePublicP384Key() throws Exception {
    JWKSet set = JWKSet.parse(get("/oidc/jwks").body());

    assertEquals(1, set.getKeys().size());
    ECKey key = assertInstanceOf(ECKey.class, set.getKeys().get(0));
    assertEquals(Curve.P_384, key.getCurve());
    assertEquals(JWSAlgorithm.ES384, key.getAlgorithm());
    assertEquals("sig", key.getKeyUse().identifier());
    assertEquals(op.currentKeyId(), key.getKeyID());
    assertFalse(key.isPrivate());
  }

  // ---------------------------------------------------------------- code flow

  @Test
  void codeFlowWhenPkceAndBasicAuthThenIdTokenVerifiesAsEs384() throws Exception {
    Login login = login("openid profile email", null);
    HttpResponse<String> response = exchangeBasic(login, login.verifier);

    assertEquals(200, response.statusCode());
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
    Map<String, Object> tokens = Json.readObject(response.body());
    assertEquals("Bearer", tokens.get("token_type"));
    assertEquals(3600, tokens.get("expires_in"));
    assertEquals("openid profile email", tokens.get("scope"));
    assertNull(tokens.get("refresh_token"), "offline_access needs prompt=consent");
    String accessToken = (String) tokens.get("access_token");
    assertFalse(accessToken.contains("."), "opaque access token");

    JWTClaimsSet claims = validate((String) tokens.get("id_token"), login.nonce);
    SignedJWT idToken = SignedJWT.parse((String) tokens.get("id_token"));
    assertEquals(JWSAlgorithm.ES384, idToken.getHeader().getAlgorithm());
    assertEquals("JWT", idToken.getHeader().getType().getType());
    assertEquals(op.currentKeyId(), idToken.getHeader().getKeyID());
    TestUser user = TestUser.demo();
    assertEquals(op.issuer(), claims.getIssuer());
    assertEquals(user.sub(), claims.getSubject());
    assertEquals(List.of(CLIENT), claims.getAudience());
    assertEquals(
        3600, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
    assertEquals(user.name(), claims.getStringClaim("name"));
    assertEquals(user.username(), claims.getStringClaim("username"));
    assertEquals(user.picture(), claims.getStringClaim("picture"));
    assertEquals(user.email(), claims.getStringClaim("email"));
    assertEquals(true, claims.getBooleanClaim("email_verified"));
    assertNotNull(claims.getStringClaim("sid"));
    assertEquals(JwtSigner.leftHalfHash(accessToken, "ES384"), claims.getStringClaim("at_hash"));
    assertNull(claims.getClaim("roles"), "roles only with the roles scope");

    RecordedRequest auth = op.requests("/oidc/auth").get(0);
    assertEquals(login.state, auth.queryParam("state"));
    assertEquals("S256", auth.queryParam("code_challenge_method"));
    RecordedRequest token = op.requests("/oidc/token").get(0);
    assertTrue(token.header("Authorization").startsWith("Basic "));
    assertEquals(login.verifier, token.formParam("code_verifier"));
  }

  @Test
  void authorizeWhenValidThenRedirectsWithCodeStateAndIss() throws Exception {
    Login login = login("openid", null);

    assertEquals(login.state, login.callback.get("state"));
    assertEquals(op.issuer(), login.callback.get("iss"));
    assertNotNull(login.callback.get("code"));
  }

  @Test
  void authorizeWhenRedirectUriNotRegisteredThenAnswers400() throws Exception {
    HttpResponse<String> response =
        get(
            "/oidc/auth?"
                + form(
                    "client_id",
                    CLIENT,
                    "redirect_uri",
                    REDIRECT + "/x",
                    "response_type",
                    "code",
                    "scope",
                    "openid"));

    assertEquals(400, response.statusCode());
    assertTrue(response.body().startsWith("invalid_redirect_uri"));
  }

  @Test
  void tokenWhenCodeReusedThenInvalidGrant() throws Exception {
    Login login = login("openid", null);
    assertEquals(200, exchangeBasic(login, login.verifier).statusCode());

    HttpResponse<String> second = exchangeBasic(login, login.verifier);

    assertEquals(400, second.statusCode());
    assertEquals("invalid_grant", Json.readObject(second.body()).get("error"));
  }

  @Test
  void tokenWhenReusedCodeThenTokensOfFirstExchangeAreRevoked() throws Exception {
    Login login = login("openid", null);
    String accessToken =
        (String) Json.readObject(exchangeBasic(login, login.verifier).body()).get("access_token");
    exchangeBasic(login, login.verifier);

    assertEquals(401, userinfo(accessToken).statusCode());
  }

  @Test
  void tokenWhenVerifierWrongThenInvalidGrantAndCodeStillUsable() throws Exception {
    Login login = login("openid", null);

    HttpResponse<String> wrong = exchangeBasic(login, login.verifier + "x");
    HttpResponse<String> missing = exchangeBasic(login, null);

    assertEquals(400, wrong.statusCode());
    assertEquals("invalid_grant", Json.readObject(wrong.body()).get("error"));
    assertEquals(400, missing.statusCode());
    assertEquals(200, exchangeBasic(login, login.verifier).statusCode());
  }

  @Test
  void tokenWhenSecretWrongThen401InvalidClient() throws Exception {
    Login login = login("openid", null);

    HttpResponse<String> response =
        post(
            "/oidc/token",
            basic(CLIENT, SECRET + "x"),
            form(
                "grant_type",
                "authorization_code",
                "code",
                login.code(),
                "redirect_uri",
                REDIRECT,
                "code_verifier",
                login.verifier));

    assertEquals(401, response.statusCode());
    assertEquals("invalid_client", Json.readObject(response.body()).get("error"));
  }

  @Test
  void tokenWhenClientSecretPostThenAccepted() throws Exception {
    Login login = login("openid", null);

    HttpResponse<String> response =
        post(
            "/oidc/token",
            null,
            form(
                "grant_type",
                "authorization_code",
                "code",
                login.code(),
                "redirect_uri",
                REDIRECT,
                "code_verifier",
                login.verifier,
                "client_id",
                CLIENT,
                "client_secret",
                SECRET));

    assertEquals(200, response.statusCode());
  }

  // ---------------------------------------------------------------- refresh and resources

  @Test
  void refreshWhenResourceThenJwtAccessTokenForThatAudience() throws Exception {
    Login login = login("openid offline_access read:me", "consent", "resource", API);
    Map<String, Object> tokens = Json.readObject(exchangeBasic(login, login.verifier).body());
    String refreshToken = (String) tokens.get("refresh_token");
    assertNotNull(refreshToken, "offline_access + prompt=consent yields a refresh token");

    HttpResponse<String> response =
        post(
            "/oidc/token",
            basic(CLIENT, SECRET),
            form("grant_type", "refresh_token", "refresh_token", refreshToken, "resource", API));

    assertEquals(200, response.statusCode());
    Map<String, Object> refreshed = Json.readObject(response.body());
    SignedJWT accessToken = SignedJWT.parse((String) refreshed.get("access_token"));
    assertEquals("at+jwt", accessToken.getHeader().getType().getType());
    assertEquals(JWSAlgorithm.ES384, accessToken.getHeader().getAlgorithm());
    assertTrue(accessToken.verify(new com.nimbusds.jose.crypto.ECDSAVerifier(publicKey())));
    JWTClaimsSet claims = accessToken.getJWTClaimsSet();
    assertEquals(List.of(API), claims.getAudience());
    assertEquals("read:me", claims.getStringClaim("scope"));
    assertEquals(CLIENT, claims.getStringClaim("client_id"));
    assertEquals(op.issuer(), claims.getIssuer());
    assertNotNull(claims.getJWTID());
    JWTClaimsSet idToken = validate((String) refreshed.get("id_token"), login.nonce);
    assertEquals(TestUser.demo().sub(), idToken.getSubject());
    assertEquals(refreshToken, refreshed.get("refresh_token"));
    assertEquals(401, userinfo(accessToken.serialize()).statusCode());
  }

  @Test
  void refreshWhenOrganizationIdThenOrganizationAudience() throws Exception {
    Login login = login("openid offline_access urn:logto:scope:organizations", "consent");
    String refreshToken =
        (String) Json.readObject(exchangeBasic(login, login.verifier).body()).get("refresh_token");

    HttpResponse<String> response =
        post(
            "/oidc/token",
            basic(CLIENT, SECRET),
            form(
                "grant_type",
                "refresh_token",
                "refresh_token",
                refreshToken,
                "organization_id",
                "demoorg00001"));

    assertEquals(200, response.statusCode());
    JWT accessToken =
        JWTParser.parse((String) Json.readObject(response.body()).get("access_token"));
    assertEquals(
        List.of("urn:logto:organization:demoorg00001"),
        accessToken.getJWTClaimsSet().getAudience());
  }

  @Test
  void refreshWhenScenarioEnabledAfterSignInThenRefreshedIdTokenBroken() throws Exception {
    Login login = login("openid offline_access", "consent");
    String refreshToken =
        (String) Json.readObject(exchangeBasic(login, login.verifier).body()).get("refresh_token");
    op.enable(Scenario.SUB_PLUS_1);

    HttpResponse<String> response =
        post(
            "/oidc/token",
            basic(CLIENT, SECRET),
            form("grant_type", "refresh_token", "refresh_token", refreshToken));

    JWTClaimsSet claims =
        SignedJWT.parse((String) Json.readObject(response.body()).get("id_token"))
            .getJWTClaimsSet();
    assertEquals(TestUser.demo().sub() + "1", claims.getSubject());
    assertEquals(login.nonce, claims.getStringClaim("nonce"));
  }

  @Test
  void refreshWhenGrantRevokedThenInvalidGrant() throws Exception {
    Login login = login("openid offline_access", "consent");
    String refreshToken =
        (String) Json.readObject(exchangeBasic(login, login.verifier).body()).get("refresh_token");
    op.revokeGrants(TestUser.demo().sub());

    HttpResponse<String> response =
        post(
            "/oidc/token",
            basic(CLIENT, SECRET),
            form("grant_type", "refresh_token", "refresh_token", refreshToken));

    assertEquals(400, response.statusCode());
    assertEquals("invalid_grant", Json.readObject(response.body()).get("error"));
  }

  // ---------------------------------------------------------------- userinfo

  @Test
  void userinfoWhenOpaqueTokenInHeaderThenClaims() throws Exception {
    Login login = login("openid profile email", null);
    String accessToken =
        (String) Json.readObject(exchangeBasic(login, login.verifier).body()).get("access_token");

    HttpResponse<String> response = userinfo(accessToken);

    assertEquals(200, response.statusCode());
    Map<String, Object> claims = Json.readObject(response.body());
    assertEquals(TestUser.demo().sub(), claims.get("sub"));
    assertEquals(TestUser.demo().email(), claims.get("email"));
    assertEquals(TestUser.demo().name(), claims.get("name"));
  }

  @Test
  void userinfoWhenNoHeaderThen401WithWwwAuthenticate() throws Exception {
    Login login = login("openid", null);
    String accessToken =
        (String) Json.readObject(exchangeBasic(login, login.verifier).body()).get("access_token");

    HttpResponse<String> missing = get("/oidc/me?access_token=" + accessToken);

    assertEquals(401, missing.statusCode());
    assertTrue(
        missing.headers().firstValue("WWW-Authenticate").orElseThrow().contains("invalid_token"));
    assertEquals(401, userinfo("unknown").statusCode());
  }

  @Test
  void userinfoWhenUserinfoSubScenarioThenSubDiffers() throws Exception {
    Login login = login("openid", null);
    String accessToken =
        (String) Json.readObject(exchangeBasic(login, login.verifier).body()).get("access_token");
    op.enable(Scenario.USERINFO_SUB);

    Map<String, Object> claims = Json.readObject(userinfo(accessToken).body());

    assertNotEquals(TestUser.demo().sub(), claims.get("sub"));
  }

  // ---------------------------------------------------------------- logout

  @Test
  void endSessionWhenClientIdAndRegisteredUriThenRedirectsWithState() throws Exception {
    HttpResponse<String> response =
        get(
            "/oidc/session/end?"
                + form(
                    "client_id", CLIENT, "post_logout_redirect_uri", POST_LOGOUT, "state", "s1"));

    assertEquals(302, response.statusCode());
    assertEquals(
        POST_LOGOUT + "?state=s1", response.headers().firstValue("Location").orElseThrow());
  }

  @Test
  void endSessionWhenUriNotRegisteredThen400() throws Exception {
    HttpResponse<String> response =
        get(
            "/oidc/session/end?"
                + form("client_id", CLIENT, "post_logout_redirect_uri", "https://evil.test/"));

    assertEquals(400, response.statusCode());
    assertEquals("invalid_request: post_logout_redirect_uri not registered", response.body());
  }

  @Test
  void endSessionWhenNeitherHintNorClientIdThenUriIgnored() throws Exception {
    HttpResponse<String> response =
        get("/oidc/session/end?" + form("post_logout_redirect_uri", POST_LOGOUT));

    assertEquals(200, response.statusCode());
    assertTrue(response.body().contains("signed out"));
  }

  @Test
  void endSessionWhenIdTokenHintThenEndsSessionAndSendsBackChannelLogout() throws Exception {
    List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    HttpServer rp =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    rp.createContext(
        "/backchannel",
        exchange -> {
          received.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    rp.start();
    try {
      String uri = "http://127.0.0.1:" + rp.getAddress().getPort() + "/backchannel";
      op.registerBackChannelLogout(CLIENT, uri, true);
      Login login = login("openid", null);
      String idToken =
          (String) Json.readObject(exchangeBasic(login, login.verifier).body()).get("id_token");
      String sid = SignedJWT.parse(idToken).getJWTClaimsSet().getStringClaim("sid");
      assertEquals(List.of(sid), op.sessionIds(TestUser.demo().sub()));

      HttpResponse<String> response =
          get(
              "/oidc/session/end?"
                  + form("id_token_hint", idToken, "post_logout_redirect_uri", POST_LOGOUT));

      assertEquals(302, response.statusCode());
      assertEquals(List.of(), op.sessionIds(TestUser.demo().sub()));
      assertEquals(1, received.size());
      String logoutToken = OpHttp.parseParams(received.get(0)).get("logout_token").get(0);
      SignedJWT parsed = SignedJWT.parse(logoutToken);
      assertEquals("logout+jwt", parsed.getHeader().getType().getType());
      assertEquals(sid, parsed.getJWTClaimsSet().getStringClaim("sid"));
      assertNotNull(parsed.getJWTClaimsSet().getJSONObjectClaim("events"));
      assertEquals(200, op.sendBackChannelLogout(uri, logoutToken));
    } finally {
      rp.stop(0);
    }
  }

  @Test
  void mintLogoutTokenWhenOverriddenThenClaimsAndHeaderChange() throws Exception {
    Map<String, Object> overrides = new HashMap<>();
    overrides.put("events", null);
    overrides.put("nonce", "n");
    overrides.put(TestOpenIdProvider.HEADER_PREFIX + "typ", "JWT");

    SignedJWT token = SignedJWT.parse(op.mintLogoutToken(CLIENT, "sub1", "sid1", overrides));

    assertEquals("JWT", token.getHeader().getType().getType());
    assertNull(token.getJWTClaimsSet().getClaim("events"));
    assertEquals("n", token.getJWTClaimsSet().getStringClaim("nonce"));
    assertEquals("sid1", token.getJWTClaimsSet().getStringClaim("sid"));
    assertTrue(token.verify(new com.nimbusds.jose.crypto.ECDSAVerifier(publicKey())));
  }

  // ---------------------------------------------------------------- scenarios

  @Test
  void corruptSigWhenEnabledThenIdTokenFailsVerification() throws Exception {
    op.enable(Scenario.CORRUPT_SIG);
    Login login = login("openid", null);
    String idToken =
        (String) Json.readObject(exchangeBasic(login, login.verifier).body()).get("id_token");

    assertThrows(Exception.class, () -> validate(idToken, login.nonce));
    assertFalse(
        SignedJWT.parse(idToken).verify(new com.nimbusds.jose.crypto.ECDSAVerifier(publicKey())));
  }

  @Test
  void zeroSigWhenEnabledThenAllZeroEs384SignatureOfRightLength() throws Exception {
    op.enable(Scenario.ZERO_SIG);
    Login login = login("openid", null);
    String idToken =
        (String) Json.readObject(exchangeBasic(login, login.verifier).body()).get("id_token");

    byte[] signature = SignedJWT.parse(idToken).getSignature().decode();
    assertEquals(96, signature.length);
    for (byte b : signature) {
      assertEquals(0, b);
    }
  }

  @Test
  void clockOffsetsWhenSetThenIatAndExpShifted() throws Exception {
    op.setClockOffsets(Duration.ofSeconds(120), Duration.ofSeconds(-20));
    long before = System.currentTimeMillis() / 1000;
    Login login = login("openid", null);
    JWTClaimsSet claims =
        SignedJWT.parse(
                (String)
                    Json.readObject(exchangeBasic(login, login.verifier).body()).get("id_token"))
            .getJWTClaimsSet();
    long after = System.currentTimeMillis() / 1000;

    long iat = claims.getIssueTime().getTime() / 1000;
    long exp = claims.getExpirationTime().getTime() / 1000;
    assertTrue(iat >= before + 120 && iat <= after + 120, "iat " + iat);
    assertTrue(exp >= before - 20 && exp <= after - 20, "exp " + exp);
  }

  @Test
  void discoveryHs256WhenEnabledThenDiscoveryListsHs256Too() throws Exception {
    op.enable(Scenario.DISCOVERY_HS256);

    assertEquals(
        List.of("ES384", "HS256"),
        getJson("/oidc/.well-known/openid-configuration")
            .get("id_token_signing_alg_values_supported"));
  }

  @Test
  void algNoneWhenEnabledThenUnsignedTokenAndDiscoveryListsNone() throws Exception {
    op.enable(Scenario.ALG_NONE);
    Login login = login("openid", null);
    String idToken =
        (String) Json.readObject(exchangeBasic(login, login.verifier).body()).get("id_token");

    assertInstanceOf(PlainJWT.class, JWTParser.parse(idToken));
    assertTrue(idToken.endsWith("."));
    assertEquals(
        List.of("ES384", "none"),
        getJson("/oidc/.well-known/openid-configuration")
            .get("id_token_signing_alg_values_supported"));
    assertThrows(Exception.class, () -> validate(idToken, login.nonce));
  }

  @Test
  void hs256SecretWhenEnabledThenHmacWithClientSecret() throws Exception {
    op.enable(Scenario.HS256_SECRET);
    Login login = login("openid", null);
    String idToken =
        (String) Json.readObject(exchangeBasic(login, login.verifier).body()).get("id_token");

    SignedJWT parsed = SignedJWT.parse(idToken);
    assertEquals(JWSAlgorithm.HS256, parsed.getHeader().getAlgorithm());
    assertTrue(parsed.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8))));
    assertEquals(
        List.of("ES384"),
        getJson("/oidc/.well-known/openid-configuration")
            .get("id_token_signing_alg_values_supported"));
  }

  @Test
  void claimScenariosWhenEnabledThenClaimsBroken() throws Exception {
    op.enable(Scenario.ISS_PLUS_1, Scenario.AUD_ARRAY_AZP, Scenario.DROP_NONCE);
    Login login = login("openid", null);
    JWTClaimsSet claims =
        SignedJWT.parse(
                (String)
                    Json.readObject(exchangeBasic(login, login.verifier).body()).get("id_token"))
            .getJWTClaimsSet();

    assertEquals(op.issuer() + "1", claims.getIssuer());
    assertEquals(List.of(CLIENT, CLIENT + "1"), claims.getAudience());
    assertEquals(CLIENT, claims.getStringClaim("azp"));
    assertNull(claims.getClaim("nonce"));
  }

  @Test
  void rotateKeyWhenStagedThenNextTokenSignedWithNewPublishedKey() throws Exception {
    String oldKid = op.currentKeyId();

    String newKid = op.rotateKey(true);

    assertNotEquals(oldKid, newKid);
    List<String> kids =
        JWKSet.parse(get("/oidc/jwks").body()).getKeys().stream().map(JWK::getKeyID).toList();
    assertTrue(kids.containsAll(List.of(oldKid, newKid)));
    Login login = login("openid", null);
    String idToken =
        (String) Json.readObject(exchangeBasic(login, login.verifier).body()).get("id_token");
    assertEquals(newKid, SignedJWT.parse(idToken).getHeader().getKeyID());
    validate(idToken, login.nonce);
  }

  @Test
  void useRsaWhenCalledThenRs256AndDiscoveryFollows() throws Exception {
    op.useRsa();
    Login login = login("openid", null);
    String idToken =
        (String) Json.readObject(exchangeBasic(login, login.verifier).body()).get("id_token");

    assertEquals(JWSAlgorithm.RS256, SignedJWT.parse(idToken).getHeader().getAlgorithm());
    assertEquals(
        List.of("RS256"),
        getJson("/oidc/.well-known/openid-configuration")
            .get("id_token_signing_alg_values_supported"));
    assertEquals(2, JWKSet.parse(get("/oidc/jwks").body()).getKeys().size());
  }

  @Test
  void jwksScenariosWhenEnabledThenKeysChange() throws Exception {
    op.enable(Scenario.NO_KID, Scenario.JWKS_2KEYS, Scenario.JWKS_JUNK);

    Map<String, Object> jwks = getJson("/oidc/jwks");

    List<?> keys = (List<?>) jwks.get("keys");
    assertEquals(3, keys.size());
    assertEquals("AKP", ((Map<?, ?>) keys.get(2)).get("kty"));
    assertTrue(keys.stream().noneMatch(k -> ((Map<?, ?>) k).containsKey("kid")));
    assertEquals(2, JWKSet.parse(Json.write(jwks)).getKeys().size(), "unknown kty skipped");
  }

  @Test
  void tokenWhenTokenResetThenConnectionClosedWithoutAnswer() throws Exception {
    op.enable(Scenario.TOKEN_RESET);
    Login login = login("openid", null);

    assertThrows(IOException.class, () -> exchangeBasic(login, login.verifier));
    assertEquals(1, op.count("/oidc/token"));
  }

  @Test
  void authorizeWhenAuthzErrorThenRedirectsWithAccessDenied() throws Exception {
    op.enable(Scenario.AUTHZ_ERROR);

    Login login = login("openid", null);

    assertEquals("access_denied", login.callback.get("error"));
    assertEquals(login.state, login.callback.get("state"));
  }

  @Test
  void authorizeWhenSignInPageThenCodeOnlyAfterContinue() throws Exception {
    op.enable(Scenario.SIGN_IN_PAGE);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("client_id", CLIENT);
    params.put("redirect_uri", REDIRECT);
    params.put("response_type", "code");
    params.put("scope", "openid");
    params.put("state", "s-123");
    params.put("code_challenge", OidcValues.s256(OidcValues.randomToken()));
    params.put("code_challenge_method", "S256");

    HttpResponse<String> page = get("/oidc/auth?" + OpHttp.appendQuery("", params).substring(1));

    assertEquals(200, page.statusCode());
    java.util.regex.Matcher link =
        Pattern.compile("id=\"continue\" href=\"([^\"]+)\"").matcher(page.body());
    assertTrue(link.find(), page.body());
    String href = link.group(1).replace("&amp;", "&");
    HttpResponse<String> signedIn = get(href.substring(href.indexOf("/oidc/auth")));
    assertEquals(302, signedIn.statusCode(), signedIn.body());
    URI location = URI.create(signedIn.headers().firstValue("Location").orElseThrow());
    Map<String, List<String>> callback = OpHttp.parseParams(location.getRawQuery());
    assertEquals(List.of("s-123"), callback.get("state"));
    assertTrue(callback.containsKey("code"));
  }

  @Test
  void delayWhenProviderClosedThenPendingRequestEndsQuickly() throws Exception {
    op.enable(Scenario.DELAY_10S);
    CompletableFuture<HttpResponse<String>> pending =
        http.sendAsync(
            HttpRequest.newBuilder(URI.create(op.issuer() + "/.well-known/openid-configuration"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    // Closing before the server has taken the request would test connection refusal instead.
    assertTrue(
        op.awaitCount("/oidc/.well-known/openid-configuration", 1, Duration.ofSeconds(5)),
        "the request reaches the provider");

    op.close();

    ExecutionException failure =
        assertThrows(ExecutionException.class, () -> pending.get(5, TimeUnit.SECONDS));
    assertInstanceOf(IOException.class, failure.getCause());
  }

  @Test
  void stopListeningWhenStoppedThenRefusedAndResumesOnSamePort() throws Exception {
    int port = op.port();
    op.stopListening();

    assertThrows(ConnectException.class, () -> get("/oidc/jwks"));

    op.resumeListening();
    assertEquals(port, op.port());
    assertEquals(200, get("/oidc/jwks").statusCode());
  }

  // ---------------------------------------------------------------- log and control

  @Test
  void requestLogWhenRequestsMadeThenCountedAndResetClears() throws Exception {
    get("/oidc/jwks");
    get("/oidc/jwks");
    get("/oidc/.well-known/openid-configuration");

    assertEquals(2, op.count("/oidc/jwks"));
    assertEquals(1, op.count("/oidc/.well-known/openid-configuration"));
    assertEquals(0, op.count("/oidc/me"));
    assertEquals(3, op.requests().size());
    assertEquals("GET", op.requests().get(0).method());

    op.enable(Scenario.JWKS_500);
    op.reset();

    assertEquals(0, op.count("/oidc/jwks"));
    assertTrue(op.requests().isEmpty());
    assertTrue(op.scenarios().isEmpty());
  }

  @Test
  void controlEndpointWhenEnableNamesThenScenariosActive() throws Exception {
    HttpResponse<String> enabled =
        post("/__control/scenario?enable=iss+1,corrupt-sig,jwks_500", null, "");

    assertEquals(200, enabled.statusCode());
    assertEquals(
        Set.of(Scenario.ISS_PLUS_1, Scenario.CORRUPT_SIG, Scenario.JWKS_500), op.scenarios());
    assertEquals(500, get("/oidc/jwks").statusCode());
    List<Map<String, Object>> log =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readValue(
                get("/__control/requests").body(),
                new com.fasterxml.jackson.core.type.TypeReference<>() {});
    assertEquals(1, log.size());
    assertEquals("/oidc/jwks", log.get(0).get("path"));

    assertEquals(400, post("/__control/scenario?enable=nope", null, "").statusCode());
    assertEquals(200, post("/__control/reset", null, "").statusCode());
    assertTrue(op.scenarios().isEmpty());
  }

  // ---------------------------------------------------------------- helpers

  /** What a browser would carry back to the callback. */
  private record Login(String state, String nonce, String verifier, Map<String, String> callback) {
    String code() {
      return callback.get("code");
    }
  }

  private Login login(String scope, String prompt, String... extra) throws Exception {
    String state = OidcValues.randomToken();
    String nonce = OidcValues.randomToken();
    String verifier = OidcValues.randomToken();
    Map<String, String> params = new LinkedHashMap<>();
    params.put("client_id", CLIENT);
    params.put("redirect_uri", REDIRECT);
    params.put("response_type", "code");
    params.put("scope", scope);
    params.put("state", state);
    params.put("nonce", nonce);
    params.put("code_challenge", OidcValues.s256(verifier));
    params.put("code_challenge_method", "S256");
    if (prompt != null) {
      params.put("prompt", prompt);
    }
    for (int i = 0; i < extra.length; i += 2) {
      params.put(extra[i], extra[i + 1]);
    }
    HttpResponse<String> response =
        get("/oidc/auth?" + OpHttp.appendQuery("", params).substring(1));
    assertEquals(302, response.statusCode(), response.body());
    URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
    assertTrue(location.toString().startsWith(REDIRECT + "?"));
    Map<String, String> callback =
        OpHttp.parseParams(location.getRawQuery()).entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(0)));
    return new Login(state, nonce, verifier, callback);
  }

  private HttpResponse<String> exchangeBasic(Login login, String verifier) throws Exception {
    String body =
        verifier == null
            ? form(
                "grant_type", "authorization_code", "code", login.code(), "redirect_uri", REDIRECT)
            : form(
                "grant_type",
                "authorization_code",
                "code",
                login.code(),
                "redirect_uri",
                REDIRECT,
                "code_verifier",
                verifier);
    return post("/oidc/token", basic(CLIENT, SECRET), body);
  }

  private JWTClaimsSet validate(String idToken, String nonce) throws Exception {
    IDTokenValidator validator =
        new IDTokenValidator(
            new Issuer(op.issuer()),
            new ClientID(CLIENT),
            JWSAlgorithm.parse(op.signingAlgorithm()),
            JWKSet.parse(get("/oidc/jwks").body()));
    return validator.validate(JWTParser.parse(idToken), new Nonce(nonce)).toJWTClaimsSet();
  }

  private java.security.interfaces.ECPublicKey publicKey() throws Exception {
    return JWKSet.parse(get("/oidc/jwks").body()).getKeys().get(0).toECKey().toECPublicKey();
  }

  private HttpResponse<String> userinfo(String accessToken) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(op.issuer() + "/me"))
            .header("Authorization", "Bearer " + accessToken)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(op.endpoint() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private Map<String, Object> getJson(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertEquals(200, response.statusCode(), response.body());
    return Json.readObject(response.body());
  }

  private HttpResponse<String> post(String path, String authorization, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(op.endpoint() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String id, String secret) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(
                (OpHttp.encode(id) + ":" + OpHttp.encode(secret)).getBytes(StandardCharsets.UTF_8));
  }

  private static String form(String... pairs) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      params.put(pairs[i], pairs[i + 1]);
    }
    return OpHttp.appendQuery("", params).substring(1);
  }
}
