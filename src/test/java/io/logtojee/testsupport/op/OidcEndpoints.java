package io.logtojee.testsupport.op;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import io.logtojee.testsupport.op.OpHttp.Req;
import io.logtojee.testsupport.op.OpHttp.Resp;
import io.logtojee.text.Html;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The OpenID Provider behaviour behind {@code /oidc/*}, written after Logto 1.42 on
 * node-oidc-provider 8 ({@code logto.md} section 2): which parameters are checked, which errors
 * come back, which claims a scope yields and when refresh tokens are issued. It holds the
 * provider's clients, codes, tokens and sessions; every public entry point is synchronized.
 */
final class OidcEndpoints {
  private static final Logger LOG = Logger.getLogger(OidcEndpoints.class.getName());

  static final Duration CODE_TTL = Duration.ofSeconds(60);

  /** Marks an authorization request sent from the {@link Scenario#SIGN_IN_PAGE} page. */
  static final String SIGNED_IN_MARK = "x_signed_in";

  static final Duration TOKEN_TTL = Duration.ofSeconds(3600);
  static final Duration REFRESH_TTL = Duration.ofDays(14);
  static final Duration LOGOUT_TOKEN_TTL = Duration.ofSeconds(120);
  static final String SESSION_COOKIE = "_session";
  static final String BACKCHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout";
  static final String ORGANIZATIONS_SCOPE = "urn:logto:scope:organizations";
  static final String HEADER_PREFIX = "header.";

  /** Scopes with a meaning at Logto's OP; any other scope is an API-resource permission. */
  static final List<String> SCOPES_SUPPORTED =
      List.of(
          "openid",
          "offline_access",
          "profile",
          "email",
          "phone",
          "address",
          "custom_data",
          "identities",
          "roles",
          ORGANIZATIONS_SCOPE,
          "urn:logto:scope:organization_roles");

  static final List<String> CLAIMS_SUPPORTED =
      List.of(
          "sub",
          "name",
          "picture",
          "username",
          "preferred_username",
          "created_at",
          "updated_at",
          "email",
          "email_verified",
          "roles",
          "organizations",
          "organization_roles",
          "sid",
          "auth_time",
          "iss");

  private static final List<String> SINGLE_AUTH_PARAMS =
      List.of(
          "client_id",
          "redirect_uri",
          "response_type",
          "scope",
          "state",
          "nonce",
          "prompt",
          "code_challenge",
          "code_challenge_method");

  private static final Pattern PKCE_CHALLENGE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

  private record Client(
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

  /** What one authorization granted; codes, tokens and refresh tokens point at it. */
  private record Grant(
      String id,
      String clientId,
      TestUser user,
      String sid,
      Set<String> scopes,
      List<String> resources,
      String nonce) {
    boolean offline() {
      return scopes.contains("offline_access");
    }
  }

  private static final class Code {
    final Grant grant;
    final String redirectUri;
    final String challenge;
    final Instant expiresAt;
    boolean consumed;

    Code(Grant grant, String redirectUri, String challenge, Instant expiresAt) {
      this.grant = grant;
      this.redirectUri = redirectUri;
      this.challenge = challenge;
      this.expiresAt = expiresAt;
    }
  }

  private record AccessToken(Grant grant, Set<String> scopes, Instant expiresAt) {}

  private static final class RefreshToken {
    final Grant grant;
    final Instant expiresAt;
    boolean consumed;

    RefreshToken(Grant grant, Instant expiresAt) {
      this.grant = grant;
      this.expiresAt = expiresAt;
    }
  }

  private static final class OpSession {
    final String sid;
    final TestUser user;
    final Set<String> clientIds = new LinkedHashSet<>();
    final Set<String> grantIds = new LinkedHashSet<>();
    boolean ended;

    OpSession(String sid, TestUser user) {
      this.sid = sid;
      this.user = user;
    }
  }

  private record Delivery(String uri, String logoutToken) {}

  private final String issuer;
  private final KeyRing keys;
  private final Supplier<Set<Scenario>> scenarios;
  private final long createdAtMillis = System.currentTimeMillis();
  private final HttpClient backChannelClient =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private final Map<String, Client> clients = new LinkedHashMap<>();
  private final Map<String, Code> codes = new HashMap<>();
  private final Map<String, AccessToken> accessTokens = new HashMap<>();
  private final Set<String> jwtAccessTokenIds = new LinkedHashSet<>();
  private final Map<String, RefreshToken> refreshTokens = new HashMap<>();
  private final Map<String, OpSession> sessions = new LinkedHashMap<>();
  private final Map<String, Grant> grants = new HashMap<>();
  private final Set<String> revokedGrants = new LinkedHashSet<>();

  private TestUser user = TestUser.demo();
  private Duration iatOffset = Duration.ZERO;
  private volatile URI tokenEndpoint;
  private Duration expOffset = Duration.ZERO;

  OidcEndpoints(String issuer, KeyRing keys, Supplier<Set<Scenario>> scenarios) {
    this.issuer = issuer;
    this.keys = keys;
    this.scenarios = scenarios;
  }

  // ---------------------------------------------------------------- configuration

  synchronized void registerClient(
      String clientId, String secret, Set<String> redirectUris, Set<String> postLogout) {
    Client old = clients.get(clientId);
    clients.put(
        clientId,
        new Client(
            clientId,
            secret,
            Set.copyOf(redirectUris),
            Set.copyOf(postLogout),
            old == null ? null : old.backChannelUri(),
            old != null && old.backChannelSessionRequired()));
  }

  synchronized void registerBackChannelLogout(
      String clientId, String uri, boolean sessionRequired) {
    Client c = requireClient(clientId);
    clients.put(
        clientId,
        new Client(
            c.id(),
            c.secret(),
            c.redirectUris(),
            c.postLogoutRedirectUris(),
            uri,
            sessionRequired));
  }

  synchronized void setUser(TestUser newUser) {
    this.user = newUser;
  }

  synchronized TestUser user() {
    return user;
  }

  /** Where discovery sends clients for tokens; null means this provider's own endpoint. */
  synchronized void setTokenEndpoint(URI endpoint) {
    this.tokenEndpoint = endpoint;
  }

  synchronized void setClockOffsets(Duration iat, Duration exp) {
    this.iatOffset = iat == null ? Duration.ZERO : iat;
    this.expOffset = exp == null ? Duration.ZERO : exp;
  }

  synchronized void revokeGrants(String sub) {
    grants.values().stream()
        .filter(g -> g.user().sub().equals(sub))
        .forEach(g -> revokedGrants.add(g.id()));
  }

  synchronized List<String> liveSessionIds(String sub) {
    return sessions.values().stream()
        .filter(s -> !s.ended && s.user.sub().equals(sub))
        .map(s -> s.sid)
        .toList();
  }

  // ---------------------------------------------------------------- dispatch

  Resp handle(Req req) {
    String path = req.path();
    switch (path) {
      case "/oidc/.well-known/openid-configuration":
        return get(req, this::discovery);
      case "/oidc/jwks":
        return get(req, this::jwks);
      case "/oidc/auth":
        return authorize(req);
      case "/oidc/token":
        return post(req, this::token);
      case "/oidc/me":
        return userinfo(req);
      case "/oidc/session/end":
        return endSession(req);
      case "/oidc/session/end/success":
        return signedOutPage();
      case "/oidc/token/revocation":
        return post(req, this::revocation);
      case "/oidc/token/introspection":
        return post(req, this::introspection);
      default:
        return notFound(req);
    }
  }

  private static Resp get(Req req, java.util.function.Function<Req, Resp> handler) {
    return "GET".equals(req.method()) || "HEAD".equals(req.method())
        ? handler.apply(req)
        : notFound(req);
  }

  private static Resp post(Req req, java.util.function.Function<Req, Resp> handler) {
    return "POST".equals(req.method()) ? handler.apply(req) : notFound(req);
  }

  private static Resp notFound(Req req) {
    return Resp.oauthError(
        404,
        "invalid_request",
        "unrecognized route or not allowed method (" + req.method() + " on " + req.path() + ")");
  }

  // ---------------------------------------------------------------- discovery and keys

  private Resp discovery(Req req) {
    Set<Scenario> sc = scenarios.get();
    if (sc.contains(Scenario.DISCOVERY_500)) {
      return Resp.oauthError(500, "server_error", "oops! something went wrong");
    }
    String alg = keys.currentAlgorithm().getName();
    List<String> idTokenAlgs = new ArrayList<>(List.of(alg));
    if (sc.contains(Scenario.ALG_NONE)) {
      idTokenAlgs.add("none");
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("issuer", sc.contains(Scenario.DISCOVERY_ISSUER) ? issuer + "1" : issuer);
    d.put("authorization_endpoint", issuer + "/auth");
    d.put("device_authorization_endpoint", issuer + "/device/auth");
    d.put("token_endpoint", tokenEndpoint == null ? issuer + "/token" : tokenEndpoint.toString());
    d.put("jwks_uri", issuer + "/jwks");
    d.put("userinfo_endpoint", issuer + "/me");
    d.put("end_session_endpoint", issuer + "/session/end");
    d.put("revocation_endpoint", issuer + "/token/revocation");
    d.put("introspection_endpoint", issuer + "/token/introspection");
    d.put("backchannel_logout_supported", true);
    d.put("backchannel_logout_session_supported", true);
    d.put("claims_parameter_supported", false);
    d.put("claims_supported", CLAIMS_SUPPORTED);
    if (!sc.contains(Scenario.NO_PKCE_METADATA)) {
      d.put("code_challenge_methods_supported", List.of("S256"));
    }
    d.put(
        "grant_types_supported",
        List.of(
            "implicit",
            "authorization_code",
            "refresh_token",
            "client_credentials",
            "urn:ietf:params:oauth:grant-type:device_code",
            "urn:ietf:params:oauth:grant-type:token-exchange"));
    d.put("id_token_signing_alg_values_supported", idTokenAlgs);
    d.put("userinfo_signing_alg_values_supported", List.of(alg));
    d.put("introspection_signing_alg_values_supported", List.of(alg));
    d.put("authorization_signing_alg_values_supported", List.of(alg));
    d.put("request_parameter_supported", false);
    d.put("request_uri_parameter_supported", false);
    d.put("response_modes_supported", List.of("form_post", "fragment", "query"));
    d.put("response_types_supported", List.of("code id_token", "code", "id_token", "none"));
    d.put("scopes_supported", SCOPES_SUPPORTED);
    d.put("subject_types_supported", List.of("public"));
    List<String> authMethods =
        List.of(
            "none",
            "client_secret_basic",
            "client_secret_jwt",
            "client_secret_post",
            "private_key_jwt");
    d.put("token_endpoint_auth_methods_supported", authMethods);
    d.put("introspection_endpoint_auth_methods_supported", authMethods);
    d.put("revocation_endpoint_auth_methods_supported", authMethods);
    d.put("claim_types_supported", List.of("normal"));
    d.put("authorization_response_iss_parameter_supported", true);
    return Resp.json(200, d);
  }

  private Resp jwks(Req req) {
    Set<Scenario> sc = scenarios.get();
    if (sc.contains(Scenario.JWKS_500)) {
      return Resp.oauthError(500, "server_error", "oops! something went wrong");
    }
    return new Resp(
        200,
        Map.of("Content-Type", "application/jwk-set+json; charset=utf-8"),
        Json.write(
                keys.jwks(
                    !sc.contains(Scenario.NO_KID),
                    sc.contains(Scenario.JWKS_2KEYS),
                    sc.contains(Scenario.JWKS_JUNK)))
            .getBytes(StandardCharsets.UTF_8));
  }

  // ---------------------------------------------------------------- authorization

  private synchronized Resp authorize(Req req) {
    if (!"GET".equals(req.method()) && !"POST".equals(req.method())) {
      return notFound(req);
    }
    for (String name : SINGLE_AUTH_PARAMS) {
      if (req.params(name).size() > 1) {
        return Resp.text(
            400, "invalid_request: '" + name + "' parameter must not be provided twice");
      }
    }
    Client client = clients.get(nullToEmpty(req.param("client_id")));
    if (client == null) {
      return Resp.text(400, "invalid_client: client is invalid");
    }
    String redirectUri = req.param("redirect_uri");
    if (redirectUri == null || !client.redirectUris().contains(redirectUri)) {
      return Resp.text(
          400,
          "invalid_redirect_uri: redirect_uri did not match any of the client's registered"
              + " redirect_uris");
    }
    String state = req.param("state");
    Set<Scenario> sc = scenarios.get();
    String issParam = sc.contains(Scenario.ISS_PARAM) ? issuer + "1" : issuer;

    if (sc.contains(Scenario.AUTHZ_ERROR)) {
      return authError(
          redirectUri, "access_denied", "end-user denied the request", state, issParam);
    }
    if (!"code".equals(req.param("response_type"))) {
      return authError(
          redirectUri,
          "unsupported_response_type",
          "unsupported response_type requested",
          state,
          issParam);
    }
    String challenge = req.param("code_challenge");
    String method = req.param("code_challenge_method");
    if (challenge == null && method != null) {
      return authError(
          redirectUri,
          "invalid_request",
          "code_challenge must be provided with code_challenge_method",
          state,
          issParam);
    }
    if (challenge != null) {
      if (!"S256".equals(method == null ? "plain" : method)) {
        return authError(
            redirectUri,
            "invalid_request",
            "not supported value of code_challenge_method",
            state,
            issParam);
      }
      if (!PKCE_CHALLENGE.matcher(challenge).matches()) {
        return authError(
            redirectUri,
            "invalid_request",
            "code_challenge must be a string with a minimum length of 43 characters",
            state,
            issParam);
      }
    } else if (client.isPublic()) {
      return authError(
          redirectUri,
          "invalid_request",
          "Authorization Server policy requires PKCE to be used for this request",
          state,
          issParam);
    }
    List<String> resources = splitResources(req.params("resource"));
    for (String resource : resources) {
      if (!URI.create(resource.replace(" ", "%20")).isAbsolute()) {
        return authError(
            redirectUri, "invalid_target", "resource must be an absolute URI", state, issParam);
      }
    }
    Set<String> prompt = words(req.param("prompt"));
    Set<String> scopes = words(req.param("scope"));
    if (!prompt.contains("consent")) {
      // node-oidc-provider drops offline_access unless prompt contains consent.
      scopes.remove("offline_access");
    }

    if (sc.contains(Scenario.SIGN_IN_PAGE) && !"true".equals(req.param(SIGNED_IN_MARK))) {
      return signInPage(req);
    }

    OpSession session = sessions.get(nullToEmpty(req.cookie(SESSION_COOKIE)));
    boolean reusable =
        session != null
            && !session.ended
            && session.user.sub().equals(user.sub())
            && !prompt.contains("login");
    if (prompt.contains("none") && !reusable) {
      return authError(
          redirectUri, "login_required", "End-User authentication is required", state, issParam);
    }
    if (!reusable) {
      session = new OpSession(randomToken(), user);
      sessions.put(session.sid, session);
    }
    Grant grant =
        new Grant(
            randomToken(),
            client.id(),
            session.user,
            session.sid,
            Collections.unmodifiableSet(scopes),
            resources,
            req.param("nonce"));
    grants.put(grant.id(), grant);
    session.clientIds.add(client.id());
    session.grantIds.add(grant.id());
    String code = randomToken();
    codes.put(code, new Code(grant, redirectUri, challenge, Instant.now().plus(CODE_TTL)));

    Map<String, String> response = new LinkedHashMap<>();
    response.put("code", code);
    response.put("state", state);
    response.put("iss", issParam);
    return Resp.redirect(OpHttp.appendQuery(redirectUri, response))
        .withHeader(
            "Set-Cookie",
            SESSION_COOKIE + "=" + session.sid + "; Path=/oidc; HttpOnly; SameSite=Lax");
  }

  /**
   * Logto's sign-in experience, reduced to one link: following it repeats the authorization request
   * with {@link #SIGNED_IN_MARK}, and only then is a code issued, as Logto issues it after the
   * form.
   */
  private Resp signInPage(Req req) {
    StringBuilder continueUrl = new StringBuilder(issuer).append("/auth?");
    Map<String, List<String>> params = "POST".equals(req.method()) ? req.form() : req.query();
    params.forEach(
        (name, values) ->
            values.forEach(
                value ->
                    continueUrl
                        .append(OpHttp.encode(name))
                        .append('=')
                        .append(OpHttp.encode(value))
                        .append('&')));
    continueUrl.append(SIGNED_IN_MARK).append("=true");
    return Resp.html(
        200,
        "<!DOCTYPE html><html><head><title>Sign in</title></head><body><h1>Sign in</h1>"
            + "<p id=\"account\">"
            + Html.escape(user.email())
            + "</p><a id=\"continue\" href=\""
            + Html.escape(continueUrl.toString())
            + "\">Continue</a></body></html>");
  }

  private static Resp authError(
      String redirectUri, String error, String description, String state, String iss) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("error", error);
    params.put("error_description", description);
    params.put("state", state);
    params.put("iss", iss);
    return Resp.redirect(OpHttp.appendQuery(redirectUri, params));
  }

  // ---------------------------------------------------------------- token endpoint

  private Resp token(Req req) {
    Set<Scenario> sc = scenarios.get();
    if (sc.contains(Scenario.TOKEN_RESET)) {
      return Resp.RESET;
    }
    if (sc.contains(Scenario.TOKEN_500)) {
      return Resp.oauthError(500, "server_error", "oops! something went wrong");
    }
    synchronized (this) {
      Object auth = authenticateClient(req);
      if (auth instanceof Resp error) {
        return error;
      }
      Client client = (Client) auth;
      String grantType = req.formParam("grant_type");
      if (grantType == null) {
        return Resp.oauthError(400, "invalid_request", "missing required parameter 'grant_type'");
      }
      Resp response =
          switch (grantType) {
            case "authorization_code" -> authorizationCodeGrant(req, client);
            case "refresh_token" -> refreshTokenGrant(req, client);
            default ->
                Resp.oauthError(
                    400,
                    "unsupported_grant_type",
                    "unsupported grant_type requested (" + grantType + ")");
          };
      return response.withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache");
    }
  }

  /** Returns the authenticated {@link Client} or an error {@link Resp}. */
  private Object authenticateClient(Req req) {
    String basicId = null;
    String basicSecret = null;
    String authorization = req.header("authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(authorization.substring(6).trim()),
                StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return Resp.oauthError(400, "invalid_request", "invalid authorization header value format");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        return Resp.oauthError(400, "invalid_request", "invalid authorization header value format");
      }
      basicId = OpHttp.decode(decoded.substring(0, colon));
      basicSecret = OpHttp.decode(decoded.substring(colon + 1));
    }
    String bodyId = req.formParam("client_id");
    String bodySecret = req.formParam("client_secret");
    if (basicId != null && bodySecret != null) {
      return Resp.oauthError(
          400,
          "invalid_request",
          "client authentication must only be provided using one mechanism");
    }
    if (basicId != null && bodyId != null && !bodyId.equals(basicId)) {
      return Resp.oauthError(
          400, "invalid_request", "mismatch in body and authorization client ids");
    }
    String clientId = basicId != null ? basicId : bodyId;
    String secret = basicId != null ? basicSecret : bodySecret;
    if (clientId == null) {
      return Resp.oauthError(400, "invalid_request", "no client authentication mechanism provided");
    }
    Client client = clients.get(clientId);
    boolean ok;
    if (client == null) {
      ok = false;
    } else if (client.isPublic()) {
      ok = secret == null;
    } else {
      ok =
          secret != null
              && MessageDigest.isEqual(
                  secret.getBytes(StandardCharsets.UTF_8),
                  client.secret().getBytes(StandardCharsets.UTF_8));
    }
    if (!ok) {
      return Resp.oauthError(401, "invalid_client", "client authentication failed");
    }
    return client;
  }

  private Resp authorizationCodeGrant(Req req, Client client) {
    String value = req.formParam("code");
    if (value == null) {
      return Resp.oauthError(400, "invalid_request", "missing required parameter 'code'");
    }
    Code code = codes.get(value);
    if (code == null
        || !code.grant.clientId().equals(client.id())
        || Instant.now().isAfter(code.expiresAt)) {
      return invalidGrant();
    }
    String verifier = req.formParam("code_verifier");
    if (code.challenge != null || verifier != null) {
      if (code.challenge == null || verifier == null || !s256(verifier).equals(code.challenge)) {
        return invalidGrant();
      }
    }
    if (!code.redirectUri.equals(req.formParam("redirect_uri"))) {
      return invalidGrant();
    }
    if (code.consumed) {
      // As node-oidc-provider does: a replayed code revokes everything issued from it.
      revokedGrants.add(code.grant.id());
      return invalidGrant();
    }
    if (revokedGrants.contains(code.grant.id())) {
      return invalidGrant();
    }
    code.consumed = true;
    Grant grant = code.grant;
    List<String> requested = splitResources(req.params("resource"));
    if (requested.size() > 1) {
      return Resp.oauthError(400, "invalid_target", "only a single resource indicator value");
    }
    String resource = requested.isEmpty() ? null : requested.get(0);
    if (resource != null && !grant.resources().contains(resource)) {
      return Resp.oauthError(400, "invalid_target", "resource indicator is missing, or unknown");
    }
    String refresh = null;
    if (grant.offline()) {
      refresh = randomToken();
      refreshTokens.put(refresh, new RefreshToken(grant, Instant.now().plus(REFRESH_TTL)));
    }
    return tokenResponse(grant, resource, null, grant.scopes(), refresh);
  }

  private Resp refreshTokenGrant(Req req, Client client) {
    String value = req.formParam("refresh_token");
    if (value == null) {
      return Resp.oauthError(400, "invalid_request", "missing required parameter 'refresh_token'");
    }
    RefreshToken token = refreshTokens.get(value);
    if (token == null
        || revokedGrants.contains(token.grant.id())
        || Instant.now().isAfter(token.expiresAt)
        || !token.grant.clientId().equals(client.id())) {
      return invalidGrant();
    }
    Grant grant = token.grant;
    Set<String> scopes = grant.scopes();
    String scopeParam = req.formParam("scope");
    if (scopeParam != null) {
      Set<String> requested = words(scopeParam);
      if (!grant.scopes().containsAll(requested)) {
        return Resp.oauthError(400, "invalid_scope", "refresh token missing requested scope");
      }
      scopes = requested;
    }
    if (token.consumed) {
      revokedGrants.add(grant.id());
      return invalidGrant();
    }
    List<String> requestedResources = splitResources(req.params("resource"));
    if (requestedResources.size() > 1) {
      return Resp.oauthError(400, "invalid_target", "only a single resource indicator value");
    }
    String resource = requestedResources.isEmpty() ? null : requestedResources.get(0);
    if (resource != null && !grant.resources().contains(resource)) {
      return Resp.oauthError(400, "invalid_target", "resource indicator is missing, or unknown");
    }
    String organizationId = req.formParam("organization_id");
    if (organizationId != null) {
      if (!grant.scopes().contains(ORGANIZATIONS_SCOPE)) {
        return Resp.oauthError(403, "insufficient_scope", "refresh token missing required scope");
      }
      if (!grant.user().organizations().contains(organizationId)) {
        return Resp.oauthError(400, "access_denied", "organization access denied");
      }
    }
    String refresh = value;
    if (client.isPublic()) {
      // Logto rotates public clients' refresh tokens on every use.
      token.consumed = true;
      refresh = randomToken();
      refreshTokens.put(refresh, new RefreshToken(grant, token.expiresAt));
    }
    return tokenResponse(grant, resource, organizationId, scopes, refresh);
  }

  private Resp tokenResponse(
      Grant grant, String resource, String organizationId, Set<String> scopes, String refresh) {
    Instant now = Instant.now();
    String accessToken;
    String scope;
    if (resource != null || organizationId != null) {
      String audience = resource != null ? resource : "urn:logto:organization:" + organizationId;
      scope =
          scopes.stream()
              .filter(s -> !SCOPES_SUPPORTED.contains(s))
              .collect(Collectors.joining(" "));
      Map<String, Object> extra = new LinkedHashMap<>();
      if (resource != null && organizationId != null) {
        extra.put("organization_id", organizationId);
      }
      accessToken =
          resourceToken(grant.clientId(), grant.user().sub(), audience, scope, extra, Set.of());
    } else {
      Set<String> oidc =
          scopes.stream()
              .filter(SCOPES_SUPPORTED::contains)
              .collect(Collectors.toCollection(LinkedHashSet::new));
      scope = String.join(" ", oidc);
      accessToken = randomToken();
      accessTokens.put(accessToken, new AccessToken(grant, oidc, now.plus(TOKEN_TTL)));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", accessToken);
    body.put("expires_in", TOKEN_TTL.toSeconds());
    if (scopes.contains("openid")) {
      body.put("id_token", idToken(grant, scopes, accessToken));
    }
    if (refresh != null) {
      body.put("refresh_token", refresh);
    }
    body.put("scope", scope);
    body.put("token_type", "Bearer");
    return Resp.json(200, body);
  }

  private static Resp invalidGrant() {
    return Resp.oauthError(400, "invalid_grant", "grant request is invalid");
  }

  // ---------------------------------------------------------------- token minting

  private String idToken(Grant grant, Set<String> scopes, String accessToken) {
    Set<Scenario> sc = scenarios.get();
    JWK key = keys.signingKey();
    Instant now = Instant.now();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("sub", grant.user().sub());
    claims.put("aud", grant.clientId());
    claims.put(
        "exp", (expOffset.isZero() ? now.plus(TOKEN_TTL) : now.plus(expOffset)).getEpochSecond());
    claims.put("iat", now.plus(iatOffset).getEpochSecond());
    if (grant.nonce() != null) {
      claims.put("nonce", grant.nonce());
    }
    String atHash = JwtSigner.leftHalfHash(accessToken, JwtSigner.effectiveAlgorithm(key, sc));
    if (atHash != null) {
      claims.put("at_hash", atHash);
    }
    claims.put("sid", grant.sid());
    claims.putAll(scopeClaims(grant.user(), scopes));
    applyClaimScenarios(claims, grant.clientId(), sc);
    return JwtSigner.sign(key, "JWT", Map.of(), claims, sc, secretOf(grant.clientId()));
  }

  private String resourceToken(
      String clientId,
      String sub,
      String audience,
      String scope,
      Map<String, Object> extra,
      Set<Scenario> sc) {
    Instant now = Instant.now();
    String jti = randomToken();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("jti", jti);
    claims.put("sub", sub);
    claims.put("iat", now.getEpochSecond());
    claims.put("exp", now.plus(TOKEN_TTL).getEpochSecond());
    claims.put("scope", scope);
    claims.put("client_id", clientId);
    claims.put("iss", issuer);
    claims.put("aud", audience);
    jwtAccessTokenIds.add(jti);
    return mint(clientId, "at+jwt", claims, extra, sc);
  }

  synchronized String mintIdToken(String clientId, Map<String, Object> extra, Set<Scenario> sc) {
    Instant now = Instant.now();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("sub", user.sub());
    claims.put("aud", clientId);
    claims.put("exp", now.plus(TOKEN_TTL).getEpochSecond());
    claims.put("iat", now.getEpochSecond());
    claims.put("sid", randomToken());
    claims.putAll(scopeClaims(user, Set.of("profile", "email", "roles", ORGANIZATIONS_SCOPE)));
    return mint(clientId, "JWT", claims, extra, sc);
  }

  synchronized String mintAccessToken(
      String clientId, String audience, String scope, Map<String, Object> extra, Set<Scenario> sc) {
    return resourceToken(clientId, user.sub(), audience, scope, extra, sc);
  }

  synchronized String mintLogoutToken(
      String clientId, String sub, String sid, Map<String, Object> overrides, Set<Scenario> sc) {
    Instant now = Instant.now();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("aud", clientId);
    claims.put("iat", now.getEpochSecond());
    claims.put("exp", now.plus(LOGOUT_TOKEN_TTL).getEpochSecond());
    claims.put("jti", randomToken());
    if (sub != null) {
      claims.put("sub", sub);
    }
    if (sid != null) {
      claims.put("sid", sid);
    }
    claims.put("events", Map.of(BACKCHANNEL_EVENT, Map.of()));
    return mint(clientId, "logout+jwt", claims, overrides, sc);
  }

  /**
   * Applies overrides (a null value removes a claim; a {@code header.} key sets or, with null,
   * removes a JOSE header member) and the claim scenarios, then signs.
   */
  private String mint(
      String clientId,
      String typ,
      Map<String, Object> claims,
      Map<String, Object> overrides,
      Set<Scenario> sc) {
    Map<String, Object> header = new LinkedHashMap<>();
    if (overrides != null) {
      overrides.forEach(
          (name, value) -> {
            if (name.startsWith(HEADER_PREFIX)) {
              header.put(name.substring(HEADER_PREFIX.length()), value);
            } else if (value == null) {
              claims.remove(name);
            } else {
              claims.put(name, value);
            }
          });
    }
    applyClaimScenarios(claims, clientId, sc);
    return JwtSigner.sign(keys.signingKey(), typ, header, claims, sc, secretOf(clientId));
  }

  private void applyClaimScenarios(Map<String, Object> claims, String clientId, Set<Scenario> sc) {
    if (sc.contains(Scenario.ISS_PLUS_1) && claims.get("iss") != null) {
      claims.put("iss", claims.get("iss") + "1");
    }
    if (sc.contains(Scenario.AUD_PLUS_1)) {
      claims.put("aud", clientId + "1");
    }
    if (sc.contains(Scenario.DROP_AUD)) {
      claims.remove("aud");
    }
    if (sc.contains(Scenario.AUD_ARRAY) || sc.contains(Scenario.AUD_ARRAY_AZP)) {
      claims.put("aud", List.of(clientId, clientId + "1"));
    }
    if (sc.contains(Scenario.AUD_ARRAY_AZP)) {
      claims.put("azp", clientId);
    }
    if (sc.contains(Scenario.SUB_PLUS_1) && claims.get("sub") != null) {
      claims.put("sub", claims.get("sub") + "1");
    }
    if (sc.contains(Scenario.DROP_SUB)) {
      claims.remove("sub");
    }
    if (sc.contains(Scenario.DROP_IAT)) {
      claims.remove("iat");
    }
    if (sc.contains(Scenario.NONCE_PLUS_1) && claims.get("nonce") != null) {
      claims.put("nonce", claims.get("nonce") + "1");
    }
    if (sc.contains(Scenario.DROP_NONCE)) {
      claims.remove("nonce");
    }
  }

  /** The claims a set of scopes yields for a user, as Logto's account claims do. */
  private Map<String, Object> scopeClaims(TestUser u, Set<String> scopes) {
    Map<String, Object> claims = new LinkedHashMap<>();
    if (scopes.contains("profile")) {
      claims.put("name", emptyToNull(u.name()));
      claims.put("picture", emptyToNull(u.picture()));
      if (emptyToNull(u.username()) != null) {
        claims.put("username", u.username());
        claims.put("preferred_username", u.username());
      }
      claims.put("created_at", createdAtMillis);
      claims.put("updated_at", createdAtMillis);
    }
    if (scopes.contains("email")) {
      if (emptyToNull(u.email()) != null) {
        claims.put("email", u.email());
      }
      claims.put("email_verified", u.email() != null && u.emailVerified());
    }
    if (scopes.contains("roles")) {
      claims.put("roles", u.roles());
    }
    if (scopes.contains(ORGANIZATIONS_SCOPE)) {
      claims.put("organizations", u.organizations());
    }
    return claims;
  }

  // ---------------------------------------------------------------- userinfo

  private synchronized Resp userinfo(Req req) {
    if (!"GET".equals(req.method()) && !"POST".equals(req.method())) {
      return notFound(req);
    }
    String authorization = req.header("authorization");
    String token = null;
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = authorization.substring(7).trim();
    }
    if (token == null || token.isEmpty()) {
      return invalidToken("no access token provided");
    }
    if (token.chars().filter(c -> c == '.').count() == 2) {
      try {
        Object jti = JwtSigner.unverifiedClaims(token).get("jti");
        if (jti != null && jwtAccessTokenIds.contains(jti.toString())) {
          return invalidToken("token audience prevents accessing the userinfo endpoint");
        }
      } catch (RuntimeException e) {
        // Not a JWT of ours: treated as an unknown token below.
      }
    }
    AccessToken at = accessTokens.get(token);
    if (at == null
        || revokedGrants.contains(at.grant().id())
        || Instant.now().isAfter(at.expiresAt())) {
      return invalidToken("invalid token provided");
    }
    if (!at.scopes().contains("openid")) {
      return new Resp(
              403,
              Map.of("Content-Type", "application/json; charset=utf-8"),
              Json.write(
                      Map.of(
                          "error",
                          "insufficient_scope",
                          "error_description",
                          "access token missing openid scope"))
                  .getBytes(StandardCharsets.UTF_8))
          .withHeader(
              "WWW-Authenticate",
              "Bearer realm=\"" + issuer + "\", error=\"insufficient_scope\", scope=\"openid\"");
    }
    Map<String, Object> claims = new LinkedHashMap<>();
    String sub = at.grant().user().sub();
    claims.put("sub", scenarios.get().contains(Scenario.USERINFO_SUB) ? sub + "1" : sub);
    // Logto reads the user's current record at UserInfo, not the one of the sign-in.
    TestUser granted = at.grant().user();
    TestUser current = user != null && user.sub().equals(granted.sub()) ? user : granted;
    claims.putAll(scopeClaims(current, at.scopes()));
    return Resp.json(200, claims).withHeader("Cache-Control", "no-store");
  }

  private Resp invalidToken(String description) {
    return Resp.oauthError(401, "invalid_token", description)
        .withHeader(
            "WWW-Authenticate",
            "Bearer realm=\""
                + issuer
                + "\", error=\"invalid_token\", error_description=\""
                + description
                + "\"");
  }

  // ---------------------------------------------------------------- logout

  private Resp endSession(Req req) {
    List<Delivery> deliveries = new ArrayList<>();
    Resp response;
    synchronized (this) {
      response = endSessionLocked(req, deliveries);
    }
    for (Delivery delivery : deliveries) {
      try {
        int status = sendBackChannelLogout(delivery.uri(), delivery.logoutToken());
        LOG.fine(() -> "back-channel logout to " + delivery.uri() + " answered " + status);
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "back-channel logout to " + delivery.uri() + " failed", e);
      }
    }
    return response;
  }

  private Resp endSessionLocked(Req req, List<Delivery> deliveries) {
    if (!"GET".equals(req.method()) && !"POST".equals(req.method())) {
      return notFound(req);
    }
    String hint = req.param("id_token_hint");
    String clientIdParam = req.param("client_id");
    String postLogout = req.param("post_logout_redirect_uri");
    String state = req.param("state");
    Client client = null;
    String hintSid = null;
    if (hint != null) {
      Map<String, Object> claims = verifyOwnToken(hint);
      if (claims == null) {
        return Resp.text(400, "invalid_request: could not validate id_token_hint");
      }
      Object aud = claims.get("aud");
      String audience =
          aud instanceof List<?> list && !list.isEmpty()
              ? String.valueOf(list.get(0))
              : String.valueOf(aud);
      client = clients.get(audience);
      if (client == null) {
        return Resp.text(400, "invalid_client: unrecognized id_token_hint audience");
      }
      if (clientIdParam != null && !clientIdParam.equals(audience)) {
        return Resp.text(400, "invalid_request: client_id/id_token_hint mismatch");
      }
      hintSid = claims.get("sid") == null ? null : claims.get("sid").toString();
    } else if (clientIdParam != null) {
      client = clients.get(clientIdParam);
      if (client == null) {
        return Resp.text(400, "invalid_client: client is invalid");
      }
    }
    if (client == null) {
      postLogout = null;
    } else if (postLogout != null && !client.postLogoutRedirectUris().contains(postLogout)) {
      return Resp.text(400, "invalid_request: post_logout_redirect_uri not registered");
    }

    OpSession session = sessions.get(nullToEmpty(req.cookie(SESSION_COOKIE)));
    if (session == null && hintSid != null) {
      session = sessions.get(hintSid);
    }
    if (session != null && !session.ended) {
      endSession(session, deliveries);
    }
    Resp response;
    if (postLogout != null) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("state", state);
      response = Resp.redirect(OpHttp.appendQuery(postLogout, params));
    } else {
      response = signedOutPage();
    }
    return response.withHeader(
        "Set-Cookie", SESSION_COOKIE + "=; Path=/oidc; HttpOnly; SameSite=Lax; Max-Age=0");
  }

  private void endSession(OpSession session, List<Delivery> deliveries) {
    session.ended = true;
    for (String grantId : session.grantIds) {
      Grant grant = grants.get(grantId);
      if (grant != null && !grant.offline()) {
        revokedGrants.add(grantId);
      }
    }
    for (String clientId : session.clientIds) {
      Client client = clients.get(clientId);
      if (client != null && client.backChannelUri() != null) {
        String token =
            mintLogoutToken(
                clientId,
                session.user.sub(),
                client.backChannelSessionRequired() ? session.sid : null,
                Map.of(),
                Set.of());
        deliveries.add(new Delivery(client.backChannelUri(), token));
      }
    }
  }

  private static Resp signedOutPage() {
    return Resp.html(
        200,
        "<!DOCTYPE html><html><head><title>Signed out</title></head>"
            + "<body><h1>You have been signed out</h1></body></html>");
  }

  /** The claims of a token this provider signed (expiry ignored), or null. */
  private Map<String, Object> verifyOwnToken(String jwt) {
    try {
      SignedJWT parsed = SignedJWT.parse(jwt);
      String kid = parsed.getHeader().getKeyID();
      for (JWK key : keys.publishedKeys()) {
        if (kid != null && !kid.equals(key.getKeyID())) {
          continue;
        }
        JWSVerifier verifier =
            key instanceof ECKey ec
                ? new ECDSAVerifier(ec.toECPublicKey())
                : new RSASSAVerifier(((RSAKey) key).toRSAPublicKey());
        if (verifier.supportedJWSAlgorithms().contains(parsed.getHeader().getAlgorithm())
            && parsed.verify(verifier)) {
          Map<String, Object> claims = parsed.getJWTClaimsSet().toJSONObject();
          return issuer.equals(claims.get("iss")) ? claims : null;
        }
      }
      return null;
    } catch (ParseException | JOSEException | IllegalStateException e) {
      return null;
    }
  }

  /** POSTs {@code logout_token} as a form, as Logto does; returns the status. */
  int sendBackChannelLogout(String uri, String logoutToken) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(uri))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + OpHttp.encode(logoutToken)))
            .build();
    try {
      return backChannelClient.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  // ---------------------------------------------------------------- revocation, introspection

  private synchronized Resp revocation(Req req) {
    Object auth = authenticateClient(req);
    if (auth instanceof Resp error) {
      return error;
    }
    Client client = (Client) auth;
    String token = req.formParam("token");
    if (token == null) {
      return Resp.oauthError(400, "invalid_request", "missing required parameter 'token'");
    }
    AccessToken at = accessTokens.get(token);
    if (at != null && at.grant().clientId().equals(client.id())) {
      accessTokens.remove(token);
    }
    RefreshToken rt = refreshTokens.get(token);
    if (rt != null && rt.grant.clientId().equals(client.id())) {
      revokedGrants.add(rt.grant.id());
    }
    return new Resp(200, Map.of(), new byte[0]);
  }

  private synchronized Resp introspection(Req req) {
    Object auth = authenticateClient(req);
    if (auth instanceof Resp error) {
      return error;
    }
    String token = req.formParam("token");
    if (token == null) {
      return Resp.oauthError(400, "invalid_request", "missing required parameter 'token'");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    AccessToken at = accessTokens.get(token);
    RefreshToken rt = refreshTokens.get(token);
    if (at != null
        && !revokedGrants.contains(at.grant().id())
        && Instant.now().isBefore(at.expiresAt())) {
      body.put("active", true);
      body.put("client_id", at.grant().clientId());
      body.put("exp", at.expiresAt().getEpochSecond());
      body.put("iss", issuer);
      body.put("scope", String.join(" ", at.scopes()));
      body.put("sub", at.grant().user().sub());
      body.put("token_type", "Bearer");
    } else if (rt != null
        && !rt.consumed
        && !revokedGrants.contains(rt.grant.id())
        && Instant.now().isBefore(rt.expiresAt)) {
      body.put("active", true);
      body.put("client_id", rt.grant.clientId());
      body.put("exp", rt.expiresAt.getEpochSecond());
      body.put("iss", issuer);
      body.put("scope", String.join(" ", rt.grant.scopes()));
      body.put("sub", rt.grant.user().sub());
      body.put("token_type", "refresh_token");
    } else {
      body.put("active", false);
    }
    return Resp.json(200, body);
  }

  // ---------------------------------------------------------------- helpers

  private Client requireClient(String clientId) {
    Client client = clients.get(clientId);
    if (client == null) {
      throw new IllegalArgumentException("unknown client " + clientId);
    }
    return client;
  }

  private String secretOf(String clientId) {
    Client client = clients.get(clientId);
    return client == null ? null : client.secret();
  }

  private static Set<String> words(String value) {
    Set<String> words = new LinkedHashSet<>();
    if (value != null) {
      Arrays.stream(value.trim().split("\\s+")).filter(w -> !w.isEmpty()).forEach(words::add);
    }
    return words;
  }

  /** Logto splits {@code resource=a,b} into separate resource values. */
  private static List<String> splitResources(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String value : values) {
      for (String part : value.split(",")) {
        if (!part.isBlank() && !out.contains(part.trim())) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }

  static String s256(String verifier) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64URL.encode(hash).toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String randomToken() {
    return Base64URL.encode(KeyRing.randomBytes(32)).toString();
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
