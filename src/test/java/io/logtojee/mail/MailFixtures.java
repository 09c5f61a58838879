package io.logtojee.mail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logtojee.mail.config.AliyunDmConfig;
import io.logtojee.mail.config.EndpointPolicy;
import io.logtojee.mail.config.MailConfigLoader;
import io.logtojee.mail.config.MailConfigValidator;
import io.logtojee.mail.config.MailTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/** Shared test data: the fixture files under {@code mail/} and configs built from them. */
public final class MailFixtures {
  public static final String KEY_ID = "test-key-id";
  public static final String KEY_SECRET = "test-key-secret";
  public static final String SENDER = "noreply@mail.example.com";

  private static final ObjectMapper JSON = new ObjectMapper();

  private MailFixtures() {}

  /** The text of {@code src/test/resources/mail/<name>}. */
  public static String resource(String name) {
    try (InputStream in = MailFixtures.class.getResourceAsStream("/mail/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource mail/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code config-valid.json} changed by {@code edit}, as JSON text. */
  public static String validConfigJsonWith(Consumer<ObjectNode> edit) {
    try {
      ObjectNode node = (ObjectNode) JSON.readTree(resource("config-valid.json"));
      edit.accept(node);
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A loader that accepts loopback endpoints, as tests need for the fake. */
  public static MailConfigLoader loopbackLoader() {
    return new MailConfigLoader(new MailConfigValidator(EndpointPolicy.allowingLoopbackForTests()));
  }

  /** A loader with the production endpoint rule. */
  public static MailConfigLoader strictLoader() {
    return new MailConfigLoader(new MailConfigValidator(EndpointPolicy.strict()));
  }

  /** The four required templates, each "... {{code}}" with a distinct subject. */
  public static List<MailTemplate> requiredTemplates() {
    return List.of(
        new MailTemplate("Register", "Register code", "<p>Register: {{code}}</p>"),
        new MailTemplate("SignIn", "Sign-in code", "<p>Sign in: {{code}}</p>"),
        new MailTemplate("ForgotPassword", "Reset code", "<p>Reset: {{code}}</p>"),
        new MailTemplate("Generic", "Your code", "<p>Code: {{code}}</p>"));
  }

  /** A valid API config pointing at {@code endpoint} (e.g. the fake), with the test key. */
  public static AliyunDmConfig apiConfig(URI endpoint) {
    return new AliyunDmConfig(
        KEY_ID,
        KEY_SECRET,
        SENDER,
        "Example",
        "cn-hangzhou",
        requiredTemplates(),
        "api",
        null,
        endpoint.toString());
  }
}
