package io.logtojee.state;

import java.util.Optional;

/** Whether the store of shared state can be reached right now, and if not, why. */
@FunctionalInterface
public interface StateStoreAvailability {

  /** Why the store cannot be used right now; empty when it can. Never blocks for long. */
  Optional<String> unavailableReason();
}
