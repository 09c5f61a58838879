package io.logtojee.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request shape of Logto's HTTP email connector, read leniently. */
class EmailRequestTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void readsTheFullLogtoBodyAndIgnoresUnknownKeys() throws Exception {
    EmailRequest request =
        json.readValue(
            """
            {"to":"user@example.com","type":"SignIn",
             "payload":{"code":"123456","locale":"en","uiLocales":"fr-CA fr en",
               "application":{"id":"app","name":"Demo","branding":{},"displayName":"Demo App"},
               "organization":{"id":"o1","name":"Org","branding":{}},
               "user":{"id":"u1","primaryEmail":"user@example.com","profile":{}},
               "somethingNew":[1,2]},
             "ip":"203.0.113.7","futureField":true}
            """,
            EmailRequest.class);
    assertEquals("user@example.com", request.to());
    assertEquals("SignIn", request.type());
    assertEquals("123456", request.payload().get("code"));
    assertEquals("en", request.locale());
    assertEquals("Demo", ((Map<?, ?>) request.payload().get("application")).get("name"));
    assertEquals("203.0.113.7", request.ip());
  }

  @Test
  void readsTheMinimalBody() throws Exception {
    EmailRequest request =
        json.readValue(
            "{\"to\":\"foo@logto.io\",\"type\":\"SignIn\",\"payload\":{\"code\":\"123456\"}}",
            EmailRequest.class);
    assertNull(request.ip());
    assertNull(request.locale());
  }

  @Test
  void aMissingPayloadIsEmpty() throws Exception {
    EmailRequest request =
        json.readValue("{\"to\":\"a@x.test\",\"type\":\"Generic\"}", EmailRequest.class);
    assertEquals(Map.of(), request.payload());
  }

  @Test
  void toStringHidesTheCodeAndTheAddress() {
    EmailRequest request =
        new EmailRequest("jane@example.com", "SignIn", Map.of("code", "987654"), "203.0.113.7");
    String text = request.toString();
    assertFalse(text.contains("987654"), text);
    assertFalse(text.contains("jane@"), text);
  }
}
