package io.logtojee.testsupport.op;

import static io.logtojee.testsupport.op.OidcValues.nullToEmpty;

import io.logtojee.testsupport.op.OpHttp.Req;
import io.logtojee.testsupport.op.OpHttp.Resp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /oidc/session/end}: RP-initiated logout. It checks {@code id_token_hint}, {@code
 * client_id} and {@code post_logout_redirect_uri} as node-oidc-provider does, ends the OP session
 * (revoking its online grants) and tells every client that took part in it on the back channel.
 */
final class EndSessionEndpoint {
  private static final Logger LOG = Logger.getLogger(EndSessionEndpoint.class.getName());

  private record Delivery(String uri, String logoutToken) {}

  private final ProviderStore store;
  private final IdTokenHintVerifier hintVerifier;
  private final TokenMinter minter;
  private final BackChannelLogoutSender sender;

  EndSessionEndpoint(
      ProviderStore store,
      IdTokenHintVerifier hintVerifier,
      TokenMinter minter,
      BackChannelLogoutSender sender) {
    this.store = store;
    this.hintVerifier = hintVerifier;
    this.minter = minter;
    this.sender = sender;
  }

  Resp handle(Req req) {
    List<Delivery> deliveries = new ArrayList<>();
    Resp response;
    synchronized (store) {
      response = endSession(req, deliveries);
    }
    // Sent without the lock: a relying party that is slow, or calls back into the provider while
    // handling the logout, must not block every other endpoint.
    for (Delivery delivery : deliveries) {
      try {
        int status = sender.send(delivery.uri(), delivery.logoutToken());
        LOG.fine(() -> "back-channel logout to " + delivery.uri() + " answered " + status);
      } catch (RuntimeException e) {
        // A relying party that cannot be reached must not undo or fail the logout itself.
        LOG.log(Level.FINE, "back-channel logout to " + delivery.uri() + " failed", e);
      }
    }
    return response;
  }

  /** Logto's page after a logout without a (valid) post-logout redirect. */
  static Resp signedOutPage() {
    return Resp.html(
        200,
        "<!DOCTYPE html><html><head><title>Signed out</title></head>"
            + "<body><h1>You have been signed out</h1></body></html>");
  }

  private Resp endSession(Req req, List<Delivery> deliveries) {
    String hint = req.param("id_token_hint");
    String clientIdParam = req.param("client_id");
    String postLogout = req.param("post_logout_redirect_uri");
    String state = req.param("state");
    RegisteredClient client = null;
    String hintSid = null;
    if (hint != null) {
      Map<String, Object> claims = hintVerifier.verify(hint);
      if (claims == null) {
        return Resp.text(400, "invalid_request: could not validate id_token_hint");
      }
      Object aud = claims.get("aud");
      String audience =
          aud instanceof List<?> list && !list.isEmpty()
              ? String.valueOf(list.get(0))
              : String.valueOf(aud);
      client = store.clients.get(audience);
      if (client == null) {
        return Resp.text(400, "invalid_client: unrecognized id_token_hint audience");
      }
      if (clientIdParam != null && !clientIdParam.equals(audience)) {
        return Resp.text(400, "invalid_request: client_id/id_token_hint mismatch");
      }
      hintSid = claims.get("sid") == null ? null : claims.get("sid").toString();
    } else if (clientIdParam != null) {
      client = store.clients.get(clientIdParam);
      if (client == null) {
        return Resp.text(400, "invalid_client: client is invalid");
      }
    }
    if (client == null) {
      // Without a known client there is no registered URI to check it against.
      postLogout = null;
    } else if (postLogout != null && !client.postLogoutRedirectUris().contains(postLogout)) {
      return Resp.text(400, "invalid_request: post_logout_redirect_uri not registered");
    }

    OpSession session = store.sessions.get(nullToEmpty(req.cookie(OpSession.COOKIE)));
    if (session == null && hintSid != null) {
      session = store.sessions.get(hintSid);
    }
    if (session != null && !session.ended) {
      end(session, deliveries);
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
        "Set-Cookie", OpSession.COOKIE + "=; Path=/oidc; HttpOnly; SameSite=Lax; Max-Age=0");
  }

  /** Ends a session and queues a logout token for each of its clients that asked for one. */
  private void end(OpSession session, List<Delivery> deliveries) {
    session.ended = true;
    for (String grantId : session.grantIds) {
      Grant grant = store.grants.get(grantId);
      if (grant != null && !grant.offline()) {
        store.revokedGrants.add(grantId);
      }
    }
    for (String clientId : session.clientIds) {
      RegisteredClient client = store.clients.get(clientId);
      if (client != null && client.backChannelUri() != null) {
        String token =
            minter.mintLogoutToken(
                clientId,
                session.user.sub(),
                client.backChannelSessionRequired() ? session.sid : null,
                Map.of(),
                Set.of());
        deliveries.add(new Delivery(client.backChannelUri(), token));
      }
    }
  }
}
