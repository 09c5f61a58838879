package io.logtojee.web;

import io.logtojee.api.error.ServletErrors;
import io.logtojee.error.CodedException;
import io.logtojee.text.Html;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Error answers of the filters, in the same {@code {code, message}} shape as the REST API. Browsers
 * get a small page with a way forward instead of JSON.
 */
final class WebResponses {

  private WebResponses() {}

  static void error(
      HttpServletRequest request, HttpServletResponse response, CodedException failure)
      throws IOException {
    if (wantsHtml(request)) {
      ServletErrors.writeHtml(
          response, failure, page(request.getContextPath(), failure.getMessage()));
    } else {
      ServletErrors.writeJson(response, failure);
    }
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
