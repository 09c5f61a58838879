package io.logtojee.demo;

import io.logtojee.testsupport.browser.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Takes the README's screenshots of the demo's sign-up story in a real headless Chromium, against a
 * running demo ({@code mvn -Pdemo package} in another terminal): the create-account page, the code
 * page, a wrong code, the mail viewer and the signed-in home page. Writes PNGs to {@code
 * src/docs/screenshots/} (or the first argument).
 */
public final class DemoScreenshots {

  private DemoScreenshots() {}

  public static void main(String[] args) throws Exception {
    Path out = Paths.get(args.length > 0 ? args[0] : "src/docs/screenshots");
    String app = System.getProperty("demo.app", "http://localhost:" + DemoLauncher.APP_PORT);
    String viewer =
        System.getProperty("demo.mail.viewer", "http://127.0.0.1:" + DemoMail.VIEWER_PORT + "/");
    String address = "newcomer-" + System.currentTimeMillis() % 100_000 + "@example.test";
    Files.createDirectories(out);
    ChromeDriver browser = Chromium.start();
    try {
      browser.manage().window().setSize(new Dimension(820, 640));
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

      browser.get(app + "/sign-up?ui_locales=de");
      WebElement email = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email")));
      email.sendKeys(address);
      shoot(browser, out, "1-create-account.png");

      browser.findElement(By.id("send-code")).click();
      WebElement code = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code")));
      String codePage = browser.getCurrentUrl();
      code.sendKeys("000000");
      browser.findElement(By.id("verify")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
      shoot(browser, out, "2-wrong-code.png");

      browser.get(viewer);
      String sent =
          wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#mail-0 .code")))
              .getText();
      shoot(browser, out, "3-mail-viewer.png");

      browser.get(codePage);
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code"))).sendKeys(sent);
      browser.findElement(By.id("verify")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("email"), address));
      shoot(browser, out, "4-signed-in.png");
      System.out.println("Signed up as " + address + "; screenshots in " + out.toAbsolutePath());
    } finally {
      browser.quit();
    }
  }

  private static void shoot(ChromeDriver browser, Path out, String name) throws Exception {
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, out.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
