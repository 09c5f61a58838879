package io.logtojee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logtojee.testsupport.dm.FakeDirectMail;
import io.logtojee.testsupport.dm.RecordedMail;
import io.logtojee.testsupport.op.PasscodeResult;
import io.logtojee.testsupport.op.TestOpenIdProvider;
import io.logtojee.testsupport.op.VerifyResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Logto's passwordless e-mail flow end to end: the test OP plays Logto (codes, tries, expiry, its
 * HTTP email connector) and calls the deployed sender, which delivers to the DirectMail fake.
 * MAIL-04 and MAIL-05. Runs on Tomcat 11 and WildFly.
 */
@ExtendWith(ArquillianExtension.class)
class PasscodeFlowIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Deployment(testable = false)
  static WebArchive war() {
    MailFixtures.writeConfig();
    return Deployments.builtWar();
  }

  private TestOpenIdProvider logto;
  private FakeDirectMail directMail;

  @BeforeEach
  void connectLogtoToTheSender() {
    logto = Doubles.freshLogto();
    directMail = Doubles.freshDirectMail();
    logto.configureHttpEmailConnector(Servers.app("/api/mail/send"), Doubles.MAIL_AUTHORIZATION);
    logto.setPasscodeUserContext(false);
  }

  private String deliveredCode(String to) {
    RecordedMail mail =
        directMail.accepted().stream()
            .filter(m -> m.toAddress().equals(to))
            .reduce((first, second) -> second)
            .orElseThrow(() -> new AssertionError("no mail to " + to));
    java.util.regex.Matcher code =
        java.util.regex.Pattern.compile("\\d{6}").matcher(mail.htmlBody());
    assertTrue(code.find(), mail.htmlBody());
    return code.group();
  }

  @Test
  void registeredAndUnknownAddressesGetTheSameAnswer() throws Exception {
    List<Long> registered = new ArrayList<>();
    List<Long> unknown = new ArrayList<>();
    Set<String> bodyShapes = new TreeSet<>();
    Set<Integer> statuses = new TreeSet<>();
    for (int i = 0; i < 100; i++) {
      boolean isRegistered = i % 2 == 0;
      String to = (isRegistered ? "member" : "stranger") + i + "@example.test";
      if (isRegistered) {
        logto.registerEmailUser(to);
      }
      PasscodeResult result =
          logto.requestPasscode(to, "SignIn", "en", "198.18." + (i / 50) + "." + i);

      assertTrue(result.succeeded(), to + ": " + result);
      statuses.add(result.endpointStatus());
      bodyShapes.add(
          JSON.readTree(result.endpointBody()).properties().stream()
              .map(e -> e.getKey())
              .toList()
              .toString());
      (isRegistered ? registered : unknown).add(result.elapsedNanos());
    }

    assertEquals(Set.of(200), statuses, "MAIL-04: same status");
    assertEquals(Set.of("[envId, requestId]"), bodyShapes, "MAIL-04: same body shape");
    System.out.printf(
        "MAIL-04 on %s: median sender time registered %.2f ms, unknown %.2f ms (50 samples each)%n",
        Servers.container(), median(registered) / 1e6, median(unknown) / 1e6);
  }

  @Test
  void codesArePassedThroughAndLogtosTryExpiryAndSingleUseRulesHold() {
    PasscodeResult sent = logto.requestPasscode("flow@example.test", "SignIn", "en", "192.0.2.40");
    assertTrue(sent.succeeded(), sent.toString());
    assertEquals(
        sent.code(),
        deliveredCode("flow@example.test"),
        "the sender delivers Logto's code unchanged");

    assertTrue(logto.verifyPasscode("flow@example.test", "SignIn", sent.code()).verified());
    assertEquals(
        VerifyResult.NOT_FOUND,
        logto.verifyPasscode("flow@example.test", "SignIn", sent.code()).errorCode(),
        "MAIL-05: single use");

    PasscodeResult second =
        logto.requestPasscode("tries@example.test", "SignIn", "en", "192.0.2.41");
    String wrong = second.code().equals("000000") ? "111111" : "000000";
    VerifyResult last = null;
    for (int i = 0; i < 11; i++) {
      last = logto.verifyPasscode("tries@example.test", "SignIn", wrong);
    }
    assertNotEquals(true, last.verified());
    assertEquals(
        "verification_code.exceed_max_try",
        logto.verifyPasscode("tries@example.test", "SignIn", second.code()).errorCode(),
        "MAIL-05: invalidated after 10 wrong tries");

    PasscodeResult third = logto.requestPasscode("late@example.test", "SignIn", "en", "192.0.2.42");
    logto.advancePasscodeClock(Duration.ofSeconds(601));
    assertEquals(
        "verification_code.expired",
        logto.verifyPasscode("late@example.test", "SignIn", third.code()).errorCode(),
        "MAIL-05: expired after 10 minutes");
  }

  private static double median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
