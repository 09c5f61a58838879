package io.logtojee.mail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.mail.MailFixtures;
import java.net.URI;
import org.junit.jupiter.api.Test;

class InMemoryMailConfigStoreTest extends MailConfigStoreContract {
  private static final MailConfigLoader LOOPBACK_LOADER = MailFixtures.loopbackLoader();

  @Override
  protected MailConfigStore storeHolding(String json) {
    return new InMemoryMailConfigStore(LOADER, json == null ? null : candidate(json));
  }

  @Test
  void withoutAConfigMailIsDisabled() {
    MailConfigSnapshot snapshot = new InMemoryMailConfigStore(LOOPBACK_LOADER, null).snapshot();
    assertFalse(snapshot.available());
    assertEquals("mail is not configured", snapshot.problem());
  }

  @Test
  void anInvalidInitialConfigDisablesMailWithItsViolations() {
    AliyunDmConfig invalid =
        new AliyunDmConfig(
            "id", "", MailFixtures.SENDER, null, null, MailFixtures.requiredTemplates());
    MailConfigSnapshot snapshot = new InMemoryMailConfigStore(LOOPBACK_LOADER, invalid).snapshot();
    assertFalse(snapshot.available());
    assertEquals("accessKeySecret", snapshot.violations().get(0).key());
  }

  @Test
  void replaceFollowsTheSameRulesAsTheFileStore() {
    InMemoryMailConfigStore store =
        new InMemoryMailConfigStore(
            LOOPBACK_LOADER, MailFixtures.apiConfig(URI.create("http://127.0.0.1:1/")));
    String etag = store.snapshot().etag();
    AliyunDmConfig withoutSecret =
        new AliyunDmConfig(
            MailFixtures.KEY_ID,
            null,
            MailFixtures.SENDER,
            "Other",
            null,
            MailFixtures.requiredTemplates());

    assertEquals(
        MailErrorCode.CONFIG_PRECONDITION_REQUIRED,
        assertThrows(MailException.class, () -> store.replace(withoutSecret, " ")).code());
    assertEquals(
        MailErrorCode.CONFIG_PRECONDITION_FAILED,
        assertThrows(MailException.class, () -> store.replace(withoutSecret, "\"nope\"")).code());

    MailConfigSnapshot after = store.replace(withoutSecret, "\"nope\", " + etag);
    assertTrue(after.available());
    assertEquals(MailFixtures.KEY_SECRET, after.config().accessKeySecret());
    assertEquals("Other", after.config().fromAlias());
  }
}
