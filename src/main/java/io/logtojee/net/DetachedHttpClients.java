package io.logtojee.net;

import java.net.http.HttpClient;
import java.util.concurrent.ThreadFactory;

/**
 * Builds {@link HttpClient}s whose threads do not carry the web application's class loader.
 *
 * <p>On Java 17 an {@code HttpClient} cannot be closed: its selector thread lives until the client
 * is garbage collected. That thread inherits the context class loader of whoever built the client,
 * which in a container is the web application's loader, so an undeploy left a thread pinning the
 * old application and Tomcat warned of a memory leak each time. Building under the platform class
 * loader keeps the thread clear of the application; it ends on its own once the client is gone.
 */
public final class DetachedHttpClients {

  private DetachedHttpClients() {}

  /** {@code builder.build()} with the platform class loader as the thread's context loader. */
  public static HttpClient build(HttpClient.Builder builder) {
    Thread current = Thread.currentThread();
    ClassLoader previous = current.getContextClassLoader();
    current.setContextClassLoader(ClassLoader.getPlatformClassLoader());
    try {
      return builder.build();
    } finally {
      current.setContextClassLoader(previous);
    }
  }

  /**
   * Daemon threads named {@code name} whose context class loader is the platform loader, for the
   * executors handed to a client: a pool thread is made by whichever request thread first needs it.
   */
  public static ThreadFactory daemonThreads(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
      return thread;
    };
  }
}
