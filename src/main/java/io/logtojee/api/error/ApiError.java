package io.logtojee.api.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** The one error body of the API: a stable code, a human message, and optional details. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(String code, String message, Map<String, Object> details) {

  public static ApiError of(String code, String message) {
    return new ApiError(code, message, Map.of());
  }

  public Response toResponse(int status) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header("Cache-Control", "no-store")
        .entity(this)
        .build();
  }
}
