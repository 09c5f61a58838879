package io.logtojee.auth.token;

/**
 * Which of Logto's signing keys the application holds right now. The {@link VerifiedTokenCache}
 * asks on every hit, so that a token is trusted from memory only while the key that signed it is
 * still published; the answer must come from memory, never from a fetch.
 */
@FunctionalInterface
public interface HeldKeyIds {

  /**
   * Whether {@code keyId} names a key of the current key set. False when the keys are missing or
   * due for a reload: the caller then verifies the token in full, which reloads them.
   */
  boolean holds(String keyId);
}
