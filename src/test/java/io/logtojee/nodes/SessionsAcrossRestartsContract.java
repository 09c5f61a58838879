package io.logtojee.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logtojee.testsupport.op.TestOpenIdProvider;
import io.logtojee.testsupport.op.TestUser;
import io.logtojee.testsupport.server.NodePorts;
import io.logtojee.testsupport.server.ServerNode;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * FLT-05 on a real server process: a {@code kill -9} loses at most the sessions, never with a
 * deserialisation error, and every user then either is still signed in or gets a clean signed-out
 * answer and a working sign-in. Each server's class adds what a clean stop does there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SessionsAcrossRestartsContract {

  /**
   * What would show a session that could not be stored or read back: any SEVERE line, and any
   * exception line about sessions, (de)serialisation or classes missing from a stored session.
   */
  private static final Pattern SESSION_TROUBLE =
      Pattern.compile(
          "SEVERE|(?i:(exception|error).*(session|serializ|deserializ|ObjectInputStream)"
              + "|(session|serializ|deserializ).*(exception|error))"
              + "|ClassNotFoundException|InvalidClassException|StreamCorruptedException"
              + "|NotSerializableException|EOFException");

  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  TestOpenIdProvider logto;
  ServerNode node;

  /** The node under test, built (not started) against the test provider's endpoint. */
  abstract ServerNode buildNode(String logtoEndpoint);

  @BeforeAll
  void startNode() {
    logto = TestOpenIdProvider.start(NodePorts.claim());
    node = buildNode(logto.endpoint());
    logto.registerClient(
        ServerNode.APP_ID,
        ServerNode.APP_SECRET,
        Set.of(node.baseUrl() + "/callback"),
        Set.of(node.baseUrl() + "/"));
    node.start();
  }

  @AfterAll
  void stopNode() {
    if (node != null) {
      node.close();
    }
    if (logto != null) {
      logto.close();
    }
  }

  @BeforeEach
  void demoUser() {
    logto.reset();
    logto.setUser(TestUser.demo());
  }

  NodeBrowser signedInBrowser(TestUser user) {
    logto.setUser(user);
    NodeBrowser browser = new NodeBrowser(node, logto.endpoint());
    browser.signIn();
    assertTrue(browser.signedIn(), "signed in before the restart");
    return browser;
  }

  static void assertNoSessionTrouble(String logged) {
    List<String> trouble =
        logged.lines().filter(line -> SESSION_TROUBLE.matcher(line).find()).toList();
    assertTrue(
        trouble.isEmpty(),
        "FLT-05: errors while storing or loading sessions:\n" + String.join("\n", trouble));
  }

  @Test
  void afterKillMinus9EveryUserIsStillSignedInOrSignsInAgainCleanly() {
    List<NodeBrowser> browsers = new ArrayList<>();
    List<JsonNode> before = new ArrayList<>();
    for (String sub : List.of("killuser0001", "killuser0002", "killuser0003")) {
      NodeBrowser browser = signedInBrowser(user(sub));
      browsers.add(browser);
      before.add(browser.me());
    }
    long mark = node.logMark();

    node.killHard();
    node.start();

    assertNoSessionTrouble(node.logTextSince(mark));
    int kept = 0;
    int signedInAgain = 0;
    for (int i = 0; i < browsers.size(); i++) {
      NodeBrowser browser = browsers.get(i);
      JsonNode after = browser.me();
      if (after.path("authenticated").asBoolean()) {
        assertEquals(before.get(i), after, "FLT-05: a kept session is the same user");
        kept++;
        continue;
      }
      assertEquals(
          NodeBrowser.JSON.createObjectNode().put("authenticated", false),
          after,
          "FLT-05: a lost session is a clean signed-out answer, not an error");
      logto.setUser(user(before.get(i).path("sub").asText()));
      browser.signIn();
      assertEquals(before.get(i), browser.me(), "FLT-05: a fresh sign-in with the old cookie");
      signedInAgain++;
    }
    System.out.printf(
        "FLT-05 (%s): after kill -9, %d session(s) kept, %d user(s) signed in again%n",
        getClass().getSimpleName(), kept, signedInAgain);
    assertNoSessionTrouble(node.logTextSince(mark));
  }

  static TestUser user(String sub) {
    return new TestUser(
        sub,
        "User " + sub,
        sub,
        sub + "@example.test",
        true,
        null,
        List.of("user"),
        List.of("demoorg00001"));
  }
}
