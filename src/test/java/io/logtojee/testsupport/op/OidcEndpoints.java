package io.logtojee.testsupport.op;

import io.logtojee.testsupport.op.OpHttp.Req;
import io.logtojee.testsupport.op.OpHttp.Resp;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The OpenID Provider behind {@code /oidc/*}, written after Logto 1.42 on node-oidc-provider 8
 * ({@code logto.md} section 2). This class only wires the endpoint classes to one shared {@link
 * ProviderStore}, routes each path and method to its endpoint (and to the {@link SignInExperience}
 * pages), and gives {@link TestOpenIdProvider} one facade for configuration and token minting; the
 * behaviour lives in the endpoints.
 */
final class OidcEndpoints {
  private final ProviderStore store = new ProviderStore();
  private final TokenMinter minter;
  private final BackChannelLogoutSender backChannelSender = new BackChannelLogoutSender();

  private final DiscoveryEndpoint discovery;
  private final JwksEndpoint jwks;
  private final AuthorizationEndpoint authorization;
  private final SignInExperience experience;
  private final TokenEndpoint token;
  private final UserInfoEndpoint userInfo;
  private final EndSessionEndpoint endSession;
  private final RevocationEndpoint revocation;
  private final IntrospectionEndpoint introspection;
  private final ManagementApi managementApi;

  OidcEndpoints(
      String issuer, KeyRing keys, Supplier<Set<Scenario>> scenarios, PasscodeFlow passcodes) {
    ScopeClaims scopeClaims = new ScopeClaims();
    ClientAuthentication clientAuthentication = new ClientAuthentication(store);
    managementApi = new ManagementApi(scenarios);
    minter = new TokenMinter(issuer, keys, scenarios, store, scopeClaims);
    discovery = new DiscoveryEndpoint(issuer, keys, scenarios, store);
    jwks = new JwksEndpoint(keys, scenarios);
    CodeIssuer codes = new CodeIssuer(store);
    experience = new SignInExperience(issuer, passcodes, codes, store::user);
    authorization =
        new AuthorizationEndpoint(
            issuer, scenarios, store, new SignInPage(issuer), experience, codes);
    token =
        new TokenEndpoint(
            scenarios,
            store,
            clientAuthentication,
            new TokenResponses(store, minter),
            managementApi);
    userInfo = new UserInfoEndpoint(issuer, scenarios, store, scopeClaims);
    endSession =
        new EndSessionEndpoint(
            store, new IdTokenHintVerifier(issuer, keys), minter, backChannelSender);
    revocation = new RevocationEndpoint(store, clientAuthentication);
    introspection = new IntrospectionEndpoint(issuer, store, clientAuthentication);
  }

  // ---------------------------------------------------------------- configuration

  void registerClient(
      String clientId, String secret, Set<String> redirectUris, Set<String> postLogout) {
    store.registerClient(clientId, secret, redirectUris, postLogout);
  }

  void registerBackChannelLogout(String clientId, String uri, boolean sessionRequired) {
    store.registerBackChannelLogout(clientId, uri, sessionRequired);
  }

  void registerMachineToMachineClient(String clientId, String secret) {
    store.registerMachineToMachineClient(clientId, secret);
  }

  /** Logto's Management API: templates, sign-in experience, its tokens. */
  ManagementApi managementApi() {
    return managementApi;
  }

  void setUser(TestUser newUser) {
    store.setUser(newUser);
  }

  TestUser user() {
    return store.user();
  }

  /** Where discovery sends clients for tokens; null means this provider's own endpoint. */
  void setTokenEndpoint(URI endpoint) {
    store.setTokenEndpoint(endpoint);
  }

  void setClockOffsets(Duration iat, Duration exp) {
    store.setClockOffsets(iat, exp);
  }

  void revokeGrants(String sub) {
    store.revokeGrants(sub);
  }

  List<String> liveSessionIds(String sub) {
    return store.liveSessionIds(sub);
  }

  // ---------------------------------------------------------------- tokens for tests

  String mintIdToken(String clientId, Map<String, Object> extra, Set<Scenario> sc) {
    return minter.mintIdToken(clientId, extra, sc);
  }

  String mintAccessToken(
      String clientId, String audience, String scope, Map<String, Object> extra, Set<Scenario> sc) {
    return minter.mintAccessToken(clientId, audience, scope, extra, sc);
  }

  String mintLogoutToken(
      String clientId, String sub, String sid, Map<String, Object> overrides, Set<Scenario> sc) {
    return minter.mintLogoutToken(clientId, sub, sid, overrides, sc);
  }

  /** POSTs {@code logout_token} as a form, as Logto does; returns the status. */
  int sendBackChannelLogout(String uri, String logoutToken) {
    return backChannelSender.send(uri, logoutToken);
  }

  // ---------------------------------------------------------------- dispatch

  Resp handle(Req req) {
    return switch (req.path()) {
      case "/oidc/.well-known/openid-configuration" -> get(req, r -> discovery.handle());
      case "/oidc/jwks" -> get(req, r -> jwks.handle());
      case "/oidc/auth" -> getOrPost(req, authorization::handle);
      case "/oidc/token" -> post(req, token::handle);
      case "/oidc/me" -> getOrPost(req, userInfo::handle);
      case "/oidc/session/end" -> getOrPost(req, endSession::handle);
      // Any method: Logto's page after a logout is a plain page.
      case "/oidc/session/end/success" -> EndSessionEndpoint.signedOutPage();
      case "/oidc/token/revocation" -> post(req, revocation::handle);
      case "/oidc/token/introspection" -> post(req, introspection::handle);
      // Logto's sign-in experience lives outside /oidc.
      case "/sign-in", "/register", "/verification-code" -> getOrPost(req, experience::handle);
      default -> notFound(req);
    };
  }

  private static Resp get(Req req, Function<Req, Resp> handler) {
    return "GET".equals(req.method()) || "HEAD".equals(req.method())
        ? handler.apply(req)
        : notFound(req);
  }

  private static Resp post(Req req, Function<Req, Resp> handler) {
    return "POST".equals(req.method()) ? handler.apply(req) : notFound(req);
  }

  private static Resp getOrPost(Req req, Function<Req, Resp> handler) {
    return "GET".equals(req.method()) || "POST".equals(req.method())
        ? handler.apply(req)
        : notFound(req);
  }

  /** node-oidc-provider's answer to an unknown path or a method a known path does not take. */
  private static Resp notFound(Req req) {
    return Resp.oauthError(
        404,
        "invalid_request",
        "unrecognized route or not allowed method (" + req.method() + " on " + req.path() + ")");
  }
}
