package io.logtojee.mail.setup;

import static io.logtojee.mail.MailFixtures.validConfigJsonWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.mail.EmailRequest;
import io.logtojee.mail.MailFixtures;
import io.logtojee.mail.SendReceipt;
import io.logtojee.mail.config.FileMailConfigStore;
import io.logtojee.mail.config.MailConfigLoader;
import io.logtojee.mail.limit.InMemorySendCounterStore;
import io.logtojee.mail.sending.MailStatus;
import io.logtojee.testsupport.dm.FakeDirectMail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up as the composition root does it, with the single-node stores. */
class MailComponentsTest {

  private static MailComponents start(MailDeploymentSettings settings) {
    MailConfigLoader loader = MailComponents.configLoaderFor(settings);
    return new MailComponents(
        settings,
        loader,
        new FileMailConfigStore(settings.configFile(), loader),
        new InMemorySendCounterStore());
  }

  @TempDir Path dir;

  @Test
  void anInvalidFileDisablesMailOnlyAndHealthSaysWhy() throws IOException {
    Path file = dir.resolve("mail.json");
    Files.writeString(file, MailFixtures.resource("config-missing-templates.json"));
    try (MailComponents mail = start(MailDeploymentSettings.defaults(file))) {
      MailStatus status = mail.service().status();
      assertFalse(status.up());
      assertEquals("mail configuration is invalid", status.reason());
      assertEquals("templates", status.violations().get(0).key());
    }
  }

  @Test
  void aLoopbackEndpointNeedsTheDeploymentSwitch() throws IOException {
    try (FakeDirectMail fake =
        new FakeDirectMail().addKey(MailFixtures.KEY_ID, MailFixtures.KEY_SECRET).start(0)) {
      Path file = dir.resolve("mail.json");
      Files.writeString(
          file, validConfigJsonWith(c -> c.put("endpoint", fake.baseUri().toString())));

      try (MailComponents strict = start(MailDeploymentSettings.defaults(file))) {
        assertFalse(strict.service().status().up());
        assertEquals("endpoint", strict.service().status().violations().get(0).key());
      }

      MailDeploymentSettings forTests =
          MailDeploymentSettings.defaults(file).withInsecureTestEndpoints(true);
      try (MailComponents mail = start(forTests)) {
        assertTrue(mail.service().status().up());
        SendReceipt receipt =
            mail.service()
                .send(
                    new EmailRequest("user@example.com", "SignIn", Map.of("code", "123456"), null));
        assertEquals(fake.accepted().get(0).envId(), receipt.envId());
      }
    }
  }
}
