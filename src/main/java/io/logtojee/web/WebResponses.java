package io.logtojee.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logtojee.text.Html;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Error answers of the filters, in the same {@code {code, message}} shape as the REST API. Browsers
 * get a small page with a way forward instead of JSON.
 */
final class WebResponses {

  private static final ObjectMapper JSON = new ObjectMapper();

  private WebResponses() {}

  static void error(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String code,
      String message,
      Map<String, String> details)
      throws IOException {
    response.resetBuffer();
    response.setStatus(status);
    response.setHeader("Cache-Control", "no-store");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    if (wantsHtml(request)) {
      response.setContentType("text/html;charset=UTF-8");
      response.getWriter().write(page(request.getContextPath(), message));
    } else {
      response.setContentType("application/json");
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("code", code);
      body.put("message", message);
      if (details != null && !details.isEmpty()) {
        body.put("details", details);
      }
      JSON.writeValue(response.getWriter(), body);
    }
    response.flushBuffer();
  }

  private static boolean wantsHtml(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    return accept != null && accept.contains("text/html");
  }

  private static String page(String contextPath, String message) {
    String home = Html.escape(contextPath + "/");
    String signIn = Html.escape(contextPath + "/sign-in");
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>Sign-in</title><link rel=\"stylesheet\" href=\""
        + Html.escape(contextPath)
        + "/app.css\"></head><body><main class=\"card\"><h1>Sign-in did not complete</h1>"
        + "<p id=\"error-message\">"
        + Html.escape(message)
        + "</p><p><a class=\"button\" id=\"sign-in-again\" href=\""
        + signIn
        + "\">Sign in again</a> <a href=\""
        + home
        + "\">Home</a></p></main></body></html>";
  }
}
