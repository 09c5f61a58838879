package io.logtojee.state;

import io.logtojee.error.CodedException;
import java.util.Map;

/**
 * The shared store could not be reached, so a write was not recorded (or a read not made): the
 * caller must not act as if it had been.
 */
public class StateStoreUnavailableException extends CodedException {
  private static final long serialVersionUID = 1L;

  public StateStoreUnavailableException(String message, Throwable cause) {
    super(StateStoreError.UNAVAILABLE, message, Map.of(), null, cause);
  }
}
