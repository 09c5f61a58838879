package io.logtojee.api.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logtojee.api.InMemoryApi;
import io.logtojee.api.InMemoryApi.Answer;
import io.logtojee.api.TestApi;
import io.logtojee.error.CodedException;
import io.logtojee.error.RequestError;
import io.logtojee.mail.MailErrorCode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Duration;
import java.util.Map;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rest of the error edge: details, Retry-After, Jakarta REST's own refusals and unexpected
 * exceptions all come out in the same JSON shape.
 */
class ApiErrorEdgeTest {

  private static InMemoryApi api;

  @BeforeAll
  static void start() {
    ResourceConfig config = new TestApi().resourceConfig();
    config.register(new Probe());
    api = InMemoryApi.of(config);
  }

  @Path("/probe")
  public static class Probe {
    @GET
    @Path("details")
    public String details() {
      throw new CodedException(
          RequestError.INVALID_PARAMETER,
          "resource must be one of LOGTO_API_RESOURCE",
          Map.of("parameter", "resource"));
    }

    @GET
    @Path("retry/{millis}")
    public String retry(@PathParam("millis") long millis) {
      throw new CodedException(
          MailErrorCode.RATE_LIMITED, "Slow down", Map.of(), Duration.ofMillis(millis), null);
    }

    @GET
    @Path("bug")
    public String bug() {
      throw new IllegalStateException("internal detail that must stay in the log");
    }
  }

  @Test
  void codedFailureWithDetailsAnswersThemAsAnObject() {
    Answer answer = api.get("/probe/details").send();

    assertEquals(400, answer.status());
    assertEquals("invalid_parameter", answer.json().get("code").asText());
    assertEquals("resource", answer.json().at("/details/parameter").asText());
  }

  @ParameterizedTest(name = "{0} ms -> {1} s")
  @CsvSource({"200, 1", "1500, 1", "5000, 5", "90000, 90"})
  void codedFailureWithRetryAfterAnswersWholeSecondsAndAtLeastOne(long millis, String seconds) {
    Answer answer = api.get("/probe/retry/" + millis).send();

    assertEquals(429, answer.status());
    assertEquals(seconds, answer.header("Retry-After"));
    assertEquals("rate_limited", answer.json().get("code").asText());
  }

  @Test
  void unknownPathAnswers404NotFoundAsJson() {
    Answer answer = api.get("/no/such/endpoint").send();

    assertEquals(404, answer.status());
    assertEquals("application/json", answer.contentType());
    assertEquals("not_found", answer.json().get("code").asText());
    assertEquals("No such API endpoint", answer.json().get("message").asText());
  }

  @Test
  void unsupportedMethodAnswers405MethodNotAllowedWithAllow() {
    Answer answer = api.request("DELETE", "/me").send();

    assertEquals(405, answer.status());
    assertEquals("method_not_allowed", answer.json().get("code").asText());
    assertTrue(answer.header("Allow").contains("GET"), answer.header("Allow"));
  }

  @Test
  void unexpectedExceptionAnswers500WithAnIncidentIdAndNoInternals() {
    Answer answer = api.get("/probe/bug").send();

    assertEquals(500, answer.status());
    JsonNode body = answer.json();
    assertEquals("internal_error", body.get("code").asText());
    String incident = body.at("/details/incident").asText();
    assertTrue(incident.matches("[0-9a-f-]{36}"), incident);
    assertTrue(body.get("message").asText().contains(incident));
    assertFalse(answer.body().contains("internal detail"), answer.body());
    assertEquals("no-store", answer.header("Cache-Control"));
  }
}
