package io.logtojee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.logtojee.testsupport.browser.Chromium;
import io.logtojee.testsupport.op.Scenario;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person's sign-in and sign-out in a real headless Chromium: click "Sign in", see the profile,
 * click "Sign out", see the signed-out page; a sign-in that lingers at Logto (SES-09); the admin
 * console. Uses Debian's chromium and chromium-driver.
 */
@ExtendWith(ArquillianExtension.class)
class BrowserSignInIT {

  @Deployment(testable = false)
  static WebArchive war() {
    MailFixtures.writeConfig();
    return Deployments.builtWar();
  }

  /** Longer than Chromium's two-minute allowance for cookies without a SameSite attribute. */
  private static final Duration TIME_SPENT_AT_LOGTO = Duration.ofSeconds(125);

  private WebDriver browser;
  private WebDriverWait wait;

  @BeforeEach
  void startBrowser() throws Exception {
    Doubles.freshLogto();
    browser = Chromium.start();
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  @AfterEach
  void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  private WebElement visible(String id) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
  }

  private void screenshot(String name) throws Exception {
    Path target = Paths.get("target", "screenshots", Servers.container() + "-" + name + ".png");
    Files.createDirectories(target.getParent());
    Path shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void clickSignInSeeTheProfileClickSignOut() throws Exception {
    browser.get(Servers.appBase() + "/");
    visible("sign-in").click();

    WebElement name = visible("name");
    assertEquals("Demo User", name.getText());
    assertTrue(browser.findElement(By.id("email")).getText().startsWith("demo@example.test"));
    assertEquals("demouser0001", browser.findElement(By.id("sub")).getText());
    assertEquals("user", browser.findElement(By.id("roles")).getText());
    assertEquals(Servers.appBase() + "/", browser.getCurrentUrl());
    screenshot("signed-in");

    visible("sign-out").click();

    visible("signed-out");
    assertTrue(browser.findElement(By.id("sign-in")).isDisplayed());
    assertEquals(Servers.appBase() + "/", browser.getCurrentUrl());
    screenshot("signed-out");
  }

  /**
   * SES-09: a person who spends longer than two minutes on Logto's sign-in page still comes back
   * signed in. Chromium lets a cross-site POST carry a cookie without a SameSite attribute only
   * within two minutes of the cookie's creation; the callback here is a GET (query response mode)
   * and the session cookie says {@code SameSite=Lax}, so the time spent at Logto must not matter.
   * The dwell is the scenario itself, not a wait for something to happen, so it is a plain pause.
   */
  @Test
  void signInCompletesAfterMoreThanTwoMinutesOnLogtosPage() throws Exception {
    Doubles.logto().enable(Scenario.SIGN_IN_PAGE);
    browser.get(Servers.appBase() + "/");
    visible("sign-in").click();
    WebElement proceed = visible("continue");
    assertTrue(browser.getCurrentUrl().startsWith("http://127.0.0.1:" + Servers.opPort() + "/"));

    Thread.sleep(TIME_SPENT_AT_LOGTO.toMillis());
    proceed.click();

    assertEquals("Demo User", visible("name").getText());
    assertEquals(Servers.appBase() + "/", browser.getCurrentUrl());
    assertTrue(
        browser.manage().getCookies().stream().anyMatch(c -> c.getName().startsWith("__Host-")));
  }

  @Test
  void adminChangesTheSenderNameInTheConsole() throws Exception {
    Doubles.logto().setUser(Doubles.admin("admin000002"));
    browser.get(Servers.appBase() + "/admin.html");
    visible("need-sign-in").findElement(By.linkText("Sign in")).click();

    WebElement alias =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("fromAlias")));
    assertEquals(Servers.appBase() + "/admin.html", browser.getCurrentUrl());
    alias.clear();
    alias.sendKeys("Console");
    visible("save").click();

    wait.until(ExpectedConditions.textToBe(By.id("result"), "Saved."));
    screenshot("admin-saved");
    browser.navigate().refresh();
    assertEquals(
        "Console",
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("fromAlias")))
            .getAttribute("value"));
  }

  /**
   * Serves one page from another origin of the same site ({@code localhost} on another port), so
   * the browser sends the application's SameSite=Lax cookie with whatever the page makes it send.
   */
  private static HttpServer attacker(String page) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = page.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return server;
  }

  private static String at(HttpServer server) {
    return "http://localhost:" + server.getAddress().getPort() + "/";
  }

  private boolean signedInAtHome() {
    browser.get(Servers.appBase() + "/");
    return wait.until(
        driver ->
            driver.findElement(By.id("name")).isDisplayed()
                || driver.findElement(By.id("sign-in")).isDisplayed());
  }

  private boolean profileShown() {
    signedInAtHome();
    return browser.findElement(By.id("name")).isDisplayed();
  }

  /** Issue 8 item 7: a link or a form on another site never signs the user out by itself. */
  @Test
  void anotherSiteCannotSignTheUserOut() throws Exception {
    browser.get(Servers.appBase() + "/");
    visible("sign-in").click();
    visible("name");
    String signOut = Servers.appBase() + "/sign-out";
    HttpServer evil =
        attacker(
            "<!doctype html><a id=\"link\" href=\""
                + signOut
                + "\">win a prize</a><form id=\"form\" method=\"post\" action=\""
                + signOut
                + "\"><button id=\"post\">win</button></form>");
    try {
      browser.get(at(evil));
      browser.findElement(By.id("link")).click();
      visible("confirm-sign-out");
      screenshot("sign-out-confirmation");
      assertTrue(profileShown(), "the link alone signed nobody out");

      browser.get(at(evil));
      browser.findElement(By.id("post")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error-message")));
      assertEquals(
          "Another site cannot sign you out of this one.",
          browser.findElement(By.id("error-message")).getText());
      assertTrue(profileShown(), "the cross-site POST signed nobody out");

      browser.get(at(evil));
      browser.findElement(By.id("link")).click();
      visible("confirm-sign-out").click();
      visible("signed-out");
      assertEquals(Servers.appBase() + "/", browser.getCurrentUrl());
    } finally {
      evil.stop(0);
    }
  }

  /**
   * SES-10 from a real page of another origin: its requests to the admin API (save, validate,
   * test-send), with the admin's cookie attached, change nothing and send no mail.
   */
  @Test
  void anotherSiteCannotUseTheAdminApi() throws Exception {
    var directMail = Doubles.freshDirectMail();
    Doubles.logto().setUser(Doubles.admin("admin000003"));
    browser.get(Servers.appBase() + "/admin.html");
    visible("need-sign-in").findElement(By.linkText("Sign in")).click();
    String aliasBefore =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("fromAlias")))
            .getAttribute("value");
    String api = Servers.appBase() + "/api/admin/mail-config";
    String attempts =
        "['PUT', '', '{\"fromAlias\":\"Pwned\"}'],"
            + "['POST', '/validate', '{\"fromAlias\":\"Pwned\"}'],"
            + "['POST', '/test-send', '{\"to\":\"victim@example.test\"}']";
    HttpServer evil =
        attacker(
            "<!doctype html><p id=\"done\" hidden>done</p><script>Promise.all(["
                + attempts
                + "].map(function (a) { return fetch('"
                + api
                + "' + a[1], {method: a[0], mode: 'no-cors', credentials: 'include',"
                + " headers: {'Content-Type': 'text/plain', 'X-Requested-By': 'x'}, body: a[2]})"
                + ".catch(function () {}); })).then(function () {"
                + " document.getElementById('done').hidden = false; });</script>"
                + "<form id=\"form\" method=\"post\" enctype=\"text/plain\" action=\""
                + api
                + "/test-send\"><input name='{\"to\":\"victim@example.test\",\"x\":\"' value='\"}'>"
                + "<button id=\"post\">go</button></form>");
    try {
      browser.get(at(evil));
      visible("done");
      browser.findElement(By.id("post")).click();
      wait.until(driver -> !driver.getCurrentUrl().startsWith(at(evil)));
      String answer = browser.findElement(By.tagName("body")).getText();
      assertTrue(answer.contains("\"code\""), "a JSON refusal, not a page that acted: " + answer);
    } finally {
      evil.stop(0);
    }

    browser.get(Servers.appBase() + "/admin.html");
    assertEquals(
        aliasBefore,
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("fromAlias")))
            .getAttribute("value"),
        "SES-10: the configuration is unchanged");
    assertEquals(0, directMail.accepted().size(), "SES-10: no mail was sent");
  }
}
