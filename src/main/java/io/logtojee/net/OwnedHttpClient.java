package io.logtojee.net;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An HTTP/1.1 client for one outside service, with an executor of its own and no redirects, that
 * the web application releases on stop: {@link #close()} ends the executor's threads and, on Java
 * 21 and later, the client's own. Its threads never carry the application's class loader ({@link
 * DetachedHttpClients}).
 */
public final class OwnedHttpClient implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(OwnedHttpClient.class.getName());

  private final ExecutorService executor;
  private final HttpClient client;

  private OwnedHttpClient(ExecutorService executor, HttpClient client) {
    this.executor = executor;
    this.client = client;
  }

  /**
   * @param threadName the name of the executor's threads, e.g. {@code directmail-http}
   * @param connectTimeout bound of each connection attempt
   */
  public static OwnedHttpClient open(String threadName, Duration connectTimeout) {
    ExecutorService executor =
        Executors.newCachedThreadPool(DetachedHttpClients.daemonThreads(threadName));
    HttpClient client =
        DetachedHttpClients.build(
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor));
    return new OwnedHttpClient(executor, client);
  }

  public HttpClient client() {
    return client;
  }

  @Override
  public void close() {
    executor.shutdownNow();
    // HttpClient is AutoCloseable from Java 21 on; on 17 its selector thread ends once unreachable.
    if (client instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.log(Level.FINE, "closing an HTTP client failed", e);
      }
    }
  }
}
