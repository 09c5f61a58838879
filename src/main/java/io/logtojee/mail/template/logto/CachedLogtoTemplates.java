package io.logtojee.mail.template.logto;

import io.logtojee.mail.template.LogtoTemplates;
import io.logtojee.mail.template.LogtoTemplatesStatus;
import io.logtojee.mail.template.ResolvedTemplate;
import io.logtojee.net.DetachedHttpClients;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logto's templates as last fetched, refreshed by one background thread: right after {@link
 * #start()}, then each refresh interval after a good fetch, and sooner after a failed one. Sends
 * read the current set and never wait for Logto.
 *
 * <p>A failed refresh keeps the last good set, for a day or the refresh interval if that is longer
 * (the same grace as Logto's signing keys get); past that, or before the first good fetch, there
 * are no Logto templates and the configuration's serve. One warning is logged when fetching starts
 * to fail or fails for another reason, never with a secret or token.
 */
public final class CachedLogtoTemplates implements LogtoTemplates, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(CachedLogtoTemplates.class.getName());

  /** How long the last good templates outlive failing refreshes, at least. */
  static final Duration STALE_GRACE = Duration.ofDays(1);

  /** How long {@link #close()} waits for the refresh thread to end. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  /** The wait before trying again after a failure, at most. */
  static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

  private final LogtoTemplateFetcher fetcher;
  private final Duration refreshInterval;
  private final Duration maxAge;
  private final Clock clock;
  private final AutoCloseable connection;
  private final Object refreshLock = new Object();
  private final CountDownLatch firstGoodFetch = new CountDownLatch(1);
  private ScheduledExecutorService scheduler;

  private volatile LogtoTemplateSet current;
  private volatile ManagementApiError lastError;

  CachedLogtoTemplates(
      LogtoTemplateFetcher fetcher,
      Duration refreshInterval,
      Clock clock,
      AutoCloseable connection) {
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
    this.maxAge = refreshInterval.compareTo(STALE_GRACE) > 0 ? refreshInterval : STALE_GRACE;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.connection = connection;
  }

  /**
   * The templates of the tenant and machine-to-machine app in {@code options}, not yet fetching:
   * call {@link #start()}.
   */
  public static CachedLogtoTemplates forManagementApi(LogtoTemplateOptions options, Clock clock) {
    ManagementApiHttp http = new ManagementApiHttp(options.connectTimeout(), options.readTimeout());
    ManagementApiToken token = new ManagementApiToken(http, options, clock);
    return new CachedLogtoTemplates(
        new ManagementApiTemplateFetcher(http, token, options, clock),
        options.refreshInterval(),
        clock,
        http);
  }

  /** Starts the background refresh; the first fetch begins at once. */
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            DetachedHttpClients.daemonThreads("logto-templates"));
    schedule(Duration.ZERO);
  }

  @Override
  public Optional<ResolvedTemplate> find(String type, String locale) {
    LogtoTemplateSet set = serving();
    return set == null ? Optional.empty() : set.find(type, locale);
  }

  @Override
  public Set<String> languageTags() {
    LogtoTemplateSet set = serving();
    return set == null ? Set.of() : set.languageTags();
  }

  @Override
  public LogtoTemplatesStatus status() {
    LogtoTemplateSet last = current;
    LogtoTemplateSet set = serving();
    ManagementApiError error = lastError;
    return new LogtoTemplatesStatus(
        true,
        last == null ? null : last.fetchedAt(),
        error == null ? null : error.wireName(),
        set != null,
        set == null ? null : set.fallbackLanguage(),
        set == null ? 0 : set.templates().size());
  }

  /**
   * Waits until a fetch has succeeded, at most {@code max}: the background thread's first fetch
   * runs at {@link #start()}, and sends before it ends use the configuration's templates.
   *
   * @return whether a fetch has succeeded
   */
  public boolean awaitFirstFetch(Duration max) throws InterruptedException {
    return firstGoodFetch.await(max.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether the refresh thread is gone (never started, or closed and ended). */
  synchronized boolean stopped() {
    return scheduler == null || scheduler.isTerminated();
  }

  /**
   * Fetches now, on the caller's thread; the background thread does the same on its schedule.
   *
   * @return whether the fetch succeeded
   */
  boolean refresh() {
    synchronized (refreshLock) {
      try {
        LogtoTemplateSet fetched = fetcher.fetch();
        boolean recovered = lastError != null || current == null;
        current = fetched;
        lastError = null;
        firstGoodFetch.countDown();
        if (recovered) {
          LOG.info(
              "Using "
                  + fetched.templates().size()
                  + " of Logto's email templates (fallback language "
                  + fetched.fallbackLanguage()
                  + ")");
        }
        return true;
      } catch (ManagementApiException e) {
        failed(e.error(), e.getMessage());
        return false;
      } catch (RuntimeException e) {
        // A bug must not end the refresh thread; the templates in use stay.
        failed(ManagementApiError.UNEXPECTED_ANSWER, e.toString());
        return false;
      }
    }
  }

  private void failed(ManagementApiError error, String reason) {
    boolean changed = error != lastError;
    lastError = error;
    String keeping =
        serving() != null
            ? "the templates fetched at " + current.fetchedAt() + " stay in use"
            : "the configuration's templates serve";
    LOG.log(
        changed ? Level.WARNING : Level.FINE,
        "Could not fetch Logto's email templates ("
            + error.wireName()
            + ": "
            + reason
            + "); "
            + keeping);
  }

  /** The last good set while it is young enough to serve, else null. */
  private LogtoTemplateSet serving() {
    LogtoTemplateSet set = current;
    if (set == null) {
      return null;
    }
    return clock.instant().isAfter(set.fetchedAt().plus(maxAge)) ? null : set;
  }

  private void runScheduled() {
    boolean ok = refresh();
    Duration next =
        ok || refreshInterval.compareTo(RETRY_AFTER_FAILURE) < 0
            ? refreshInterval
            : RETRY_AFTER_FAILURE;
    schedule(next);
  }

  private synchronized void schedule(Duration delay) {
    if (scheduler == null || scheduler.isShutdown()) {
      return;
    }
    try {
      scheduler.schedule(this::runScheduled, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Closed meanwhile.
    }
  }

  /**
   * Stops the refresh thread, waiting for a fetch in progress to give up (it is interrupted, and
   * its HTTP wait ends at once), and releases the HTTP client.
   */
  @Override
  public void close() {
    ScheduledExecutorService stopping;
    synchronized (this) {
      stopping = scheduler;
      if (stopping != null) {
        stopping.shutdownNow();
      }
    }
    if (stopping != null) {
      try {
        if (!stopping.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warning("The Logto template refresh thread did not end within " + CLOSE_WAIT);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (connection != null) {
      try {
        connection.close();
      } catch (Exception e) {
        LOG.log(Level.FINE, "closing the Management API client failed", e);
      }
    }
  }

  /** For the start-up log. */
  @Override
  public String toString() {
    return "CachedLogtoTemplates[refreshInterval=" + refreshInterval + "]";
  }
}
