package io.logtojee.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.testsupport.servlet.FakeChain;
import io.logtojee.testsupport.servlet.FakeRequest;
import io.logtojee.testsupport.servlet.FakeResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** No cross-site sign-out (issue 8 item 7): who may pass to pac4j's logout, and who is asked. */
class SignOutGuardFilterTest {

  private final SignOutGuardFilter filter = new SignOutGuardFilter(TestLogto.APP_BASE_URL);
  private final FakeResponse response = new FakeResponse();
  private final FakeChain chain = new FakeChain();

  private void send(FakeRequest request) throws Exception {
    filter.doFilter(request.asServletRequest(), response.asServletResponse(), chain);
  }

  private static FakeRequest with(FakeRequest request, String fetchSite, String origin) {
    if (!fetchSite.isEmpty()) {
      request.header("Sec-Fetch-Site", fetchSite);
    }
    if (!origin.isEmpty()) {
      request.header("Origin", origin);
    }
    return request;
  }

  @ParameterizedTest
  @CsvSource({
    "same-origin, ''",
    "same-origin, null",
    "none, ''",
    "'', ''",
    "'', " + TestLogto.APP_BASE_URL
  })
  void postFromThisOriginSignsOut(String fetchSite, String origin) throws Exception {
    send(with(FakeRequest.post("/sign-out"), fetchSite, origin));

    assertEquals(1, chain.calls(), "passed on to pac4j's logout");
  }

  @ParameterizedTest
  @CsvSource({
    "cross-site, ''",
    "same-site, ''",
    "cross-site, " + TestLogto.APP_BASE_URL,
    "'', https://evil.example",
    "'', null"
  })
  void postFromAnotherSiteIsRefused(String fetchSite, String origin) throws Exception {
    send(with(FakeRequest.post("/sign-out"), fetchSite, origin));

    assertEquals(0, chain.calls(), "nobody is signed out");
    assertEquals(403, response.getStatus());
    assertTrue(response.body().contains("cross_site_request"), response.body());
  }

  @ParameterizedTest
  @CsvSource({"same-origin", "none", "''"})
  void getFromThisOriginOrTheUserSignsOutAtOnce(String fetchSite) throws Exception {
    send(with(FakeRequest.get("/sign-out"), fetchSite, ""));

    assertEquals(1, chain.calls());
  }

  @ParameterizedTest
  @CsvSource({"cross-site", "same-site"})
  void getFromALinkOnAnotherSiteShowsAConfirmationPage(String fetchSite) throws Exception {
    send(with(FakeRequest.get("/sign-out"), fetchSite, ""));

    assertEquals(0, chain.calls(), "nobody is signed out");
    assertEquals(200, response.getStatus());
    assertEquals("no-store", response.getHeader("Cache-Control"));
    assertTrue(response.getContentType().startsWith("text/html"));
    assertTrue(
        response.body().contains("<form method=\"post\" action=\"/sign-out\">"), response.body());
    assertTrue(response.body().contains("id=\"confirm-sign-out\""));
  }

  @ParameterizedTest
  @CsvSource({"PUT", "DELETE"})
  void otherMethodsAre405(String method) throws Exception {
    send(FakeRequest.of(method, "/sign-out"));

    assertEquals(0, chain.calls());
    assertEquals(405, response.getStatus());
    assertEquals("GET, HEAD, POST", response.getHeader("Allow"));
  }
}
