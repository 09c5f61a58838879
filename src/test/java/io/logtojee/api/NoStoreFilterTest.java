package io.logtojee.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logtojee.api.InMemoryApi.Answer;
import org.junit.jupiter.api.Test;

/** Every API answer, success or error, forbids caching. */
class NoStoreFilterTest {

  private final TestApi app = new TestApi();

  private static void assertNotStored(Answer answer) {
    assertEquals("no-store", answer.header("Cache-Control"), answer.toString());
    assertEquals("no-cache", answer.header("Pragma"), answer.toString());
  }

  @Test
  void successfulGetAnswersWithNoStoreAndPragmaNoCache() {
    Answer answer = app.start().get("/me").send();

    assertEquals(200, answer.status());
    assertNotStored(answer);
  }

  @Test
  void refusedGetAnswersWithNoStoreAndPragmaNoCache() {
    Answer answer = app.start().get("/scopes-demo").send();

    assertEquals(401, answer.status());
    assertNotStored(answer);
  }

  @Test
  void getOfUnknownPathAnswersWithNoStoreAndPragmaNoCache() {
    Answer answer = app.start().get("/no-such-endpoint").send();

    assertEquals(404, answer.status());
    assertNotStored(answer);
  }
}
