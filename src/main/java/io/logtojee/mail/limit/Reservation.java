package io.logtojee.mail.limit;

/** One reserved send; exactly one of {@link #commit()} and {@link #release()} takes effect. */
public final class Reservation {
  private final SendCounterStore store;
  private final String id;
  private boolean settled;

  Reservation(SendCounterStore store, String id) {
    this.store = store;
    this.id = id;
  }

  /** The mail was accepted, or may have been: it counts against the limits. */
  public synchronized void commit() {
    if (!settled) {
      settled = true;
      store.commit(id);
    }
  }

  /** The mail certainly did not leave: it does not count. */
  public synchronized void release() {
    if (!settled) {
      settled = true;
      store.release(id);
    }
  }
}
