package io.logtojee.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logtojee.testsupport.dm.FakeDirectMail;
import io.logtojee.testsupport.dm.RecordedMail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DirectMail side of the demo: the DirectMail fake on loopback, a connector configuration that
 * points at it, and a console line for every mail "sent", so a newcomer sees a code arrive.
 */
final class DemoMail {

  static final int DM_PORT = Integer.getInteger("demo.dm.port", 9412);
  static final String AUTHORIZATION = "Bearer demo-mail-token-0123456789";
  private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
  private static FakeDirectMail directMail;

  private DemoMail() {}

  /** Starts the fake, writes the configuration, and returns the JVM settings for the server. */
  static List<String> start(Path tomcat) throws IOException {
    directMail = new FakeDirectMail().start(DM_PORT);
    directMail.addKey("demo-access-key", "demo-access-key-secret");
    directMail.addSender("noreply@demo.example.test");
    directMail.onAccepted(DemoMail::announce);

    Path config = tomcat.getParent().getParent().resolve("demo-mail").resolve("aliyun-dm.json");
    Files.createDirectories(config.getParent());
    Files.write(
        config, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(config()));
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
    return List.of(
        "-DMAIL_CONFIG_FILE=" + config.toAbsolutePath(),
        "-DMAIL_AUTHORIZATION=" + AUTHORIZATION,
        "-DMAIL_ALLOW_INSECURE_ENDPOINT=true");
  }

  private static Map<String, Object> config() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("accessKeyId", "demo-access-key");
    config.put("accessKeySecret", "demo-access-key-secret");
    config.put("accountName", "noreply@demo.example.test");
    config.put("fromAlias", "Demo");
    config.put("regionId", "cn-hangzhou");
    config.put("endpoint", "http://127.0.0.1:" + DM_PORT + "/");
    config.put(
        "templates",
        List.of(
            template(
                "Register", "Your sign-up code", "<p>Welcome! Your sign-up code is {{code}}.</p>"),
            template("SignIn", "Your sign-in code", "<p>Your sign-in code is {{code}}.</p>"),
            template(
                "ForgotPassword", "Reset your password", "<p>Your reset code is {{code}}.</p>"),
            template("Generic", "Your verification code", "<p>Your code is {{code}}.</p>")));
    return config;
  }

  private static Map<String, String> template(String type, String subject, String content) {
    return Map.of("usageType", type, "subject", subject, "content", content);
  }

  private static void announce(RecordedMail mail) {
    Matcher code = CODE.matcher(mail.htmlBody());
    System.out.println(
        "  [demo DirectMail] accepted \""
            + mail.subject()
            + "\" for "
            + mail.toAddress()
            + (code.find() ? " with code " + code.group(1) : "")
            + " (EnvId "
            + mail.envId()
            + ")");
  }

  static void describe(String base) {
    System.out.println(
        "  DirectMail (fake)            "
            + directMail.baseUri()
            + " (mails it accepted: "
            + directMail.baseUri().resolve("/__sent")
            + ")");
    System.out.println("  Mail settings (admin)        " + base + "/admin.html");
    System.out.println("  Send a code as Logto would:");
    System.out.println(
        "    curl -X POST "
            + base
            + "/api/mail/send -H 'Authorization: "
            + AUTHORIZATION
            + "' -H 'Content-Type: application/json' \\\n"
            + "      -d '{\"to\":\"you@example.test\",\"type\":\"SignIn\",\"payload\":{\"code\":\"123456\",\"locale\":\"en\"}}'");
  }

  static void stop() {
    if (directMail != null) {
      directMail.close();
    }
  }
}
