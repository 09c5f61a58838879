package io.logtojee.auth;

import java.util.Optional;

/** Whether Logto can be used for sign-in right now, and if not, why. */
@FunctionalInterface
public interface LogtoAvailability {

  /** Why Logto cannot be used right now; empty when it can. */
  Optional<String> unavailableReason();
}
