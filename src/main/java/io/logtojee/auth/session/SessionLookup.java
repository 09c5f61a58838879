package io.logtojee.auth.session;

import jakarta.servlet.ServletContext;

/**
 * Ends a session of this node by its id, outside the request that uses it (a back-channel logout,
 * the eviction of a pending sign-in). The servlet API has no lookup by id, and what works differs
 * by container, so {@link #forContainer} picks the way that works where the application runs.
 */
public interface SessionLookup {

  /** Ends the session with {@code id} if this node can reach it; true if it did. */
  boolean invalidate(String id);

  /**
   * The container's own lookup where it offers one ({@link ContainerSessions}); otherwise sessions
   * are kept by a listener ({@link HeldSessions}), which is then registered on the context.
   */
  static SessionLookup forContainer(ServletContext context) {
    return ContainerSessions.of(context)
        .orElseGet(
            () -> {
              HeldSessions held = new HeldSessions();
              context.addListener(held);
              return held;
            });
  }
}
