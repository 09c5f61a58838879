package io.logtojee.state;

import io.logtojee.error.ErrorCode;

/** Why an operation on the state several nodes share failed. */
public enum StateStoreError implements ErrorCode {
  /**
   * The shared store (Redis) could not be reached in time, so the operation was not carried out;
   * trying again later helps.
   */
  UNAVAILABLE("state_store_unavailable");

  private final String wireName;

  StateStoreError(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
