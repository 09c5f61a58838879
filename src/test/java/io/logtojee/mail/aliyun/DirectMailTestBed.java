package io.logtojee.mail.aliyun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.logtojee.testsupport.MutableClock;
import io.logtojee.testsupport.dm.FakeDirectMail;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The DirectMail fake and a client pointed at it, with the nonces it drew and the back-offs it
 * slept recorded, shared by the client and retry tests.
 */
final class DirectMailTestBed implements AutoCloseable {
  static final String KEY_ID = "client-test-key";
  static final String SECRET = "client-test-secret";

  final MutableClock clock = new MutableClock(Instant.now());
  final List<String> nonces = new CopyOnWriteArrayList<>();
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final Supplier<String> recordingNonces =
      () -> {
        String nonce = UUID.randomUUID().toString();
        nonces.add(nonce);
        return nonce;
      };
  final FakeDirectMail fake;
  final DirectMailClient client;

  DirectMailTestBed() throws IOException {
    fake = new FakeDirectMail(clock).addKey(KEY_ID, SECRET).start(0);
    client = client(DirectMailClient.Options.defaults());
  }

  /** A further client with the recording nonces and sleeper; the caller closes it. */
  DirectMailClient client(DirectMailClient.Options options) {
    return new DirectMailClient(options, clock, recordingNonces, sleeps::add);
  }

  DirectMailTarget target(String secret) {
    return new DirectMailTarget(fake.baseUri(), "cn-hangzhou", KEY_ID, secret);
  }

  static SingleSendMail mail() {
    return new SingleSendMail(
        "noreply@mail.example.com",
        "Example",
        "user@example.com",
        "Your code: 中文 & more",
        "<p>Your code is 123456. a+b=c, 100% ~ *</p>");
  }

  /** The nonces the fake received, or else those drawn, are all different. */
  void assertDistinctNonces() {
    List<String> sent = new ArrayList<>();
    fake.calls().forEach(c -> sent.add(c.nonce()));
    List<String> used = sent.isEmpty() ? nonces : sent;
    assertEquals(used.size(), used.stream().distinct().count(), used.toString());
    if (used.size() == 2) {
      assertNotEquals(used.get(0), used.get(1));
    }
  }

  @Override
  public void close() {
    client.close();
    fake.close();
  }
}
