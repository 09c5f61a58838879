package io.logtojee.testsupport.op;

import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * Starts the {@link TestOpenIdProvider} by hand for the local demo (never run by the build): {@code
 * java ... RunTestOpenIdProvider [port]}, default port 9411. It registers {@code demo-app}/{@code
 * demo-secret} for {@code http://localhost:8080}, plus a second client {@code demo-app-2}/{@code
 * demo-secret-2}, and runs until the JVM is stopped. Scenarios are switched through {@code POST
 * /__control/scenario?enable=...}; the passwordless email flow is driven through {@code
 * /__control/passcode/*} (see {@link TestOpenIdProvider}).
 */
public final class RunTestOpenIdProvider {
  private static final Logger LOG = Logger.getLogger(RunTestOpenIdProvider.class.getName());

  private RunTestOpenIdProvider() {}

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 9411;
    TestOpenIdProvider op = TestOpenIdProvider.start(port);
    op.registerClient(
        "demo-app",
        "demo-secret",
        Set.of("http://localhost:8080/callback"),
        Set.of("http://localhost:8080/"));
    op.registerClient(
        "demo-app-2",
        "demo-secret-2",
        Set.of("http://localhost:8080/callback"),
        Set.of("http://localhost:8080/"));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  op.close();
                  stopped.countDown();
                }));
    LOG.info(
        () ->
            "Test OP listening: LOGTO_ENDPOINT="
                + op.endpoint()
                + " issuer="
                + op.issuer()
                + " client demo-app/demo-secret");
    stopped.await();
  }
}
