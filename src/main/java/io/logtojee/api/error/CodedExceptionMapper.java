package io.logtojee.api.error;

import io.logtojee.auth.token.TokenRefusedException;
import io.logtojee.error.CodedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Turns every coded failure into its status, the one JSON error shape, and the headers that go with
 * it: {@code Retry-After} when waiting helps, and the RFC 6750 {@code WWW-Authenticate} challenge
 * of a refused token.
 */
@Provider
public final class CodedExceptionMapper implements ExceptionMapper<CodedException> {

  @Override
  public Response toResponse(CodedException exception) {
    Response.ResponseBuilder answer =
        Response.fromResponse(
            new ApiError(exception.code().wireName(), exception.getMessage(), exception.details())
                .toResponse(ErrorStatuses.of(exception.code())));
    exception
        .retryAfter()
        .ifPresent(
            wait -> answer.header("Retry-After", Long.toString(Math.max(1, wait.toSeconds()))));
    if (exception instanceof TokenRefusedException refused) {
      refused.challenge().ifPresent(value -> answer.header(HttpHeaders.WWW_AUTHENTICATE, value));
    }
    return answer.build();
  }
}
