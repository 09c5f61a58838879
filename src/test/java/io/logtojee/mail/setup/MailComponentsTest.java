package io.logtojee.mail.setup;

import static io.logtojee.mail.MailFixtures.validConfigJsonWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.mail.EmailRequest;
import io.logtojee.mail.MailFixtures;
import io.logtojee.mail.SendReceipt;
import io.logtojee.mail.sending.MailStatus;
import io.logtojee.testsupport.dm.FakeDirectMail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up as the web layer will do it. */
class MailComponentsTest {
  @TempDir Path dir;

  @Test
  void anInvalidFileDisablesMailOnlyAndHealthSaysWhy() throws IOException {
    Path file = dir.resolve("mail.json");
    Files.writeString(file, MailFixtures.resource("config-missing-templates.json"));
    try (MailComponents mail = MailComponents.create(MailDeploymentSettings.defaults(file))) {
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

      try (MailComponents strict = MailComponents.create(MailDeploymentSettings.defaults(file))) {
        assertFalse(strict.service().status().up());
        assertEquals("endpoint", strict.service().status().violations().get(0).key());
      }

      MailDeploymentSettings forTests =
          MailDeploymentSettings.defaults(file).withInsecureTestEndpoints(true);
      try (MailComponents mail = MailComponents.create(forTests)) {
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
