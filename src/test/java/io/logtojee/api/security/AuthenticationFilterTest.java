package io.logtojee.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import io.logtojee.api.InMemoryApi;
import io.logtojee.api.InMemoryApi.Answer;
import io.logtojee.api.TestApi;
import io.logtojee.testsupport.servlet.FakeRequest;
import io.logtojee.testsupport.servlet.FakeResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

/**
 * What the authentication filter puts into {@code SecurityContext}, seen from probe resources
 * registered beside the application's own, as a team's {@code ApiExtension} would add them.
 */
class AuthenticationFilterTest {

  private final TestApi app = new TestApi();

  private InMemoryApi start() {
    ResourceConfig config = app.resourceConfig();
    config.register(new CallerProbe());
    config.register(new ScopedProbe());
    config.register(new UnboundProbe());
    return InMemoryApi.of(config);
  }

  static Map<String, Object> describe(SecurityContext security) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("caller", CallerContexts.callerOf(security).map(c -> c.getName()).orElse(null));
    answer.put("scheme", security.getAuthenticationScheme());
    answer.put("secure", security.isSecure());
    answer.put("reader", security.isUserInRole("reader"));
    return answer;
  }

  /** Accepts Bearer callers and needs no scope. */
  @Path("/probe/caller")
  @AcceptsBearer
  @Produces(MediaType.APPLICATION_JSON)
  public static class CallerProbe {
    @GET
    public Map<String, Object> get(@Context SecurityContext security) {
      return describe(security);
    }
  }

  /** Declares one scope on the class and one more on the method. */
  @Path("/probe/scoped")
  @AcceptsBearer
  @RequiresScope("probe:read")
  @Produces(MediaType.APPLICATION_JSON)
  public static class ScopedProbe {
    @GET
    @RequiresScope("probe:write")
    public Map<String, Object> get(@Context SecurityContext security) {
      return describe(security);
    }
  }

  /** Not marked {@link AcceptsBearer}: the filter must leave it alone. */
  @Path("/probe/unbound")
  @Produces(MediaType.APPLICATION_JSON)
  public static class UnboundProbe {
    @GET
    public Map<String, Object> get(@Context SecurityContext security) {
      return Map.of("identified", CallerContexts.callerOf(security).isPresent());
    }
  }

  @Test
  void getWithValidBearerTokenMakesItsSubjectThePrincipalWithBearerSchemeAndNoRoles() {
    String token = app.tokens().accessToken("client-user");

    JsonNode caller = start().get("/probe/caller").bearer(token).send().json();

    assertEquals("client-user", caller.get("caller").asText());
    assertEquals("Bearer", caller.get("scheme").asText());
    assertEquals(true, caller.get("secure").asBoolean());
    assertEquals(false, caller.get("reader").asBoolean());
    assertEquals(0, app.sessionLookups());
  }

  @Test
  void getWithSignedInSessionMakesTheUserThePrincipalWithOidcSchemeAndRoles() {
    app.signedIn(TestApi.user("browser-user", "reader"));

    JsonNode caller = start().get("/probe/caller").send().json();

    assertEquals("browser-user", caller.get("caller").asText());
    assertEquals("OIDC", caller.get("scheme").asText());
    assertEquals(true, caller.get("secure").asBoolean());
    assertEquals(true, caller.get("reader").asBoolean());
  }

  @Test
  void getWithoutSessionOrTokenLeavesThePrincipalEmpty() {
    JsonNode caller = start().get("/probe/caller").send().json();

    assertEquals(true, caller.get("caller").isNull());
    assertEquals(1, app.sessionLookups());
  }

  @Test
  void getWithTokenHoldingOnlyTheClassScopeIsRefused403NamingBothScopes() {
    String token = app.tokens().accessToken("client-user", "probe:read");

    Answer answer = start().get("/probe/scoped").bearer(token).send();

    assertEquals(403, answer.status());
    assertEquals("insufficient_scope", answer.json().get("code").asText());
    assertEquals(
        "Bearer error=\"insufficient_scope\", error_description=\"The token lacks a required"
            + " scope\", scope=\"probe:read probe:write\"",
        answer.header("WWW-Authenticate"));
  }

  @Test
  void getWithTokenHoldingClassAndMethodScopesIsLetThrough() {
    String token = app.tokens().accessToken("client-user", "probe:write", "probe:read");

    Answer answer = start().get("/probe/scoped").bearer(token).send();

    assertEquals(200, answer.status(), answer.body());
    assertEquals("client-user", answer.json().get("caller").asText());
  }

  @Test
  void getOfResourceWithoutAcceptsBearerIgnoresAnInvalidBearerToken() {
    Answer answer = start().get("/probe/unbound").bearer("not-a-token").send();

    assertEquals(200, answer.status(), answer.body());
    assertFalse(answer.json().get("identified").asBoolean());
    assertEquals(0, app.sessionLookups());
  }

  @Test
  void theSessionIsLookedUpOnTheRequestTheApiServletRecordedNotOnAProxy() {
    HttpServletRequest recorded = FakeRequest.get("/api").asServletRequest();
    HttpServletResponse recordedResponse = new FakeResponse().asServletResponse();
    InMemoryApi api = start();
    api.get("/probe/caller")
        .property(ServletExchange.REQUEST, recorded)
        .property(ServletExchange.RESPONSE, recordedResponse)
        .send();
    assertSame(recorded, app.lastSessionLookupRequest());

    api.get("/probe/caller").send();
    assertNotSame(recorded, app.lastSessionLookupRequest());
    assertNotNull(app.lastSessionLookupRequest(), "without the record, Jersey's request");
  }
}
