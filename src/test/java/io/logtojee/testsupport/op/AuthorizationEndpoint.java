package io.logtojee.testsupport.op;

import static io.logtojee.testsupport.op.OidcValues.nullToEmpty;

import io.logtojee.testsupport.op.OpHttp.Req;
import io.logtojee.testsupport.op.OpHttp.Resp;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code /oidc/auth}: checks an authorization request in node-oidc-provider's order and with its
 * messages, then signs the configured user in without a form and redirects with a code; under
 * {@link Scenario#EMAIL_SIGN_IN} the user signs in on the {@link SignInExperience} instead. Errors
 * that cannot safely go back to the client (unknown client, unregistered redirect URI) are shown in
 * place; all others are redirected, because the relying party's handling of both is under test.
 */
final class AuthorizationEndpoint {
  static final Duration CODE_TTL = Duration.ofSeconds(60);

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

  private final String issuer;
  private final Supplier<Set<Scenario>> scenarios;
  private final ProviderStore store;
  private final SignInPage signInPage;
  private final SignInExperience experience;
  private final CodeIssuer codes;

  AuthorizationEndpoint(
      String issuer,
      Supplier<Set<Scenario>> scenarios,
      ProviderStore store,
      SignInPage page,
      SignInExperience experience,
      CodeIssuer codes) {
    this.issuer = issuer;
    this.scenarios = scenarios;
    this.store = store;
    this.signInPage = page;
    this.experience = experience;
    this.codes = codes;
  }

  Resp handle(Req req) {
    synchronized (store) {
      return authorize(req);
    }
  }

  private Resp authorize(Req req) {
    for (String name : SINGLE_AUTH_PARAMS) {
      if (req.params(name).size() > 1) {
        return Resp.text(
            400, "invalid_request: '" + name + "' parameter must not be provided twice");
      }
    }
    RegisteredClient client = store.clients.get(nullToEmpty(req.param("client_id")));
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
    String pkceProblem = pkceProblem(challenge, req.param("code_challenge_method"), client);
    if (pkceProblem != null) {
      return authError(redirectUri, "invalid_request", pkceProblem, state, issParam);
    }
    List<String> resources = OidcValues.splitResources(req.params("resource"));
    for (String resource : resources) {
      if (!URI.create(resource.replace(" ", "%20")).isAbsolute()) {
        return authError(
            redirectUri, "invalid_target", "resource must be an absolute URI", state, issParam);
      }
    }
    Set<String> prompt = OidcValues.words(req.param("prompt"));
    Set<String> scopes = OidcValues.words(req.param("scope"));
    if (!prompt.contains("consent")) {
      // node-oidc-provider drops offline_access unless prompt contains consent.
      scopes.remove("offline_access");
    }

    AuthorizationRequest request =
        new AuthorizationRequest(
            client.id(),
            redirectUri,
            state,
            req.param("nonce"),
            challenge,
            scopes,
            resources,
            issParam,
            req.param("ui_locales"),
            req.param("first_screen"),
            req.param("login_hint"),
            "POST".equals(req.method()) ? req.form() : req.query());

    TestUser user = store.user();
    if (sc.contains(Scenario.SIGN_IN_PAGE) && !SignInPage.isContinuation(req)) {
      return signInPage.render(req, user);
    }

    OpSession session = store.sessions.get(nullToEmpty(req.cookie(OpSession.COOKIE)));
    if (sc.contains(Scenario.EMAIL_SIGN_IN) && !SignInPage.isContinuation(req)) {
      // Logto reuses a live session whoever signed in with it; otherwise the user signs in on the
      // sign-in experience's pages.
      if (session != null && !session.ended && !prompt.contains("login")) {
        return codes.issue(request, session);
      }
      if (prompt.contains("none")) {
        return authError(
            redirectUri, "login_required", "End-User authentication is required", state, issParam);
      }
      return experience.start(request);
    }

    boolean reusable =
        session != null
            && !session.ended
            && session.user.sub().equals(user.sub())
            && !prompt.contains("login");
    if (prompt.contains("none") && !reusable) {
      return authError(
          redirectUri, "login_required", "End-User authentication is required", state, issParam);
    }
    return reusable ? codes.issue(request, session) : codes.signIn(request, user);
  }

  /**
   * Why the PKCE parameters are refused ({@code invalid_request}), or null. A challenge without a
   * method means {@code plain}, which Logto refuses; public clients must send a challenge.
   */
  private static String pkceProblem(String challenge, String method, RegisteredClient client) {
    if (challenge == null && method != null) {
      return "code_challenge must be provided with code_challenge_method";
    }
    if (challenge != null) {
      if (!"S256".equals(method == null ? "plain" : method)) {
        return "not supported value of code_challenge_method";
      }
      if (!PKCE_CHALLENGE.matcher(challenge).matches()) {
        return "code_challenge must be a string with a minimum length of 43 characters";
      }
    } else if (client.isPublic()) {
      return "Authorization Server policy requires PKCE to be used for this request";
    }
    return null;
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
}
