package io.logtojee.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetachedHttpClientsTest {

  /** Stands in for a web application's class loader. */
  private static URLClassLoader applicationLoader() {
    return new URLClassLoader("webapp", new URL[0], DetachedHttpClientsTest.class.getClassLoader());
  }

  private static List<Thread> threadsHolding(ClassLoader loader) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getContextClassLoader() == loader)
        .toList();
  }

  @Test
  void aClientBuiltInsideTheApplicationLeavesNoThreadHoldingItsLoader() throws Exception {
    Thread current = Thread.currentThread();
    ClassLoader original = current.getContextClassLoader();
    try (URLClassLoader webapp = applicationLoader()) {
      current.setContextClassLoader(webapp);
      HttpClient client = DetachedHttpClients.build(HttpClient.newBuilder());

      assertNotNull(client);
      assertSame(webapp, current.getContextClassLoader(), "the caller's loader is restored");
      List<Thread> pinning = threadsHolding(webapp).stream().filter(t -> t != current).toList();
      assertEquals(List.of(), pinning, "no client thread holds the application's loader");
    } finally {
      current.setContextClassLoader(original);
    }
  }

  @Test
  void aPlainClientBuiltInsideTheApplicationWouldPinIt() throws Exception {
    Thread current = Thread.currentThread();
    ClassLoader original = current.getContextClassLoader();
    try (URLClassLoader webapp = applicationLoader()) {
      current.setContextClassLoader(webapp);
      HttpClient plain = HttpClient.newBuilder().build();

      assertNotNull(plain);
      assertTrue(
          threadsHolding(webapp).stream()
              .anyMatch(t -> t.getName().startsWith("HttpClient-") && t != current),
          "the JDK's selector thread inherits the builder's loader: the reason for the helper");
    } finally {
      current.setContextClassLoader(original);
    }
  }

  @Test
  void poolThreadsAreDaemonsOnThePlatformLoader() throws Exception {
    Thread current = Thread.currentThread();
    ClassLoader original = current.getContextClassLoader();
    try (URLClassLoader webapp = applicationLoader()) {
      current.setContextClassLoader(webapp);
      Thread thread = DetachedHttpClients.daemonThreads("pool").newThread(() -> {});

      assertEquals("pool", thread.getName());
      assertTrue(thread.isDaemon());
      assertSame(ClassLoader.getPlatformClassLoader(), thread.getContextClassLoader());
    } finally {
      current.setContextClassLoader(original);
    }
  }
}
