package io.logtojee.auth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.Base64URL;
import io.logtojee.auth.token.InvalidTokenException.Reason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pre-checks on their own, without a provider or keys: the exact length limit, the character
 * set, and the linear nesting scan (API-04).
 */
class CompactJwsTest {

  private static final String HEADER = encode("{\"alg\":\"ES384\",\"typ\":\"at+jwt\"}");
  private static final String CLAIMS = encode("{\"sub\":\"x\"}");

  private static Reason refusal(String token) {
    return assertThrows(InvalidTokenException.class, () -> CompactJws.parse(token)).reason();
  }

  @Test
  void aWellFormedTokenParsesWithoutItsSignatureBeingChecked() throws Exception {
    assertEquals(
        "x", CompactJws.parse(HEADER + "." + CLAIMS + ".c2ln").getJWTClaimsSet().getSubject());
  }

  @Test
  void theLengthLimitIsInclusive() {
    String atLimit = "a".repeat(CompactJws.MAX_TOKEN_LENGTH);
    // Not too large, so the next check speaks: no dots.
    assertEquals(Reason.MALFORMED, refusal(atLimit));
    assertEquals(Reason.TOO_LARGE, refusal(atLimit + "a"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"c2l+", "c2l/", "c2ln=", "c2 n", "c2l%", "c2l\u00e9"})
  void aSignatureOutsideBase64UrlIsRefusedThoughNothingElseIsWrong(String signature) {
    assertEquals(Reason.MALFORMED, refusal(HEADER + "." + CLAIMS + "." + signature));
  }

  @Test
  void nestingExactlyAtTheLimitPassesAndOneDeeperDoesNot() {
    assertFalse(CompactJws.exceedsDepth("[[]]", 2));
    assertTrue(CompactJws.exceedsDepth("[[[]]]", 2));
    assertFalse(CompactJws.exceedsDepth("{\"a\":{\"b\":1}}", 2));
    assertTrue(CompactJws.exceedsDepth("{\"a\":{\"b\":[1]}}", 2));
  }

  @Test
  void closingBracketsGiveTheirLevelBack() {
    assertFalse(CompactJws.exceedsDepth("{\"a\":{},\"b\":{},\"c\":[],\"d\":[[]]}", 3));
    assertFalse(CompactJws.exceedsDepth("[[]][[]][[]][[]]", 2));
  }

  @Test
  void bracketsInsideStringsDoNotCount() {
    assertFalse(CompactJws.exceedsDepth("{\"k\":\"[[[[{{{{\"}", 1));
    assertFalse(CompactJws.exceedsDepth("{\"[[[[\":1}", 1));
    // An escaped quote does not end the string; an escaped backslash does not escape the quote.
    assertFalse(CompactJws.exceedsDepth("{\"k\":\"\\\"[[[[\"}", 1));
    assertTrue(CompactJws.exceedsDepth("{\"k\":\"\\\\\",\"l\":[[1]]}", 2));
  }

  @Test
  void aTooDeeplyNestedClaimsSetIsRefusedBeforeParsing() {
    String deep = encode("{\"a\":" + "[".repeat(16) + "]".repeat(16) + "}");
    String atLimit = encode("{\"a\":" + "[".repeat(15) + "]".repeat(15) + "}");

    assertEquals(Reason.TOO_DEEPLY_NESTED, refusal(HEADER + "." + deep + ".c2ln"));
    assertTrue(
        assertDoesNotRefuse(HEADER + "." + atLimit + ".c2ln"), "16 levels in all are allowed");
  }

  private static boolean assertDoesNotRefuse(String token) {
    try {
      CompactJws.parse(token);
      return true;
    } catch (InvalidTokenException e) {
      return false;
    }
  }

  private static String encode(String json) {
    return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
