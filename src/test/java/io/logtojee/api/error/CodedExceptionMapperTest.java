package io.logtojee.api.error;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logtojee.api.InMemoryApi;
import io.logtojee.api.InMemoryApi.Answer;
import io.logtojee.api.TestApi;
import io.logtojee.error.CodedException;
import io.logtojee.error.ErrorCode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The status table, code by code: every code of every capability, thrown from a resource, comes out
 * of the API as its status and the one JSON error shape. The expected statuses are written out
 * here, so changing one is a visible decision.
 */
class CodedExceptionMapperTest {

  private static final Map<String, Integer> EXPECTED_STATUS =
      Map.ofEntries(
          entry("RequestError.INVALID_REQUEST", 400),
          entry("RequestError.INVALID_JSON", 400),
          entry("RequestError.INVALID_PARAMETER", 400),
          entry("RequestError.PAYLOAD_TOO_LARGE", 413),
          entry("RequestError.METHOD_NOT_ALLOWED", 405),
          entry("RequestError.INTERNAL_ERROR", 500),
          entry("AccessError.NOT_SIGNED_IN", 401),
          entry("AccessError.FORBIDDEN", 403),
          entry("AccessError.CROSS_SITE_REQUEST", 403),
          entry("SignInFailure.SESSION_EXPIRED", 400),
          entry("SignInFailure.PROVIDER_ERROR", 400),
          entry("SignInFailure.REJECTED", 401),
          entry("SignInFailure.PROVIDER_UNAVAILABLE", 503),
          entry("SignInFailure.INVALID_CALLBACK", 400),
          entry("TokenError.INVALID_REQUEST", 400),
          entry("TokenError.INVALID_TOKEN", 401),
          entry("TokenError.INSUFFICIENT_SCOPE", 403),
          entry("TokenError.PROVIDER_UNAVAILABLE", 503),
          entry("TokenError.INVALID_LOGOUT_TOKEN", 400),
          entry("UserTokenError.NO_REFRESH_TOKEN", 409),
          entry("UserTokenError.SESSION_ENDED", 401),
          entry("UserTokenError.TOKEN_REFUSED", 403),
          entry("UserTokenError.PROVIDER_UNAVAILABLE", 503),
          entry("MailErrorCode.INVALID_REQUEST", 400),
          entry("MailErrorCode.UNAUTHORIZED", 401),
          entry("MailErrorCode.INVALID_RECIPIENT", 400),
          entry("MailErrorCode.TEMPLATE_NOT_FOUND", 400),
          entry("MailErrorCode.RATE_LIMITED", 429),
          entry("MailErrorCode.MAIL_DISABLED", 503),
          entry("MailErrorCode.INVALID_CONFIG", 503),
          entry("MailErrorCode.PROVIDER_REJECTED", 502),
          entry("MailErrorCode.PROVIDER_UNAVAILABLE", 503),
          entry("MailErrorCode.OUTCOME_UNKNOWN", 502),
          entry("MailErrorCode.CONFIG_VIOLATIONS", 400),
          entry("MailErrorCode.CONFIG_PRECONDITION_REQUIRED", 428),
          entry("MailErrorCode.CONFIG_PRECONDITION_FAILED", 412),
          entry("MailErrorCode.CONFIG_WRITE_FAILED", 500),
          entry("MailErrorCode.STATE_STORE_UNAVAILABLE", 503),
          entry("StateStoreError.UNAVAILABLE", 503));

  private static InMemoryApi api;

  @BeforeAll
  static void start() {
    ResourceConfig config = new TestApi().resourceConfig();
    config.register(new FailingProbe());
    api = InMemoryApi.of(config);
  }

  /** Throws the coded failure its path names, as any resource below the edge would. */
  @Path("/probe/fail")
  public static class FailingProbe {
    @GET
    @Path("{type}/{code}")
    public String fail(@PathParam("type") String type, @PathParam("code") String code) {
      throw new CodedException(codeOf(type + "." + code), "Probe failure " + code);
    }
  }

  private static String keyOf(ErrorCode code) {
    return code.getClass().getSimpleName() + "." + ((Enum<?>) code).name();
  }

  private static ErrorCode codeOf(String key) {
    return allCodes().filter(code -> keyOf(code).equals(key)).findFirst().orElseThrow();
  }

  private static Stream<ErrorCode> allCodes() {
    return ErrorStatuses.CODE_TYPES.stream()
        .flatMap(type -> Arrays.stream(type.getEnumConstants()))
        .map(ErrorCode.class::cast);
  }

  static Stream<Arguments> everyCode() {
    return allCodes().map(code -> Arguments.of(keyOf(code), code));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyCode")
  void codedFailureThrownByAResourceAnswersItsStatusAndTheJsonErrorShape(
      String key, ErrorCode code) {
    Integer expected = EXPECTED_STATUS.get(key);
    assertTrue(expected != null, key + " has no expected status in this test");

    Answer answer = api.get("/probe/fail/" + key.replace('.', '/')).send();

    assertEquals(expected, answer.status(), key);
    assertEquals("application/json", answer.contentType());
    assertEquals("no-store", answer.header("Cache-Control"));
    assertNull(answer.header("Retry-After"));
    assertNull(answer.header("WWW-Authenticate"));
    JsonNode body = answer.json();
    assertEquals(List.of("code", "message"), fieldNames(body), answer.body());
    assertEquals(code.wireName(), body.get("code").asText());
    assertEquals("Probe failure " + ((Enum<?>) code).name(), body.get("message").asText());
  }

  @Test
  void expectedStatusTableListsExactlyTheCodesOfCodeTypes() {
    Set<String> existing = new HashSet<>();
    allCodes().forEach(code -> existing.add(keyOf(code)));

    assertEquals(existing, EXPECTED_STATUS.keySet());
  }

  @Test
  void oneWireNameMapsToOneStatusAcrossAllEnums() {
    Map<String, Set<Integer>> statusesByWireName = new TreeMap<>();
    Map<String, List<String>> usersByWireName = new TreeMap<>();
    allCodes()
        .forEach(
            code -> {
              statusesByWireName
                  .computeIfAbsent(code.wireName(), name -> new HashSet<>())
                  .add(ErrorStatuses.of(code));
              usersByWireName
                  .computeIfAbsent(code.wireName(), name -> new ArrayList<>())
                  .add(keyOf(code));
            });

    statusesByWireName.forEach(
        (wireName, statuses) ->
            assertEquals(
                1,
                statuses.size(),
                wireName + " has statuses " + statuses + " in " + usersByWireName.get(wireName)));
    assertTrue(
        usersByWireName.values().stream().anyMatch(users -> users.size() > 1),
        "some wire names are shared, so the check above compares something");
  }

  @Test
  void everyErrorCodeEnumOfTheApplicationIsListedInCodeTypes()
      throws IOException, URISyntaxException {
    java.nio.file.Path classes =
        java.nio.file.Path.of(
            ErrorCode.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> enums = new ArrayList<>();
    try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
      for (java.nio.file.Path file : (Iterable<java.nio.file.Path>) files::iterator) {
        String relative = classes.relativize(file).toString();
        if (!relative.endsWith(".class")) {
          continue;
        }
        String name = relative.substring(0, relative.length() - 6).replace('/', '.');
        Class<?> type;
        try {
          type = Class.forName(name, false, ErrorCode.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
          continue;
        }
        if (type.isEnum() && ErrorCode.class.isAssignableFrom(type)) {
          enums.add(type);
        }
      }
    }

    assertEquals(
        Set.copyOf(ErrorStatuses.CODE_TYPES),
        Set.copyOf(enums),
        "every ErrorCode enum needs a row in ErrorStatuses and a place in CODE_TYPES");
  }
}
