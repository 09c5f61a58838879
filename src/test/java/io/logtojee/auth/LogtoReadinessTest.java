package io.logtojee.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.config.AppSettings;
import io.logtojee.config.SettingsSource;
import io.logtojee.testsupport.op.TestOpenIdProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Logto being slow never queues the application (issue 8 item 5): while a discovery load hangs,
 * every caller answers within a second instead of waiting for Logto's connect and read timeouts,
 * and only one load runs at a time.
 */
class LogtoReadinessTest {

  private ServerSocket hungLogto;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private Thread acceptor;

  @BeforeEach
  void startALogtoThatAcceptsAndNeverAnswers() throws IOException {
    hungLogto = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
    acceptor =
        new Thread(
            () -> {
              try {
                while (true) {
                  accepted.add(hungLogto.accept());
                }
              } catch (IOException closed) {
                // The test is over.
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void stop() throws IOException {
    hungLogto.close();
    for (Socket socket : accepted) {
      socket.close();
    }
  }

  private LogtoSignIn signInAgainst(String endpoint) {
    return TestSignIn.of(
        AppSettings.load(
            SettingsSource.of(
                Map.of(
                    "LOGTO_ENDPOINT", endpoint,
                    "LOGTO_APP_ID", "app",
                    "LOGTO_APP_SECRET", "secret",
                    "APP_BASE_URL", "https://app.example.com",
                    "LOGTO_CONNECT_TIMEOUT_MS", "5000",
                    "LOGTO_READ_TIMEOUT_MS", "10000"))));
  }

  @Test
  void fiftyConcurrentCallersAnswerWithinASecondWhileDiscoveryHangs() throws Exception {
    LogtoSignIn signIn = signInAgainst("http://127.0.0.1:" + hungLogto.getLocalPort());
    ExecutorService callers = Executors.newFixedThreadPool(50);
    try {
      List<Callable<Long>> calls = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        boolean health = i % 2 == 0;
        calls.add(
            () -> {
              long started = System.nanoTime();
              if (health) {
                assertTrue(signIn.unavailableReason().isPresent());
              } else {
                assertFalse(signIn.isReady());
              }
              return System.nanoTime() - started;
            });
      }
      for (Future<Long> call : callers.invokeAll(calls)) {
        Duration took = Duration.ofNanos(call.get());
        assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "answered after " + took);
      }
    } finally {
      callers.shutdownNow();
    }
    assertEquals(1, accepted.size(), "one discovery load at a time reached Logto");
  }

  @Test
  void aLoadThatFinishesMakesTheNextCallerReady() {
    try (TestOpenIdProvider logto = TestOpenIdProvider.start(0)) {
      LogtoSignIn signIn = signInAgainst(logto.endpoint());
      assertTrue(signIn.awaitReady(Duration.ofSeconds(10)));
      long loads = logto.count("/oidc/.well-known/openid-configuration");
      assertTrue(signIn.isReady());
      assertEquals(loads, logto.count("/oidc/.well-known/openid-configuration"), "loaded once");
    }
  }
}
