package io.logtojee.api.error;

import io.logtojee.auth.AccessError;
import io.logtojee.auth.SignInFailure;
import io.logtojee.auth.token.TokenError;
import io.logtojee.auth.usertoken.UserTokenError;
import io.logtojee.error.ErrorCode;
import io.logtojee.error.RequestError;
import io.logtojee.mail.MailErrorCode;
import io.logtojee.state.StateStoreError;
import java.util.List;

/**
 * The HTTP status of every error code: the only place where a failure below the API becomes a
 * status. One wire name always has one status, whichever capability uses it (a test checks).
 */
public final class ErrorStatuses {

  /** Every capability's codes, for the consistency test and for documentation. */
  public static final List<Class<? extends Enum<? extends ErrorCode>>> CODE_TYPES =
      List.of(
          RequestError.class,
          AccessError.class,
          SignInFailure.class,
          TokenError.class,
          UserTokenError.class,
          MailErrorCode.class,
          StateStoreError.class);

  private ErrorStatuses() {}

  public static int of(ErrorCode code) {
    if (code instanceof RequestError request) {
      return of(request);
    }
    if (code instanceof AccessError access) {
      return switch (access) {
        case NOT_SIGNED_IN -> 401;
        case FORBIDDEN, CROSS_SITE_REQUEST -> 403;
      };
    }
    if (code instanceof SignInFailure signIn) {
      return of(signIn);
    }
    if (code instanceof TokenError token) {
      return switch (token) {
        case INVALID_REQUEST, INVALID_LOGOUT_TOKEN -> 400;
        case INVALID_TOKEN -> 401;
        case INSUFFICIENT_SCOPE -> 403;
        case PROVIDER_UNAVAILABLE -> 503;
      };
    }
    if (code instanceof UserTokenError userToken) {
      return switch (userToken) {
        case SESSION_ENDED -> 401;
        case TOKEN_REFUSED -> 403;
        case NO_REFRESH_TOKEN -> 409;
        case PROVIDER_UNAVAILABLE -> 503;
      };
    }
    if (code instanceof MailErrorCode mail) {
      return of(mail);
    }
    if (code instanceof StateStoreError state) {
      return switch (state) {
        case UNAVAILABLE -> 503;
      };
    }
    throw new IllegalArgumentException("No status for " + code);
  }

  private static int of(RequestError code) {
    return switch (code) {
      case INVALID_REQUEST, INVALID_JSON, INVALID_PARAMETER -> 400;
      case METHOD_NOT_ALLOWED -> 405;
      case PAYLOAD_TOO_LARGE -> 413;
      case INTERNAL_ERROR -> 500;
    };
  }

  private static int of(SignInFailure code) {
    return switch (code) {
      case SESSION_EXPIRED, PROVIDER_ERROR, INVALID_CALLBACK -> 400;
      case REJECTED -> 401;
      case PROVIDER_UNAVAILABLE -> 503;
    };
  }

  /**
   * Logto shows any non-2xx of its HTTP email connector to the end user as a generic failure and
   * cannot act on 429, so these statuses are for operators and monitoring.
   */
  private static int of(MailErrorCode code) {
    return switch (code) {
      case INVALID_REQUEST, INVALID_RECIPIENT, TEMPLATE_NOT_FOUND, CONFIG_VIOLATIONS -> 400;
      case UNAUTHORIZED -> 401;
      case CONFIG_PRECONDITION_FAILED -> 412;
      case CONFIG_PRECONDITION_REQUIRED -> 428;
      case RATE_LIMITED -> 429;
      case CONFIG_WRITE_FAILED -> 500;
      case PROVIDER_REJECTED, OUTCOME_UNKNOWN -> 502;
      case PROVIDER_UNAVAILABLE, MAIL_DISABLED, INVALID_CONFIG, STATE_STORE_UNAVAILABLE -> 503;
    };
  }
}
