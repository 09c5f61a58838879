package io.logtojee.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetachedHttpClientsTest {

  private interface InApplication {
    void run(ClassLoader webapp) throws Exception;
  }

  /** Runs {@code body} on this thread with a stand-in for a web application's class loader. */
  private static void insideAnApplication(InApplication body) throws Exception {
    Thread current = Thread.currentThread();
    ClassLoader original = current.getContextClassLoader();
    try (URLClassLoader webapp =
        new URLClassLoader("webapp", new URL[0], DetachedHttpClientsTest.class.getClassLoader())) {
      current.setContextClassLoader(webapp);
      body.run(webapp);
    } finally {
      current.setContextClassLoader(original);
    }
  }

  /** Threads other than this one whose context class loader is {@code loader}. */
  private static List<Thread> otherThreadsHolding(ClassLoader loader) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getContextClassLoader() == loader && t != Thread.currentThread())
        .toList();
  }

  @Test
  void aClientBuiltInsideTheApplicationLeavesNoThreadHoldingItsLoader() throws Exception {
    insideAnApplication(
        webapp -> {
          DetachedHttpClients.build(HttpClient.newBuilder());

          assertSame(webapp, Thread.currentThread().getContextClassLoader(), "caller's restored");
          assertEquals(List.of(), otherThreadsHolding(webapp));
        });
  }

  @Test
  void aPlainClientBuiltInsideTheApplicationWouldPinIt() throws Exception {
    insideAnApplication(
        webapp -> {
          HttpClient.newBuilder().build();

          assertTrue(
              otherThreadsHolding(webapp).stream().anyMatch(t -> t.getName().startsWith("Http")),
              "the JDK's selector thread inherits the builder's loader: why the helper exists");
        });
  }

  @Test
  void poolThreadsAreDaemonsOnThePlatformLoader() throws Exception {
    insideAnApplication(
        webapp -> {
          Thread thread = DetachedHttpClients.daemonThreads("pool").newThread(() -> {});

          assertEquals("pool", thread.getName());
          assertTrue(thread.isDaemon());
          assertSame(ClassLoader.getPlatformClassLoader(), thread.getContextClassLoader());
        });
  }
}
