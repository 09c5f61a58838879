package io.logtojee.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WARs exactly as Maven built them, deployed under {@code /app}. */
final class Deployments {

  private Deployments() {}

  /**
   * The built WAR. Logto (the test provider) is started first, as in a real deployment: the
   * application reads Logto's discovery document as it starts.
   */
  static WebArchive builtWar() {
    return asApp(System.getProperty("app.war", "target/logto-jee.war"));
  }

  /**
   * The built WAR with {@code settings} as {@code java:comp/env} entries in its {@code web.xml}: a
   * setting for this deployment alone. A system property of the same name on the server would win,
   * so only settings that {@code arquillian.xml} leaves unset can be given this way.
   */
  static WebArchive builtWarWith(Map<String, String> settings) {
    WebArchive war = builtWar();
    String webXml;
    try (InputStream in = war.get("WEB-INF/web.xml").getAsset().openStream()) {
      webXml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder entries = new StringBuilder();
    settings.forEach(
        (key, value) ->
            entries
                .append("  <env-entry><env-entry-name>")
                .append(key)
                .append("</env-entry-name><env-entry-type>java.lang.String</env-entry-type>")
                .append("<env-entry-value>")
                .append(value)
                .append("</env-entry-value></env-entry>\n"));
    int end = webXml.lastIndexOf("</web-app>");
    war.delete("WEB-INF/web.xml");
    return war.addAsWebInfResource(
        new StringAsset(webXml.substring(0, end) + entries + webXml.substring(end)), "web.xml");
  }

  /**
   * The WAR overlay example of {@code src/overlay-example}, which the build makes in {@code
   * pre-integration-test}: the application's WAR plus a team's own API. It is deployed under {@code
   * /app} too, because APP_BASE_URL and the test provider's redirect URIs name {@code /app}.
   */
  static WebArchive overlayWar() {
    return asApp(
        System.getProperty("overlay.war", "target/it/overlay-example/target/reports-api.war"));
  }

  private static WebArchive asApp(String path) {
    Doubles.logto();
    File war = new File(path);
    if (!war.isFile()) {
      throw new IllegalStateException("Build the WARs first (mvn verify): missing " + war);
    }
    return ShrinkWrap.create(ZipImporter.class, "app.war").importFrom(war).as(WebArchive.class);
  }
}
