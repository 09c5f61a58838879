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

/**
 * The DirectMail side of the demo: the DirectMail fake on loopback, a connector configuration that
 * points at it, the mail viewer ({@link DemoMailViewer}) that shows what it accepted, and a console
 * line for every mail "sent", so a newcomer sees a code arrive.
 */
final class DemoMail {

  static final int DM_PORT = Integer.getInteger("demo.dm.port", 9412);
  static final int VIEWER_PORT = Integer.getInteger("demo.mail.viewer.port", 9413);
  static final String AUTHORIZATION = "Bearer demo-mail-token-0123456789";
  private static FakeDirectMail directMail;
  private static DemoMailViewer viewer;

  private DemoMail() {}

  /** Starts the fake, writes the configuration, and returns the JVM settings for the server. */
  static List<String> start(Path tomcat) throws IOException {
    directMail = new FakeDirectMail().start(DM_PORT);
    directMail.addKey("demo-access-key", "demo-access-key-secret");
    directMail.addSender("noreply@demo.example.test");
    directMail.onAccepted(DemoMail::announce);
    viewer = DemoMailViewer.start(directMail, VIEWER_PORT);

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
                "Register",
                null,
                "Your sign-up code for {{application.name}}",
                "<p>Welcome to {{application.name}}!</p>"
                    + "<p>Your sign-up code is <strong>{{code}}</strong>.</p>"
                    + "<p>It is valid for 10 minutes.</p>"),
            template(
                "Register",
                "de",
                "Ihr Registrierungscode für {{application.name}}",
                "<p>Willkommen bei {{application.name}}!</p>"
                    + "<p>Ihr Registrierungscode lautet <strong>{{code}}</strong>.</p>"
                    + "<p>Er ist 10 Minuten gültig.</p>"),
            template(
                "SignIn",
                null,
                "Your sign-in code for {{application.name}}",
                "<p>Your sign-in code is <strong>{{code}}</strong>.</p>"),
            template(
                "SignIn",
                "de",
                "Ihr Anmeldecode für {{application.name}}",
                "<p>Ihr Anmeldecode lautet <strong>{{code}}</strong>.</p>"),
            template(
                "ForgotPassword",
                null,
                "Reset your password",
                "<p>Your reset code is {{code}}.</p>"),
            template("Generic", null, "Your verification code", "<p>Your code is {{code}}.</p>")));
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

  private static void announce(RecordedMail mail) {
    System.out.println(
        "  [demo DirectMail] accepted \""
            + mail.subject()
            + "\" for "
            + mail.toAddress()
            + MailViewerPage.code(mail.htmlBody()).map(code -> " with code " + code).orElse("")
            + " (EnvId "
            + mail.envId()
            + "); read it at "
            + viewer.uri());
  }

  static void describe(String base) {
    System.out.println(
        "  Mail the fake accepted       " + viewer.uri() + " (the codes arrive here)");
    System.out.println(
        "  DirectMail (fake)            "
            + directMail.baseUri()
            + " (as JSON: "
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
    if (viewer != null) {
      viewer.close();
    }
    if (directMail != null) {
      directMail.close();
    }
  }
}
