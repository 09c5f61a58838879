package io.logtojee.testsupport.op;

import io.logtojee.testsupport.op.OpHttp.Req;
import io.logtojee.testsupport.op.OpHttp.Resp;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Authenticates the client of a back-end request (token, revocation, introspection) with {@code
 * client_secret_basic} or {@code client_secret_post}, or none for a public client, with
 * node-oidc-provider's error messages. The three endpoints must refuse the same requests in the
 * same words, hence one class.
 */
final class ClientAuthentication {

  /** Either the authenticated client or the error to answer with. */
  record Outcome(RegisteredClient client, Resp error) {
    static Outcome failed(int status, String error, String description) {
      return new Outcome(null, Resp.oauthError(status, error, description));
    }
  }

  private final ProviderStore store;

  ClientAuthentication(ProviderStore store) {
    this.store = store;
  }

  /** Call with the store locked. */
  Outcome authenticate(Req req) {
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
        return Outcome.failed(400, "invalid_request", "invalid authorization header value format");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        return Outcome.failed(400, "invalid_request", "invalid authorization header value format");
      }
      // RFC 6749 2.3.1: id and secret are form-encoded before they are joined.
      basicId = OpHttp.decode(decoded.substring(0, colon));
      basicSecret = OpHttp.decode(decoded.substring(colon + 1));
    }
    String bodyId = req.formParam("client_id");
    String bodySecret = req.formParam("client_secret");
    if (basicId != null && bodySecret != null) {
      return Outcome.failed(
          400,
          "invalid_request",
          "client authentication must only be provided using one mechanism");
    }
    if (basicId != null && bodyId != null && !bodyId.equals(basicId)) {
      return Outcome.failed(
          400, "invalid_request", "mismatch in body and authorization client ids");
    }
    String clientId = basicId != null ? basicId : bodyId;
    String secret = basicId != null ? basicSecret : bodySecret;
    if (clientId == null) {
      return Outcome.failed(400, "invalid_request", "no client authentication mechanism provided");
    }
    RegisteredClient client = store.clients.get(clientId);
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
      return Outcome.failed(401, "invalid_client", "client authentication failed");
    }
    return new Outcome(client, null);
  }
}
