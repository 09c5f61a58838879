package io.logtojee.api.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logtojee.text.Html;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The container's error page, named in {@code web.xml}: where an error escapes the application's
 * own handling (an exception thrown past a filter, a status the container chose), an {@code /api}
 * caller still gets the API's JSON shape, and anyone else a small page, never the container's stack
 * trace or version.
 */
public final class ContainerErrorPage extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer number && number >= 400 ? number : 404;
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = uri instanceof String text ? text : request.getRequestURI();
    String reason = reasonOf(status);
    response.resetBuffer();
    response.setStatus(status);
    response.setHeader("Cache-Control", "no-store");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    if (path.startsWith(request.getContextPath() + "/api/")
        || path.equals(request.getContextPath() + "/api")) {
      response.setContentType("application/json");
      String wireName = reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
      JSON.writeValue(response.getWriter(), new ApiError(wireName, reason, Map.of()));
    } else {
      response.setContentType("text/html;charset=UTF-8");
      response
          .getWriter()
          .write(
              "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                  + Html.escape(reason)
                  + "</title></head><body><main><h1>"
                  + Html.escape(reason)
                  + "</h1><p><a href=\""
                  + Html.escape(request.getContextPath() + "/")
                  + "\">Home</a></p></main></body></html>");
    }
  }

  private static String reasonOf(int status) {
    jakarta.ws.rs.core.Response.StatusType type =
        jakarta.ws.rs.core.Response.Status.fromStatusCode(status);
    return type == null ? "Error " + status : type.getReasonPhrase();
  }
}
