package io.logtojee.testsupport.op;

import static io.logtojee.testsupport.op.OidcValues.randomToken;

import io.logtojee.testsupport.op.OpHttp.Resp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ends an authorization request with a user: records the grant, issues the authorization code and
 * redirects back to the client with {@code code}, {@code state} and {@code iss}, setting the OP
 * session cookie. Both the authorization endpoint (a user signed in without a form, or a live
 * session) and the sign-in experience (a user who just verified a code) finish this way.
 */
final class CodeIssuer {
  private final ProviderStore store;

  CodeIssuer(ProviderStore store) {
    this.store = store;
  }

  /** Signs {@code user} in with a new OP session and answers the request. */
  Resp signIn(AuthorizationRequest request, TestUser user) {
    synchronized (store) {
      OpSession session = new OpSession(randomToken(), user);
      store.sessions.put(session.sid, session);
      return issue(request, session);
    }
  }

  /** Answers the request for the user of an existing OP session. */
  Resp issue(AuthorizationRequest request, OpSession session) {
    synchronized (store) {
      Grant grant =
          new Grant(
              randomToken(),
              request.clientId(),
              session.user,
              session.sid,
              request.scopes(),
              request.resources(),
              request.nonce());
      store.grants.put(grant.id(), grant);
      session.clientIds.add(request.clientId());
      session.grantIds.add(grant.id());
      String code = randomToken();
      store.codes.put(
          code,
          new AuthorizationCode(
              grant,
              request.redirectUri(),
              request.codeChallenge(),
              Instant.now().plus(AuthorizationEndpoint.CODE_TTL)));

      Map<String, String> response = new LinkedHashMap<>();
      response.put("code", code);
      response.put("state", request.state());
      response.put("iss", request.iss());
      return Resp.redirect(OpHttp.appendQuery(request.redirectUri(), response))
          .withHeader(
              "Set-Cookie",
              OpSession.COOKIE + "=" + session.sid + "; Path=/oidc; HttpOnly; SameSite=Lax");
    }
  }
}
