package io.logtojee.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
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
