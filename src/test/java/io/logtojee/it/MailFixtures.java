package io.logtojee.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DirectMail connector configuration of the test deployments, in the exact shape of Logto's
 * Aliyun DM connector plus our endpoint override pointing at the fake.
 */
final class MailFixtures {

  static final List<String> TEMPLATE_TYPES =
      List.of(
          "SignIn",
          "Register",
          "ForgotPassword",
          "OrganizationInvitation",
          "Generic",
          "UserPermissionValidation",
          "BindNewIdentifier",
          "MfaVerification",
          "BindMfa");

  private static final ObjectMapper JSON = new ObjectMapper();

  private MailFixtures() {}

  static Map<String, Object> config() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("accessKeyId", Doubles.DM_KEY_ID);
    config.put("accessKeySecret", Doubles.DM_KEY_SECRET);
    config.put("accountName", Doubles.DM_SENDER);
    config.put("fromAlias", "Example");
    config.put("regionId", "cn-hangzhou");
    config.put("endpoint", "http://127.0.0.1:" + Servers.dmPort() + "/");
    List<Map<String, String>> templates = new ArrayList<>();
    templates.add(
        template(
            "Register",
            null,
            "Welcome to {{application.name}}",
            "<p>Your sign-up code is {{code}}.</p>"));
    templates.add(
        template(
            "Register",
            "de",
            "Willkommen bei {{application.name}}",
            "<p>Ihr Registrierungscode lautet {{code}}.</p>"));
    templates.add(
        template("SignIn", null, "Your sign-in code", "<p>Your sign-in code is {{ code }}.</p>"));
    templates.add(template("SignIn", "zh-CN", "登录验证码", "<p>您的登录验证码是 {{code}}。</p>"));
    templates.add(
        template(
            "ForgotPassword", null, "Reset your password", "<p>Your reset code is {{code}}.</p>"));
    templates.add(
        template(
            "Generic",
            null,
            "Code for {{application.name}}",
            "<p>Hello {{user.name}}, your code is {{code}}. {{unknown.root}}</p>"));
    templates.add(template("Generic", "zh-CN", "验证码", "<p>验证码 {{code}}</p>"));
    templates.add(
        template(
            "OrganizationInvitation",
            null,
            "Join {{organization.name}}",
            "<p><a href='{{link}}'>Accept</a></p>"));
    config.put("templates", templates);
    return config;
  }

  private static Map<String, String> template(
      String type, String locale, String subject, String content) {
    Map<String, String> template = new LinkedHashMap<>();
    template.put("usageType", type);
    if (locale != null) {
      template.put("locale", locale);
    }
    template.put("subject", subject);
    template.put("content", content);
    return template;
  }

  /** Writes the configuration where the server under test reads it at start-up. */
  static void writeConfig() {
    Path file = Servers.mailConfigFile();
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(config()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
