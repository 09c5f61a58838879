package io.logtojee.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.logtojee.auth.LogtoSignIn;
import io.logtojee.testsupport.servlet.FakeRequest;
import io.logtojee.testsupport.servlet.FakeResponse;
import io.logtojee.testsupport.servlet.FakeSession;
import org.junit.jupiter.api.Test;

/** Where an already signed-in user goes from {@code /sign-in}. */
class SignedInRedirectServletTest {

  private final SignedInRedirectServlet servlet =
      new SignedInRedirectServlet(TestLogto.APP_BASE_URL);
  private final FakeResponse response = new FakeResponse();

  private void get(FakeRequest request) throws Exception {
    servlet.service(request.asServletRequest(), response.asServletResponse());
  }

  @Test
  void getWithSavedReturnPathRedirectsThereAndForgetsIt() throws Exception {
    FakeSession session = FakeSession.existing().with(LogtoSignIn.RETURN_TO, "/account?tab=mail");

    get(FakeRequest.get("/sign-in").withSession(session));

    assertEquals(302, response.getStatus());
    assertEquals(TestLogto.APP_BASE_URL + "/account?tab=mail", response.getHeader("Location"));
    assertEquals("no-store", response.getHeader("Cache-Control"));
    assertNull(session.getAttribute(LogtoSignIn.RETURN_TO));
  }

  @Test
  void getWithUnsafeSavedPathRedirectsHome() throws Exception {
    FakeSession session = FakeSession.existing().with(LogtoSignIn.RETURN_TO, "//evil.example/x");

    get(FakeRequest.get("/sign-in").withSession(session));

    assertEquals(TestLogto.APP_BASE_URL + "/", response.getHeader("Location"));
  }

  @Test
  void getWithoutSessionRedirectsHomeWithoutCreatingOne() throws Exception {
    FakeRequest request = FakeRequest.get("/sign-in");

    get(request);

    assertEquals(302, response.getStatus());
    assertEquals(TestLogto.APP_BASE_URL + "/", response.getHeader("Location"));
    assertNull(request.session());
  }
}
