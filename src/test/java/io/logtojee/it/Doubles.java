package io.logtojee.it;

import io.logtojee.testsupport.op.TestOpenIdProvider;
import io.logtojee.testsupport.op.TestUser;
import java.util.Set;

/**
 * The test doubles shared by all integration tests of one server run. The deployed WAR is
 * configured (in {@code arquillian.xml}) to find them on fixed loopback ports.
 */
final class Doubles {

  static final String APP_ID = "test-app";
  static final String APP_SECRET = "test-app-secret";

  private static TestOpenIdProvider provider;

  private Doubles() {}

  /** The Logto-shaped provider, started on first use, reset to the happy path. */
  static synchronized TestOpenIdProvider logto() {
    if (provider == null) {
      provider = TestOpenIdProvider.start(Servers.opPort());
      provider.registerClient(
          APP_ID,
          APP_SECRET,
          Set.of("http://localhost:8080/app/callback", "http://localhost:8180/app/callback"),
          Set.of("http://localhost:8080/app/", "http://localhost:8180/app/"));
      Runtime.getRuntime().addShutdownHook(new Thread(provider::close));
    }
    if (!provider.isListening()) {
      provider.resumeListening();
    }
    return provider;
  }

  /** A clean provider: default user, no scenario, empty request log. */
  static TestOpenIdProvider freshLogto() {
    TestOpenIdProvider op = logto();
    op.reset();
    op.setUser(TestUser.demo());
    return op;
  }
}
