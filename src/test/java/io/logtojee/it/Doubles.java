package io.logtojee.it;

import io.logtojee.testsupport.dm.FakeDirectMail;
import io.logtojee.testsupport.dm.FakeDirectMailScenario;
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

  static final String DM_KEY_ID = "it-access-key";
  static final String DM_KEY_SECRET = "it-access-key-secret-value";
  static final String DM_SENDER = "noreply@mail.example.test";
  static final String MAIL_AUTHORIZATION = "Bearer_test-mail-token";

  private static TestOpenIdProvider provider;
  private static FakeDirectMail directMail;

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

  /** The DirectMail fake, started on first use, reset to accepting everything. */
  static synchronized FakeDirectMail freshDirectMail() {
    if (directMail == null) {
      try {
        directMail = new FakeDirectMail().start(Servers.dmPort());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      directMail.addKey(DM_KEY_ID, DM_KEY_SECRET);
      directMail.addSender(DM_SENDER);
      Runtime.getRuntime().addShutdownHook(new Thread(directMail::close));
    }
    directMail.reset();
    directMail.setScenario(FakeDirectMailScenario.SUCCESS);
    return directMail;
  }

  /** A clean provider: default user, no scenario, empty request log. */
  static TestOpenIdProvider freshLogto() {
    TestOpenIdProvider op = logto();
    op.reset();
    op.setUser(TestUser.demo());
    return op;
  }

  /** A user holding the admin role, for the admin console and the admin API. */
  static io.logtojee.testsupport.op.TestUser admin(String sub) {
    return new io.logtojee.testsupport.op.TestUser(
        sub,
        "Ada Admin",
        "ada",
        "ada@example.test",
        true,
        null,
        java.util.List.of("admin"),
        java.util.List.of());
  }
}
