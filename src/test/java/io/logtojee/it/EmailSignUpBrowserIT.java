package io.logtojee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logtojee.testsupport.browser.Chromium;
import io.logtojee.testsupport.dm.FakeDirectMail;
import io.logtojee.testsupport.op.Scenario;
import io.logtojee.testsupport.op.TestOpenIdProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo's story in a real headless Chromium: a newcomer clicks "Sign up" with {@code
 * ui_locales=de}, enters a new address on the test Logto's create-account page, Logto sends the
 * code through the deployed {@code /api/mail/send}, the DirectMail fake receives a correctly signed
 * {@code SingleSendMail} rendered from the German {@code Register} template, the newcomer types the
 * code and lands on the home page signed in, and {@code /api/me} shows the address. A wrong code is
 * refused with Logto's {@code verification_code.code_mismatch}. Tomcat 11 only, like {@link
 * BrowserSignInIT}; {@link EmailSignUpIT} walks the same story at HTTP level on every server.
 */
@ExtendWith(ArquillianExtension.class)
class EmailSignUpBrowserIT {

  @Deployment(testable = false)
  static WebArchive war() {
    MailFixtures.writeConfig();
    return Deployments.builtWar();
  }

  private TestOpenIdProvider logto;
  private FakeDirectMail directMail;
  private ChromeDriver browser;
  private WebDriverWait wait;
  private String address;

  @BeforeEach
  void startBrowser() {
    logto = Doubles.freshLogto();
    directMail = Doubles.freshDirectMail();
    logto.configureHttpEmailConnector(Servers.app("/api/mail/send"), Doubles.MAIL_AUTHORIZATION);
    logto.enable(Scenario.EMAIL_SIGN_IN);
    browser = Chromium.start();
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    address = "newcomer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
  }

  @AfterEach
  void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void aNewcomerSignsUpWithTheEmailedCodeAndLandsSignedIn() throws Exception {
    String code = signUpUntilTheCodePage();
    screenshot("email-code-page");

    visible("code").sendKeys(code);
    visible("verify").click();

    assertSignedInAtHome();
    screenshot("email-signed-in");
  }

  @Test
  void aWrongCodeIsRefusedLikeLogtoAndTheRightOneStillWorks() throws Exception {
    String code = signUpUntilTheCodePage();

    visible("code").sendKeys(code.equals("000000") ? "111111" : "000000");
    visible("verify").click();

    WebElement error = visible("error");
    assertEquals("verification_code.code_mismatch", error.getAttribute("data-code"));
    assertTrue(error.getText().startsWith("Invalid verification code."), error.getText());
    assertTrue(browser.getCurrentUrl().startsWith("http://127.0.0.1:" + Servers.opPort() + "/"));
    screenshot("email-wrong-code");

    visible("code").sendKeys(code);
    visible("verify").click();
    assertSignedInAtHome();
  }

  /** From the home page's Sign-up button to the code page; returns the code that was mailed. */
  private String signUpUntilTheCodePage() throws Exception {
    browser.get(Servers.appBase() + "/");
    WebElement signUp = visible("sign-up");
    // The link as the home page has it, with the language Logto should mail in.
    browser.get(signUp.getAttribute("href") + "?ui_locales=de");
    assertEquals("Create account", visible("title").getText());
    visible("email").sendKeys(address);
    visible("send-code").click();

    assertTrue(visible("sent-to").getText().contains(address));
    return CodeMails.germanRegisterCode(directMail, 1, address);
  }

  private void assertSignedInAtHome() throws Exception {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("email"), address));
    assertEquals(Servers.appBase() + "/", browser.getCurrentUrl());
    browser.get(Servers.appBase() + "/api/me");
    JsonNode me = new ObjectMapper().readTree(browser.findElement(By.tagName("body")).getText());
    assertTrue(me.path("authenticated").asBoolean(), me.toString());
    assertEquals(address, me.path("email").asText(), me.toString());
  }

  private WebElement visible(String id) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
  }

  private void screenshot(String name) throws Exception {
    Path target = Paths.get("target", "screenshots", Servers.container() + "-" + name + ".png");
    Files.createDirectories(target.getParent());
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
  }
}
