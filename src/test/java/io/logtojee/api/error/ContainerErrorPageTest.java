package io.logtojee.api.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.testsupport.servlet.FakeRequest;
import io.logtojee.testsupport.servlet.FakeResponse;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;

/** No {@code /api} answer is ever the container's HTML error page (issue 8 item 1). */
class ContainerErrorPageTest {

  private final FakeResponse response = new FakeResponse();

  private void render(int status, String uri) throws Exception {
    FakeRequest request =
        FakeRequest.get("/error-page")
            .attribute(RequestDispatcher.ERROR_STATUS_CODE, status)
            .attribute(RequestDispatcher.ERROR_REQUEST_URI, uri);
    new ContainerErrorPage().service(request.asServletRequest(), response.asServletResponse());
  }

  @Test
  void anErrorOfAnApiRequestIsTheApisJson() throws Exception {
    render(500, "/api/mail/send");

    assertEquals(500, response.getStatus());
    assertTrue(response.getContentType().startsWith("application/json"));
    assertEquals(
        "{\"code\":\"internal_server_error\",\"message\":\"Internal Server Error\"}",
        response.body());
  }

  @Test
  void anErrorOfAPageIsASmallPageWithoutDetails() throws Exception {
    render(413, "/sign-in");

    assertEquals(413, response.getStatus());
    assertTrue(response.getContentType().startsWith("text/html"));
    assertTrue(response.body().contains("Request Entity Too Large"), response.body());
    assertFalse(response.body().contains("Tomcat"));
  }
}
