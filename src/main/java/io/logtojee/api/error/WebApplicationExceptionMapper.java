package io.logtojee.api.error;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/** Keeps the status of Jakarta REST's own exceptions (404, 405, 406, 415, ...) but answers JSON. */
@Provider
public final class WebApplicationExceptionMapper
    implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException exception) {
    Response original = exception.getResponse();
    if (original.getEntity() instanceof ApiError) {
      return original;
    }
    int status = original.getStatus();
    Response.StatusType type = Response.Status.fromStatusCode(status);
    String reason = type == null ? "error" : type.getReasonPhrase();
    String code = reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    String message = status == 404 ? "No such API endpoint" : reason;
    Response answer = ApiError.of(code, message).toResponse(status);
    if (original.getHeaderString("Allow") != null) {
      return Response.fromResponse(answer)
          .header("Allow", original.getHeaderString("Allow"))
          .build();
    }
    return answer;
  }
}
