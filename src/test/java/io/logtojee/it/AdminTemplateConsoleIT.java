package io.logtojee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.testsupport.browser.Chromium;
import io.logtojee.testsupport.dm.FakeDirectMail;
import io.logtojee.testsupport.dm.RecordedMail;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The template console in headless Chromium: an admin edits the SignIn template, sees the
 * validation message beside the subject, fixes it, sees the preview the sender would send,
 * test-sends, saves, and the next mail Logto asks for carries the change. Writes its screenshots to
 * {@code target/screenshots/}, or with {@code -Dscreenshots.dir=src/docs/screenshots} over the
 * README's, so that a test run leaves the work tree as it was.
 */
@ExtendWith(ArquillianExtension.class)
class AdminTemplateConsoleIT {

  @Deployment(testable = false)
  static WebArchive war() {
    MailFixtures.writeConfig();
    return Deployments.builtWar();
  }

  private static final Path SCREENSHOTS =
      Paths.get(System.getProperty("screenshots.dir", "target/screenshots"));

  private WebDriver browser;
  private WebDriverWait wait;
  private FakeDirectMail directMail;

  @BeforeEach
  void start() throws Exception {
    Doubles.freshLogto();
    directMail = Doubles.freshDirectMail();
    browser = Chromium.start();
    browser.manage().window().setSize(new Dimension(1100, 1500));
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

  /** Replaces a field's text by typing, as a person does, so the page sees input events. */
  private static void retype(WebElement field, String text) {
    field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    if (!text.isEmpty()) {
      field.sendKeys(text);
    }
  }

  private void screenshot(String name) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    Path shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void adminEditsPreviewsTestSendsAndSavesATemplateAndTheNextMailCarriesIt() throws Exception {
    Doubles.logto().setUser(Doubles.admin("admin000003"));
    browser.get(Servers.appBase() + "/admin.html");
    visible("need-sign-in").findElement(By.linkText("Sign in")).click();
    visible("coverage");
    wait.until(d -> d.findElements(By.cssSelector("#coverage tbody tr")).size() == 9);

    WebElement signIn =
        wait.until(
            d ->
                d.findElements(By.cssSelector("#template-list button")).stream()
                    .filter(b -> b.getText().startsWith("SignIn — "))
                    .findFirst()
                    .orElse(null));
    signIn.click();
    WebElement subject = visible("tpl-subject");
    assertEquals("Your sign-in code", subject.getAttribute("value"));

    retype(subject, "");
    visible("validate").click();
    WebElement subjectError = visible("tpl-subject-error");
    wait.until(ExpectedConditions.textToBePresentInElement(subjectError, "must not be blank"));
    assertEquals("true", subject.getAttribute("aria-invalid"));
    screenshot("console-validation");

    retype(subject, "Sign in to {{application.name}}");
    retype(visible("tpl-content"), "<p>Console code {{ code }} for {{user.name}}</p>");
    wait.until(ExpectedConditions.textToBe(By.id("preview-subject"), "Sign in to Demo App"));
    wait.until(
        ExpectedConditions.attributeContains(
            By.id("preview-frame"), "srcdoc", "<p>Console code 123456 for Ada</p>"));
    screenshot("console-preview");

    visible("validate").click();
    wait.until(ExpectedConditions.textToBe(By.id("result"), "The settings are valid."));
    assertEquals("", subjectError.getText(), "the message went with the fix");

    browser.findElement(By.name("testTo")).sendKeys("console-test@example.test");
    new Select(browser.findElement(By.name("testType"))).selectByVisibleText("SignIn");
    visible("test-send").click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"), "Sent"));
    assertEquals(1, directMail.accepted().size());
    assertEquals("Your sign-in code", directMail.accepted().get(0).subject(), "the saved one");

    visible("save").click();
    wait.until(ExpectedConditions.textToBe(By.id("result"), "Saved."));
    screenshot("console-saved");

    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(Servers.app("/api/mail/send"))
                    .header("Authorization", Doubles.MAIL_AUTHORIZATION)
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"to\":\"ann@example.test\",\"type\":\"SignIn\",\"payload\":"
                                + "{\"code\":\"654321\",\"application\":{\"name\":\"Demo App\"},"
                                + "\"user\":{\"name\":\"Ann\"}}}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    List<RecordedMail> mails = directMail.accepted();
    RecordedMail next = mails.get(mails.size() - 1);
    assertEquals("ann@example.test", next.toAddress());
    assertEquals("Sign in to Demo App", next.subject());
    assertTrue(next.htmlBody().contains("<p>Console code 654321 for Ann</p>"), next.htmlBody());
  }
}
