package io.logtojee.mail.config;

import static io.logtojee.mail.MailFixtures.validConfigJsonWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.mail.MailFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MailConfigStore} does, wherever it keeps the configuration (CFG-01, CFG-02): a
 * subclass names the store, and these tests run against it.
 */
public abstract class MailConfigStoreContract {
  protected static final MailConfigLoader LOADER = MailFixtures.strictLoader();

  /** A store holding {@code json} as its stored configuration; null for none stored. */
  protected abstract MailConfigStore storeHolding(String json) throws Exception;

  protected static AliyunDmConfig candidate(String json) {
    return LOADER.parseUnvalidated(json);
  }

  private MailConfigStore validStore() throws Exception {
    return storeHolding(MailFixtures.resource("config-valid.json"));
  }

  private static AliyunDmConfig withAlias(String alias) {
    return candidate(validConfigJsonWith(c -> c.put("fromAlias", alias)));
  }

  @Test
  void aValidConfigIsActiveWithAQuotedEtag() throws Exception {
    MailConfigSnapshot snapshot = validStore().snapshot();

    assertTrue(snapshot.available());
    assertEquals(MailFixtures.SENDER, snapshot.config().accountName());
    assertTrue(snapshot.etag().matches("\"[A-Za-z0-9_-]{43}\""), snapshot.etag());
  }

  @Test
  void replaceWithoutIfMatchOrWithAStaleEtagIsRefusedAndChangesNothing() throws Exception {
    MailConfigStore store = validStore();
    MailConfigSnapshot before = store.snapshot();

    assertEquals(
        MailErrorCode.CONFIG_PRECONDITION_REQUIRED,
        assertThrows(MailException.class, () -> store.replace(withAlias("X"), " ")).code());
    assertEquals(
        MailErrorCode.CONFIG_PRECONDITION_FAILED,
        assertThrows(MailException.class, () -> store.replace(withAlias("X"), "\"nope\"")).code());
    assertEquals(before, store.snapshot());
  }

  @Test
  void replaceWithTheCurrentEtagAmongOthersOrStarSavesAndChangesTheEtag() throws Exception {
    MailConfigStore store = validStore();
    String etag = store.snapshot().etag();

    MailConfigSnapshot first = store.replace(withAlias("First"), "\"nope\", " + etag);
    MailConfigSnapshot second = store.replace(withAlias("Second"), "*");

    assertEquals("First", first.config().fromAlias());
    assertNotEquals(etag, first.etag());
    assertEquals("Second", store.snapshot().config().fromAlias());
    assertEquals(second.etag(), store.snapshot().etag());
  }

  @Test
  void anOmittedSecretKeepsTheStoredOne() throws Exception {
    MailConfigStore store = validStore();

    store.replace(
        candidate(
            validConfigJsonWith(
                c -> {
                  c.remove("accessKeySecret");
                  c.put("fromAlias", "Kept");
                })),
        store.snapshot().etag());

    assertEquals("Kept", store.snapshot().config().fromAlias());
    assertEquals(MailFixtures.KEY_SECRET, store.snapshot().config().accessKeySecret());
  }

  @Test
  void aBlankSecretIsRefusedAndTheOldConfigStays() throws Exception {
    MailConfigStore store = validStore();
    MailConfigSnapshot before = store.snapshot();

    InvalidMailConfigException e =
        assertThrows(
            InvalidMailConfigException.class,
            () ->
                store.replace(
                    candidate(validConfigJsonWith(c -> c.put("accessKeySecret", ""))),
                    before.etag()));

    assertEquals(
        List.of(new ConfigViolation("accessKeySecret", "must not be blank")), e.violations());
    assertEquals(before, store.snapshot());
  }

  @Test
  void withNothingStoredMailIsDisabledAndAConfigCanBeCreatedWithItsEtagButNotWithStar()
      throws Exception {
    MailConfigStore store = storeHolding(null);
    MailConfigSnapshot empty = store.snapshot();
    assertFalse(empty.available());

    assertEquals(
        MailErrorCode.CONFIG_PRECONDITION_FAILED,
        assertThrows(MailException.class, () -> store.replace(withAlias("New"), "*")).code());

    store.replace(candidate(MailFixtures.resource("config-valid.json")), empty.etag());
    assertTrue(store.snapshot().available());
  }

  @Test
  void twoConcurrentReplacesWithTheSameEtagLetExactlyOneWin() throws Exception {
    MailConfigStore store = validStore();
    String etag = store.snapshot().etag();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (String alias : List.of("Alpha", "Beta")) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    store.replace(withAlias(alias), etag);
                    return "ok:" + alias;
                  } catch (MailException e) {
                    return e.code().name();
                  }
                }));
      }
      start.countDown();
      List<String> outcomes = new ArrayList<>();
      for (Future<String> result : results) {
        outcomes.add(result.get());
      }
      assertEquals(
          1, outcomes.stream().filter(o -> o.startsWith("ok:")).count(), outcomes.toString());
      assertTrue(outcomes.contains("CONFIG_PRECONDITION_FAILED"), outcomes.toString());
      String winner =
          outcomes.stream().filter(o -> o.startsWith("ok:")).findFirst().orElseThrow().substring(3);
      assertEquals(winner, store.snapshot().config().fromAlias());
    } finally {
      pool.shutdownNow();
    }
  }
}
