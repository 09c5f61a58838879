package io.logtojee.api.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.logtojee.error.RequestError;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request body that is not the JSON we expect: 400 with where it went wrong, never the body. */
@Provider
public final class JsonProcessingExceptionMapper
    implements ExceptionMapper<JsonProcessingException> {

  @Override
  public Response toResponse(JsonProcessingException exception) {
    Map<String, Object> details = new LinkedHashMap<>();
    if (exception.getLocation() != null) {
      details.put("line", exception.getLocation().getLineNr());
      details.put("column", exception.getLocation().getColumnNr());
    }
    if (exception instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      StringBuilder path = new StringBuilder();
      for (var reference : mismatch.getPath()) {
        if (reference.getFieldName() != null) {
          path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
        } else {
          path.append('[').append(reference.getIndex()).append(']');
        }
      }
      details.put("field", path.toString());
    }
    String message =
        exception instanceof MismatchedInputException
            ? "The JSON body has a value of the wrong type"
            : "The request body is not valid JSON";
    return new ApiError(RequestError.INVALID_JSON.wireName(), message, details)
        .toResponse(ErrorStatuses.of(RequestError.INVALID_JSON));
  }
}
