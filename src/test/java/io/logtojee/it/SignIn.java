package io.logtojee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;

/** The browser's part of a sign-in, one hop at a time, so each hop can be asserted. */
record SignIn(
    HttpResponse<String> start, URI authorize, HttpResponse<String> provider, URI callback) {

  /** Starts at {@code path} of the app and walks until the app's callback URL is known. */
  static SignIn begin(CookieClient client, String path) {
    HttpResponse<String> start = client.get(Servers.app(path));
    assertEquals(302, start.statusCode(), "sign-in start: " + start.body());
    URI authorize = CookieClient.location(start);
    assertTrue(
        authorize.toString().startsWith("http://127.0.0.1:" + Servers.opPort() + "/oidc/auth?"),
        authorize.toString());
    HttpResponse<String> provider = client.get(authorize);
    assertEquals(302, provider.statusCode(), "provider: " + provider.body());
    return new SignIn(start, authorize, provider, CookieClient.location(provider));
  }

  /** Completes the sign-in at the callback and returns the app's answer. */
  HttpResponse<String> finish(CookieClient client) {
    return client.get(callback);
  }

  /** Signs in completely and asserts the app sent the browser back into the app. */
  static HttpResponse<String> complete(CookieClient client, String path) {
    HttpResponse<String> done = begin(client, path).finish(client);
    assertEquals(302, done.statusCode(), "callback: " + done.body());
    assertTrue(
        CookieClient.location(done).toString().startsWith(Servers.appBase() + "/"),
        CookieClient.location(done).toString());
    return done;
  }

  /** A browser signed in as an administrator; the provider's user is the demo user again after. */
  static CookieClient adminBrowser(io.logtojee.testsupport.op.TestOpenIdProvider logto) {
    logto.setUser(Doubles.admin("admin000009"));
    CookieClient client = new CookieClient();
    try {
      complete(client, "/sign-in");
    } finally {
      logto.setUser(io.logtojee.testsupport.op.TestUser.demo());
    }
    return client;
  }

  /** The administrators' health view, with reasons and counters, read by a signed-in admin. */
  static com.fasterxml.jackson.databind.JsonNode adminHealth(CookieClient admin) {
    HttpResponse<String> answer = admin.get(Servers.app("/api/admin/health"));
    assertEquals(200, answer.statusCode(), "admin health: " + answer.body());
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
