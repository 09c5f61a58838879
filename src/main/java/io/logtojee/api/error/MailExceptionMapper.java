package io.logtojee.api.error;

import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.mail.config.ConfigViolation;
import io.logtojee.mail.config.InvalidMailConfigException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the mail sender's error codes become HTTP statuses. Logto shows any non-2xx to the end user
 * as a generic failure and cannot act on 429, so the body stays free of internals; the statuses are
 * for operators and monitoring.
 */
@Provider
public final class MailExceptionMapper implements ExceptionMapper<MailException> {

  @Override
  public Response toResponse(MailException exception) {
    MailErrorCode code = exception.code();
    Map<String, Object> details = new LinkedHashMap<>();
    exception.providerRequestId().ifPresent(id -> details.put("requestId", id));
    if (exception instanceof InvalidMailConfigException invalid) {
      details.put("violations", ConfigViolation.byKey(invalid.violations()));
    }
    Response response =
        new ApiError(code.wireName(), exception.getMessage(), details).toResponse(statusOf(code));
    if (exception.retryAfter().isPresent()) {
      long seconds = Math.max(1, exception.retryAfter().get().toSeconds());
      return Response.fromResponse(response).header("Retry-After", Long.toString(seconds)).build();
    }
    return response;
  }

  /** The HTTP status of each mail error code; the only place this mapping exists. */
  public static int statusOf(MailErrorCode code) {
    return switch (code) {
      case INVALID_REQUEST, INVALID_RECIPIENT, TEMPLATE_NOT_FOUND, CONFIG_VIOLATIONS -> 400;
      case UNAUTHORIZED -> 401;
      case CONFIG_PRECONDITION_FAILED -> 412;
      case CONFIG_PRECONDITION_REQUIRED -> 428;
      case RATE_LIMITED -> 429;
      case CONFIG_WRITE_FAILED -> 500;
      case PROVIDER_REJECTED, OUTCOME_UNKNOWN -> 502;
      case PROVIDER_UNAVAILABLE, MAIL_DISABLED, INVALID_CONFIG -> 503;
    };
  }
}
