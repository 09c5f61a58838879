package io.logtojee.mail.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.mail.Recipient;
import io.logtojee.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * MAIL-01: per recipient (normalised), per IP (IPv4 address or IPv6 /64) and global limits; only
 * sends that may have left count.
 */
class SendLimitsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  private SendLimits limits(SendLimitPolicy policy) {
    return new SendLimits(policy, new InMemorySendCounterStore(), clock);
  }

  private static SendLimitPolicy policy(int perRecipient, int perIp, int global) {
    return new SendLimitPolicy(
        LimitRule.of(perRecipient, Duration.ofMinutes(10)),
        LimitRule.of(perIp, Duration.ofMinutes(10)),
        LimitRule.of(global, Duration.ofDays(1)));
  }

  private static Recipient to(String address) {
    return Recipient.parse(address);
  }

  private static MailException refused(Runnable send) {
    MailException e = assertThrows(MailException.class, send::run);
    assertEquals(MailErrorCode.RATE_LIMITED, e.code());
    return e;
  }

  @Test
  void theEleventhSendToOneAddressWithinTenMinutesIsRefused() {
    SendLimits limits = limits(SendLimitPolicy.defaults());
    for (int i = 0; i < 10; i++) {
      limits.reserve(to("user@example.com"), "203.0.113." + i).commit();
      clock.advance(Duration.ofSeconds(30));
    }
    MailException e = refused(() -> limits.reserve(to("user@example.com"), "198.51.100.1"));
    // The first send was 5 minutes ago, so it leaves the window in 5 minutes.
    assertEquals(Duration.ofMinutes(5), e.retryAfter().orElseThrow());

    clock.advance(Duration.ofMinutes(5));
    limits.reserve(to("user@example.com"), "198.51.100.1").commit();
  }

  @Test
  void reCasedAndPaddedAddressesCountAsOne() {
    SendLimits limits = limits(SendLimitPolicy.defaults());
    List<String> variants = List.of("User@Example.com", "  user@example.com  ", "USER@EXAMPLE.COM");
    for (int i = 0; i < 10; i++) {
      limits.reserve(to(variants.get(i % variants.size())), "203.0.113." + i).commit();
    }
    refused(() -> limits.reserve(to(" user@EXAMPLE.com"), "203.0.113.99"));
  }

  @Test
  void oneIpIsLimitedAcrossAddresses() {
    SendLimits limits = limits(policy(10, 3, 100));
    for (int i = 0; i < 3; i++) {
      limits.reserve(to("user" + i + "@example.com"), "203.0.113.7").commit();
    }
    MailException e = refused(() -> limits.reserve(to("user9@example.com"), "203.0.113.7"));
    assertEquals(Duration.ofMinutes(10), e.retryAfter().orElseThrow());
    limits.reserve(to("user9@example.com"), "203.0.113.8").commit();
  }

  @Test
  void requestsWithoutAnIpHaveNoPerIpCounter() {
    SendLimits limits = limits(policy(10, 2, 100));
    limits.reserve(to("a@example.com"), null).commit();
    limits.reserve(to("b@example.com"), " ").commit();
    limits.reserve(to("c@example.com"), "").commit();
    limits.reserve(to("d@example.com"), null).commit();
  }

  @Test
  void aHundredSendsWithoutIpToDistinctRecipientsAllPassUnderTheDefaults() {
    SendLimits limits = limits(SendLimitPolicy.defaults());
    for (int i = 0; i < 100; i++) {
      limits.reserve(to("user" + i + "@example.com"), null).commit();
    }
    // A client with an ip still has its own full allowance.
    limits.reserve(to("other@example.com"), "203.0.113.7").commit();
  }

  @Test
  void withoutAnIpThePerRecipientAndGlobalLimitsStillHold() {
    SendLimits limits = limits(policy(10, 30, 100));
    for (int i = 0; i < 10; i++) {
      limits.reserve(to("same@example.com"), null).commit();
    }
    MailException perRecipient = refused(() -> limits.reserve(to("same@example.com"), null));
    assertEquals("Too many mails to this address; try again later.", perRecipient.getMessage());
    for (int i = 0; i < 90; i++) {
      limits.reserve(to("user" + i + "@example.com"), null).commit();
    }
    MailException global = refused(() -> limits.reserve(to("fresh@example.com"), null));
    assertEquals("The mail budget is used up for now; try again later.", global.getMessage());
  }

  @Test
  void anIpThatIsNotAnIpAddressHasNoPerIpCounter() {
    SendLimits limits = limits(policy(10, 1, 100));
    limits.reserve(to("a@example.com"), "not-an-ip").commit();
    limits.reserve(to("b@example.com"), "not-an-ip").commit();
    limits.reserve(to("c@example.com"), "[203.0.113.7]").commit();
  }

  @Test
  void fullWidthAndIdnSpellingsOfOneMailboxShareItsCounter() {
    SendLimits limits = limits(SendLimitPolicy.defaults());
    List<String> spellings =
        List.of(
            "victim@example.com",
            "ｖｉｃｔｉｍ@ｅｘａｍｐｌｅ.com",
            "victim@ＥＸＡＭＰＬＥ.COM",
            "Victim@Example.com",
            "ann@bücher.example",
            "ann@xn--bcher-kva.example",
            "ANN@BÜCHER.EXAMPLE");
    for (int i = 0; i < 10; i++) {
      limits.reserve(to(spellings.get(i % 4)), "203.0.113." + i).commit();
      limits.reserve(to(spellings.get(4 + i % 3)), "198.51.100." + i).commit();
    }
    refused(() -> limits.reserve(to("VICTIM@example.com"), "192.0.2.1"));
    refused(() -> limits.reserve(to("ｖｉｃｔｉｍ@example.com"), "192.0.2.1"));
    refused(() -> limits.reserve(to("ann@XN--BCHER-KVA.example"), "192.0.2.1"));
    refused(() -> limits.reserve(to("ann@bücher.example"), "192.0.2.1"));
  }

  @Test
  void oneIpv6Slash64IsOneClient() {
    SendLimits limits = limits(policy(10, 3, 100));
    limits.reserve(to("a@example.com"), "2001:db8:1:2::1").commit();
    limits.reserve(to("b@example.com"), "2001:db8:1:2::2").commit();
    limits.reserve(to("c@example.com"), "2001:DB8:1:2:ffff:ffff:ffff:ffff").commit();
    MailException e = refused(() -> limits.reserve(to("d@example.com"), "2001:db8:1:2:abcd::9"));
    assertEquals("Too many mails requested from this client; try again later.", e.getMessage());
    limits.reserve(to("d@example.com"), "2001:db8:1:3::1").commit();
  }

  @Test
  void anIpv4MappedAddressIsTheIpv4Client() {
    SendLimits limits = limits(policy(10, 2, 100));
    limits.reserve(to("a@example.com"), "1.2.3.4").commit();
    limits.reserve(to("b@example.com"), "::ffff:1.2.3.4").commit();
    refused(() -> limits.reserve(to("c@example.com"), "::FFFF:0102:0304"));
    refused(() -> limits.reserve(to("c@example.com"), "1.2.3.4"));
    limits.reserve(to("c@example.com"), "1.2.3.5").commit();
  }

  @Test
  void theGlobalBudgetCoversEverything() {
    SendLimits limits = limits(policy(10, 10, 3));
    for (int i = 0; i < 3; i++) {
      limits.reserve(to("u" + i + "@example.com"), "203.0.113." + i).commit();
    }
    refused(() -> limits.reserve(to("other@example.com"), "198.51.100.1"));
  }

  @Test
  void releasedSendsDoNotCount() {
    SendLimits limits = limits(SendLimitPolicy.defaults());
    for (int i = 0; i < 25; i++) {
      limits.reserve(to("user@example.com"), "203.0.113.1").release();
    }
    for (int i = 0; i < 10; i++) {
      limits.reserve(to("user@example.com"), "203.0.113.1").commit();
    }
    refused(() -> limits.reserve(to("user@example.com"), "203.0.113.1"));
  }

  @Test
  void pendingReservationsCountUntilReleased() {
    SendLimits limits = limits(SendLimitPolicy.defaults());
    List<Reservation> pending = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      pending.add(limits.reserve(to("user@example.com"), "203.0.113." + i));
    }
    refused(() -> limits.reserve(to("user@example.com"), "203.0.113.50"));
    pending.get(0).release();
    limits.reserve(to("user@example.com"), "203.0.113.50").commit();
  }

  @Test
  void aRefusedSendUsesUpNoOtherCounter() {
    SendLimits limits = limits(policy(1, 3, 100));
    limits.reserve(to("a@example.com"), "203.0.113.7").commit();
    refused(() -> limits.reserve(to("a@example.com"), "203.0.113.7"));
    refused(() -> limits.reserve(to("a@example.com"), "203.0.113.7"));
    limits.reserve(to("b@example.com"), "203.0.113.7").commit();
    limits.reserve(to("c@example.com"), "203.0.113.7").commit();
    refused(() -> limits.reserve(to("d@example.com"), "203.0.113.7"));
  }

  @Test
  void settlingTwiceHasNoFurtherEffect() {
    SendLimits limits = limits(policy(1, 10, 100));
    Reservation reservation = limits.reserve(to("a@example.com"), null);
    reservation.commit();
    reservation.release();
    refused(() -> limits.reserve(to("a@example.com"), null));
  }

  @Test
  void concurrentSendsCannotOvershoot() throws Exception {
    SendLimits limits = limits(SendLimitPolicy.defaults());
    int threads = 40;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int n = i;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    limits.reserve(to("user@example.com"), "203.0.113." + n);
                    return true;
                  } catch (MailException e) {
                    return false;
                  }
                }));
      }
      start.countDown();
      int reserved = 0;
      for (Future<Boolean> result : results) {
        reserved += result.get() ? 1 : 0;
      }
      assertEquals(10, reserved);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void eachRefusalSaysWhichLimitWasReached() {
    SendLimits limits = limits(policy(1, 1, 1));
    limits.reserve(to("a@example.com"), "203.0.113.1").commit();
    String global = refused(() -> limits.reserve(to("b@example.com"), "203.0.113.2")).getMessage();

    SendLimits perIp = limits(policy(1, 1, 100));
    perIp.reserve(to("a@example.com"), "203.0.113.1").commit();
    String ip = refused(() -> perIp.reserve(to("b@example.com"), "203.0.113.1")).getMessage();

    SendLimits perRecipient = limits(policy(1, 100, 100));
    perRecipient.reserve(to("a@example.com"), "203.0.113.1").commit();
    String recipient =
        refused(() -> perRecipient.reserve(to("a@example.com"), "203.0.113.2")).getMessage();

    assertTrue(recipient.contains("this address"), recipient);
    assertTrue(ip.contains("this client"), ip);
    assertTrue(global.contains("budget"), global);
  }
}
