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
 * FLT-05 across a redeploy. Where sessions are not persisted (Tomcat without server-config's
 * context.xml) a redeploy loses them, and the user must get a clean signed-out answer and a working
 * sign-in, never an error from what the old session left behind. WildFly keeps the sessions of a
 * distributable application in its {@code web} cache, which outlives the deployment, so there the
 * user is still signed in as the same user. Runs on Tomcat 11 and WildFly.
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
  void aRedeployKeepsTheUserOrSignsThemOutCleanly() throws Exception {
    Doubles.freshLogto();
    deployer.deploy(APP);
    try {
      SignIn.complete(browser, "/sign-in");
      assertTrue(browser.signedIn());
      String before = browser.me().toString();

      deployer.undeploy(APP);
      deployer.deploy(APP);

      CookieClient next = browser;
      if (Servers.isWildFly()) {
        assertEquals(before, browser.me().toString(), "WildFly's web cache kept the session");
        // The rest of the contract, for a user without a session: a new browser.
        next = new CookieClient();
      }
      assertFalse(next.signedIn(), "the old session is gone, cleanly");
      HttpResponse<String> home = next.get(Servers.app("/"));
      assertEquals(200, home.statusCode());
      SignIn.complete(next, "/sign-in");
      assertEquals("demouser0001", next.me().path("sub").asText(), "signing in again works");
    } finally {
      deployer.undeploy(APP);
    }
  }
}
