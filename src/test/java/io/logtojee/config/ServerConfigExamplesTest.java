package io.logtojee.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.mail.config.ConfigViolation;
import io.logtojee.mail.config.EndpointPolicy;
import io.logtojee.mail.config.MailConfigLoader;
import io.logtojee.mail.config.MailConfigValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example files in server-config are what an operator copies: they must stay valid. */
class ServerConfigExamplesTest {

  @Test
  void mailConfigurationExampleIsValidOnceThePlaceholdersAreFilledIn() throws Exception {
    String json =
        Files.readString(Path.of("server-config/aliyun-dm.example.json"))
            .replace("<RAM user AccessKey ID>", "LTAI5tExample")
            .replace("<RAM user AccessKey secret>", "example-secret");
    try (MailConfigValidator validator = new MailConfigValidator(new EndpointPolicy(false))) {
      List<ConfigViolation> violations =
          new MailConfigLoader(validator)
              .validate(new MailConfigLoader(validator).parseUnvalidated(json));

      assertEquals(List.of(), violations);
    }
  }

  @Test
  void environmentExampleNamesEverySetting() throws Exception {
    String example = Files.readString(Path.of("server-config/app.env.example"));
    for (Setting setting : AppSettings.declared()) {
      if (!setting.value().equals("MAIL_ALLOW_INSECURE_ENDPOINT")) {
        assertTrue(
            example.contains(setting.value() + "="),
            setting.value() + " missing from app.env.example");
      }
    }
  }
}
