package io.logtojee.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR exactly as Maven built it, deployed under {@code /app}. */
final class Deployments {

  private Deployments() {}

  static WebArchive builtWar() {
    File war = new File(System.getProperty("app.war", "target/logto-jee.war"));
    if (!war.isFile()) {
      throw new IllegalStateException("Build the WAR first (mvn verify): missing " + war);
    }
    return ShrinkWrap.create(ZipImporter.class, "app.war").importFrom(war).as(WebArchive.class);
  }
}
