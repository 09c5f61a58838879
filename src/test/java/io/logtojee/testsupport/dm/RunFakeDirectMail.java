package io.logtojee.testsupport.dm;

import java.util.concurrent.CountDownLatch;

/**
 * Runs {@link FakeDirectMail} by hand (never in CI): {@code RunFakeDirectMail [port] [keyId]
 * [secret]}. Point the mail config's {@code endpoint} at the printed URI (with the deployment's
 * insecure-test switch on) and watch the mails it "sends", or read them at {@code /__sent}.
 */
public final class RunFakeDirectMail {
  private RunFakeDirectMail() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 9412;
    String keyId = args.length > 1 ? args[1] : "demo-access-key-id";
    String secret = args.length > 2 ? args[2] : "demo-access-key-secret";
    FakeDirectMail fake = new FakeDirectMail().addKey(keyId, secret).start(port);
    fake.onAccepted(
        mail ->
            System.out.println(
                "accepted for "
                    + mail.toAddress()
                    + ": "
                    + mail.subject()
                    + " (EnvId "
                    + mail.envId()
                    + ")"));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  fake.close();
                  stopped.countDown();
                }));
    System.out.println("Fake DirectMail at " + fake.baseUri() + " with AccessKeyId " + keyId);
    System.out.println("Sent mails: " + fake.baseUri() + "__sent");
    stopped.await();
  }
}
