package io.logtojee.api.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logtojee.error.CodedException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * How servlet filters, which answer before Jersey, send a coded failure: the same status table, the
 * same {@link ApiError} shape and the same headers as the REST API's mappers.
 */
public final class ServletErrors {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ServletErrors() {}

  /** Answers with the JSON error body. */
  public static void writeJson(HttpServletResponse response, CodedException failure)
      throws IOException {
    start(response, failure, "application/json");
    JSON.writeValue(
        response.getWriter(),
        new ApiError(failure.code().wireName(), failure.getMessage(), failure.details()));
    response.flushBuffer();
  }

  /** Answers with a page made for people, with the failure's status and headers. */
  public static void writeHtml(HttpServletResponse response, CodedException failure, String page)
      throws IOException {
    start(response, failure, "text/html;charset=UTF-8");
    response.getWriter().write(page);
    response.flushBuffer();
  }

  private static void start(HttpServletResponse response, CodedException failure, String type) {
    response.resetBuffer();
    response.setStatus(ErrorStatuses.of(failure.code()));
    response.setHeader("Cache-Control", "no-store");
    failure
        .retryAfter()
        .ifPresent(
            wait ->
                response.setHeader("Retry-After", Long.toString(Math.max(1, wait.toSeconds()))));
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setContentType(type);
  }
}
