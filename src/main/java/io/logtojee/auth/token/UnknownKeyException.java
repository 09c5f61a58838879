package io.logtojee.auth.token;

import com.nimbusds.jose.KeySourceException;

/** No key in Logto's key set (after at most one refetch) matches the token's header. */
final class UnknownKeyException extends KeySourceException {
  private static final long serialVersionUID = 1L;

  UnknownKeyException() {
    super("No matching key");
  }
}
