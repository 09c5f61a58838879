package io.logtojee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * FLT-05's other outcome: where sessions are not persisted (WildFly's default, Tomcat's without
 * server-config's context.xml), a redeploy loses them, and the user must get a clean signed-out
 * answer and a working sign-in, never an error from what the old session left behind. Runs on
 * Tomcat 11 and WildFly.
 */
@ExtendWith(ArquillianExtension.class)
class RedeployIT {

  private static final String APP = "redeployed";

  @Deployment(name = APP, managed = false, testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource private Deployer deployer;

  private final CookieClient browser = new CookieClient();

  @Test
  void aRedeployWithoutPersistedSessionsMeansACleanSignInAgain() throws Exception {
    Doubles.freshLogto();
    deployer.deploy(APP);
    try {
      SignIn.complete(browser, "/sign-in");
      assertTrue(browser.signedIn());

      deployer.undeploy(APP);
      deployer.deploy(APP);

      assertFalse(browser.signedIn(), "the old session is gone, cleanly");
      HttpResponse<String> home = browser.get(Servers.app("/"));
      assertEquals(200, home.statusCode());
      SignIn.complete(browser, "/sign-in");
      assertEquals("demouser0001", browser.me().path("sub").asText(), "signing in again works");
    } finally {
      deployer.undeploy(APP);
    }
  }
}
