package io.logtojee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logtojee.testsupport.dm.FakeDirectMail;
import io.logtojee.testsupport.op.Scenario;
import io.logtojee.testsupport.op.TestOpenIdProvider;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The demo's story at HTTP level, the way a browser without JavaScript walks it: {@code /sign-up}
 * with {@code ui_locales=de}, the test Logto's create-account form, the code Logto sends through
 * the deployed {@code /api/mail/send} to the DirectMail fake, the code form, and {@code /api/me}
 * showing the new address; and Logto's refusals of a wrong, an expired and an eleventh code. Every
 * hop is followed from the pages' own forms and {@code Location} headers. Runs on Tomcat 11 and
 * WildFly ({@link EmailSignUpBrowserIT} is the same story in Chromium).
 */
@ExtendWith(ArquillianExtension.class)
class EmailSignUpIT {

  private static final Pattern FORM =
      Pattern.compile("<form method=\"post\" action=\"([^\"]+)\">(.*?)</form>", Pattern.DOTALL);
  private static final Pattern ERROR_CODE =
      Pattern.compile("id=\"error\"[^>]*data-code=\"([^\"]+)\"");

  @Deployment(testable = false)
  static WebArchive war() {
    MailFixtures.writeConfig();
    return Deployments.builtWar();
  }

  private TestOpenIdProvider logto;
  private FakeDirectMail directMail;
  private CookieClient browser;
  private String address;

  @BeforeEach
  void logtoSendsCodesThroughTheApplication() {
    logto = Doubles.freshLogto();
    directMail = Doubles.freshDirectMail();
    logto.configureHttpEmailConnector(Servers.app("/api/mail/send"), Doubles.MAIL_AUTHORIZATION);
    logto.enable(Scenario.EMAIL_SIGN_IN);
    browser = new CookieClient();
    address = "signup-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
  }

  @Test
  void aNewAddressSignsUpWithTheCodeFromItsGermanRegisterMail() throws Exception {
    HttpResponse<String> codePage = requestCode();
    assertEquals(200, codePage.statusCode(), codePage.body());
    assertTrue(codePage.body().contains(address), codePage.body());
    String code = CodeMails.germanRegisterCode(directMail, 1, address);

    HttpResponse<String> home = submitCode(codePage, code);

    assertEquals(Servers.appBase() + "/", CookieClient.location(home).toString());
    JsonNode me = browser.me();
    assertTrue(me.path("authenticated").asBoolean(), me.toString());
    assertEquals(address, me.path("email").asText(), me.toString());
    assertTrue(logto.registeredEmails().contains(address));
    assertEquals(1, directMail.accepted().size(), "one mail for the whole sign-up");
  }

  @Test
  void aWrongCodeIsRefusedAndTheRightOneStillSignsIn() throws Exception {
    HttpResponse<String> codePage = requestCode();
    String code = CodeMails.germanRegisterCode(directMail, 1, address);

    HttpResponse<String> refused = submitCode(codePage, wrong(code));

    assertEquals(400, refused.statusCode());
    assertEquals("verification_code.code_mismatch", errorCode(refused));
    assertFalse(browser.signedIn());
    submitCode(refused, code);
    assertEquals(address, browser.me().path("email").asText());
  }

  @Test
  void aCodeOlderThanTenMinutesIsRefused() throws Exception {
    HttpResponse<String> codePage = requestCode();
    String code = CodeMails.germanRegisterCode(directMail, 1, address);
    logto.advancePasscodeClock(Duration.ofSeconds(601));

    HttpResponse<String> refused = submitCode(codePage, code);

    assertEquals(400, refused.statusCode());
    assertEquals("verification_code.expired", errorCode(refused));
    assertFalse(browser.signedIn());
  }

  @Test
  void theEleventhTryFailsEvenWithTheRightCode() throws Exception {
    HttpResponse<String> page = requestCode();
    String code = CodeMails.germanRegisterCode(directMail, 1, address);
    for (int i = 1; i <= 10; i++) {
      page = submitCode(page, wrong(code));
      assertEquals("verification_code.code_mismatch", errorCode(page), "try " + i);
    }

    HttpResponse<String> eleventh = submitCode(page, code);

    assertEquals("verification_code.exceed_max_try", errorCode(eleventh));
    assertFalse(browser.signedIn());
  }

  /** From the app's Sign-up link to Logto's code page, sending the code on the way. */
  private HttpResponse<String> requestCode() {
    HttpResponse<String> signUp = browser.get(Servers.app("/sign-up?ui_locales=de"));
    assertEquals(302, signUp.statusCode(), signUp.body());
    URI authorize = CookieClient.location(signUp);
    assertEquals("de", CookieClient.query(authorize).get("ui_locales"));
    assertEquals("register", CookieClient.query(authorize).get("first_screen"));
    HttpResponse<String> experience = browser.get(authorize);
    assertEquals(303, experience.statusCode(), experience.body());
    HttpResponse<String> createAccount = browser.get(CookieClient.location(experience));
    assertEquals(200, createAccount.statusCode(), createAccount.body());
    assertTrue(createAccount.body().contains("Create account"), createAccount.body());

    HttpResponse<String> sent = submit(createAccount, "email", "email=" + encode(address));
    assertEquals(303, sent.statusCode(), sent.body());
    return browser.get(CookieClient.location(sent));
  }

  /**
   * Submits the code form of a code page; on success follows Logto's redirect through the app's
   * callback and returns the app's answer, else returns Logto's page.
   */
  private HttpResponse<String> submitCode(HttpResponse<String> codePage, String code) {
    HttpResponse<String> answer = submit(codePage, "code", "code=" + encode(code));
    if (answer.statusCode() != 302) {
      return answer;
    }
    URI callback = CookieClient.location(answer);
    assertTrue(
        callback.toString().startsWith(Servers.appBase() + "/callback?"), callback.toString());
    HttpResponse<String> home = browser.get(callback);
    assertEquals(302, home.statusCode(), "callback: " + home.body());
    return home;
  }

  /** POSTs {@code body} to the action of the page's form that holds the field {@code fieldId}. */
  private HttpResponse<String> submit(HttpResponse<String> page, String fieldId, String body) {
    Matcher form = FORM.matcher(page.body());
    while (form.find()) {
      if (form.group(2).contains("id=\"" + fieldId + "\"")) {
        return browser.postForm(page.uri().resolve(form.group(1)), body);
      }
    }
    throw new AssertionError("no form with #" + fieldId + " on " + page.uri() + ": " + page.body());
  }

  private static String errorCode(HttpResponse<String> page) {
    Matcher matcher = ERROR_CODE.matcher(page.body());
    assertTrue(matcher.find(), "no error on the page: " + page.body());
    return matcher.group(1);
  }

  private static String wrong(String code) {
    return code.equals("000000") ? "111111" : "000000";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
