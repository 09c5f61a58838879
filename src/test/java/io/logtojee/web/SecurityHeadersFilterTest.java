package io.logtojee.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.logtojee.testsupport.servlet.FakeChain;
import io.logtojee.testsupport.servlet.FakeRequest;
import io.logtojee.testsupport.servlet.FakeResponse;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Headers every answer of the application carries. */
class SecurityHeadersFilterTest {

  private final SecurityHeadersFilter filter =
      new SecurityHeadersFilter("https://tenant.logto.app");
  private final FakeResponse response = new FakeResponse();

  @Test
  void anyRequestGetsTheFourSecurityHeadersAndContinuesTheChain() throws Exception {
    FakeChain chain = new FakeChain();
    ServletRequest request = FakeRequest.get("/").asServletRequest();

    filter.doFilter(request, response.asServletResponse(), chain);

    assertEquals("nosniff", response.getHeader("X-Content-Type-Options"));
    assertEquals("no-referrer", response.getHeader("Referrer-Policy"));
    assertEquals("DENY", response.getHeader("X-Frame-Options"));
    assertEquals(
        "default-src 'self'; img-src 'self' https: data:; object-src 'none'; base-uri 'none';"
            + " frame-ancestors 'none'; form-action 'self' https://tenant.logto.app",
        response.getHeader("Content-Security-Policy"));
    assertEquals(1, chain.calls());
    assertSame(request, chain.lastRequest());
  }

  @Test
  void requestGetsNoReferrerBeforeTheRestOfTheChainAnswers() throws Exception {
    List<String> seenByChain = new ArrayList<>();
    FilterChain committing =
        (request, answer) -> {
          HttpServletResponse http = (HttpServletResponse) answer;
          seenByChain.add(http.getHeader("Referrer-Policy"));
          http.sendRedirect(TestLogto.APP_BASE_URL + "/");
        };

    filter.doFilter(
        FakeRequest.get("/callback").param("code", "c").asServletRequest(),
        response.asServletResponse(),
        committing);

    assertEquals(List.of("no-referrer"), seenByChain);
    assertEquals("no-referrer", response.getHeader("Referrer-Policy"));
    assertEquals(302, response.getStatus());
  }
}
