package io.logtojee.testsupport.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium through its chromium-driver, with a fresh profile under target/. */
public final class Chromium {

  private Chromium() {}

  /** A new browser with no cookies; quit it when done. */
  public static ChromeDriver start() {
    Path profile;
    try {
      profile = Files.createTempDirectory(Paths.get("target"), "chromium-profile");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1024,768",
        "--user-data-dir=" + profile.toAbsolutePath());
    return new ChromeDriver(options);
  }
}
