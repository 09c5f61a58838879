package io.logtojee.auth;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pac4j.oidc.client.OidcClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads Logto's discovery document into pac4j so that no request waits on another request's call to
 * Logto: while it is not loaded, one attempt runs in the background (at most one at a time, at most
 * once per retry interval), and callers wait for it only as long as they choose.
 */
final class DiscoveryLoader {

  private static final Logger LOG = LoggerFactory.getLogger(DiscoveryLoader.class);

  private final OidcClient client;
  private final PinnedMetadataResolver metadata;
  private final String discoveryUrl;
  private final String threadName;
  private final long retryIntervalNanos;
  private volatile String lastFailure = "not yet contacted";
  private CompletableFuture<Boolean> attempt;
  private long lastAttemptStarted;

  DiscoveryLoader(
      OidcClient client,
      PinnedMetadataResolver metadata,
      String discoveryUrl,
      String threadName,
      Duration retryInterval) {
    this.client = client;
    this.metadata = metadata;
    this.discoveryUrl = discoveryUrl;
    this.threadName = threadName;
    this.retryIntervalNanos = retryInterval.toNanos();
  }

  /** Whether discovery is loaded, waiting at most {@code max} for an attempt in progress. */
  boolean awaitReady(Duration max) {
    if (loaded()) {
      return true;
    }
    try {
      return currentAttempt().get(max.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException stillLoading) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return false;
    }
  }

  /** Why the last attempt failed. */
  String lastFailure() {
    String failure = lastFailure;
    return failure != null ? failure : "not yet contacted";
  }

  private boolean loaded() {
    return metadata.isInitialized() && client.isInitialized();
  }

  /** The attempt in progress, the last one while the retry interval runs, or a new one. */
  private synchronized CompletableFuture<Boolean> currentAttempt() {
    long now = System.nanoTime();
    if (attempt == null || (attempt.isDone() && now - lastAttemptStarted >= retryIntervalNanos)) {
      lastAttemptStarted = now;
      CompletableFuture<Boolean> next = new CompletableFuture<>();
      Thread loader = new Thread(() -> next.complete(load()), threadName);
      loader.setDaemon(true);
      attempt = next;
      loader.start();
    }
    return attempt;
  }

  private boolean load() {
    if (loaded()) {
      return true;
    }
    try {
      client.init();
      metadata.init();
      if (metadata.isInitialized()) {
        LOG.info("Logto discovery loaded from {}", discoveryUrl);
        lastFailure = null;
      }
    } catch (RuntimeException e) {
      lastFailure = e.getMessage();
      LOG.warn("Logto is not available yet: {}", e.getMessage());
    }
    return loaded();
  }
}
