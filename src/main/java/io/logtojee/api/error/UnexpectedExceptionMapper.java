package io.logtojee.api.error;

import io.logtojee.error.RequestError;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything unexpected: logged with a random incident id, answered with a generic 500 quoting that
 * id, so details stay in the log and out of the response.
 */
@Provider
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

  @Override
  public Response toResponse(Throwable exception) {
    if (exception instanceof WebApplicationException web) {
      return new WebApplicationExceptionMapper().toResponse(web);
    }
    String incident = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, exception);
    return new ApiError(
            RequestError.INTERNAL_ERROR.wireName(),
            "Something went wrong on our side. Quote incident " + incident + ".",
            Map.of("incident", incident))
        .toResponse(ErrorStatuses.of(RequestError.INTERNAL_ERROR));
  }
}
