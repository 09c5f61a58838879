package io.logtojee.mail.aliyun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.mail.SendReceipt;
import io.logtojee.net.CappedBody;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DirectMail's answers (aliyun-dm.md §2.4, §2.5) read without a server. */
class DirectMailResponseInterpreterTest {
  private static final String REQUEST_ID = "2D086F6-1111-2222-3333-006DED011A85";

  private static DirectMailAttempt interpret(int status, String body) {
    return DirectMailResponseInterpreter.interpret(
        status, new CappedBody(body.getBytes(StandardCharsets.UTF_8), false));
  }

  private static String vendorError(String code, String message) {
    return "{\"RequestId\":\""
        + REQUEST_ID
        + "\",\"HostId\":\"dm.aliyuncs.com\",\"Code\":\""
        + code
        + "\",\"Message\":\""
        + message
        + "\",\"Recommend\":\"https://api.aliyun.com/troubleshoot?q="
        + code
        + "\"}";
  }

  private static DirectMailAttempt.Failed failed(DirectMailAttempt attempt) {
    return assertInstanceOf(DirectMailAttempt.Failed.class, attempt);
  }

  @Test
  void aSuccessBodyBecomesTheReceipt() {
    DirectMailAttempt attempt =
        interpret(200, "{\"EnvId\":\"600000123456789642\",\"RequestId\":\"" + REQUEST_ID + "\"}");
    DirectMailAttempt.Accepted accepted =
        assertInstanceOf(DirectMailAttempt.Accepted.class, attempt);
    assertEquals(new SendReceipt("600000123456789642", REQUEST_ID), accepted.receipt());
  }

  @Test
  void aSuccessWithoutEnvIdIsAnUnknownOutcomeKeepingTheRequestId() {
    DirectMailAttempt.Failed failed =
        failed(interpret(200, "{\"RequestId\":\"" + REQUEST_ID + "\"}"));
    MailException e = failed.error();
    assertEquals(MailErrorCode.OUTCOME_UNKNOWN, e.code());
    assertEquals(
        "DirectMail answered HTTP 200 without an EnvId; the mail may have been sent.",
        e.getMessage());
    assertEquals(Optional.of(REQUEST_ID), e.providerRequestId());
    assertFalse(failed.retriable());
  }

  @Test
  void aForeignPageIsAnUnknownOutcome() {
    DirectMailAttempt.Failed failed = failed(interpret(200, "<html>maintenance</html>"));
    assertEquals(MailErrorCode.OUTCOME_UNKNOWN, failed.error().code());
    assertEquals(Optional.empty(), failed.error().providerRequestId());
    assertFalse(failed.retriable());
  }

  @Test
  void aCutOffBodyIsNotReadEvenIfItStartsLikeASuccess() {
    byte[] prefix = "{\"EnvId\":\"1\",\"RequestId\":\"2\"}".getBytes(StandardCharsets.UTF_8);
    DirectMailAttempt.Failed failed =
        failed(DirectMailResponseInterpreter.interpret(200, new CappedBody(prefix, true)));
    assertEquals(MailErrorCode.OUTCOME_UNKNOWN, failed.error().code());
    assertFalse(failed.retriable());
  }

  @Test
  void aRedirectIsRejectedAndNotRetried() {
    DirectMailAttempt.Failed failed = failed(interpret(302, ""));
    assertEquals(MailErrorCode.PROVIDER_REJECTED, failed.error().code());
    assertEquals(
        "DirectMail answered with a redirect (HTTP 302), which is not followed.",
        failed.error().getMessage());
    assertFalse(failed.retriable());
  }

  @ParameterizedTest
  @CsvSource({
    "400, InvalidToAddress, INVALID_RECIPIENT, false, false, false",
    "400, InvalidToAddress.Spam, INVALID_RECIPIENT, false, false, false",
    "400, EmailLengthError, INVALID_RECIPIENT, false, false, false",
    "400, InvalidSendMail.Spam, PROVIDER_REJECTED, false, false, false",
    "400, SignatureNonceUsed, PROVIDER_REJECTED, false, false, false",
    "400, InvalidTimeStamp.Expired, PROVIDER_REJECTED, false, false, false",
    "404, InvalidMailAddress.NotFound, INVALID_CONFIG, false, false, false",
    "403, SignatureDoesNotMatch, INVALID_CONFIG, false, false, false",
    "404, InvalidAccessKeyId.NotFound, INVALID_CONFIG, false, false, false",
    "403, Forbidden.RAM, INVALID_CONFIG, false, false, false",
    "400, Throttling.User, RATE_LIMITED, true, true, false",
    "400, Throttling, RATE_LIMITED, true, true, false",
    "500, InternalError, PROVIDER_UNAVAILABLE, true, false, true",
    "500, InternalServiceError, PROVIDER_UNAVAILABLE, true, false, true",
    "503, ServiceUnavailable, PROVIDER_UNAVAILABLE, true, false, true",
    "500, SomethingNew, PROVIDER_UNAVAILABLE, true, false, true",
    "400, SomethingNew, PROVIDER_REJECTED, false, false, false",
    "500, InvalidToAddress, INVALID_RECIPIENT, false, false, false",
    "503, Throttling.User, RATE_LIMITED, true, true, false"
  })
  void aVendorErrorIsMappedByItsCode(
      int status,
      String code,
      MailErrorCode expected,
      boolean retriable,
      boolean throttled,
      boolean mayHaveBeenSent) {
    DirectMailAttempt.Failed failed = failed(interpret(status, vendorError(code, "whatever")));
    MailException e = failed.error();
    assertEquals(expected, e.code());
    assertEquals(Optional.of(code), e.providerCode());
    assertEquals(Optional.of(REQUEST_ID), e.providerRequestId());
    assertEquals(DirectMailErrors.message(expected, code, status), e.getMessage());
    assertEquals(retriable, failed.retriable());
    assertEquals(throttled, failed.throttled());
    assertEquals(mayHaveBeenSent, e.mayHaveBeenSent(), "only a server error may have taken it");
    assertEquals(throttled ? Optional.of(Duration.ofSeconds(1)) : Optional.empty(), e.retryAfter());
  }

  @Test
  void theMessagesNameTheCodeAndNeverTheVendorMessage() {
    String quotesTheForm = "server string to sign is:POST&%2F&HtmlBody%3DYour%2520code%2520482913";
    DirectMailAttempt.Failed failed =
        failed(interpret(403, vendorError("SignatureDoesNotMatch", quotesTheForm)));
    assertEquals(
        "DirectMail refused the sender configuration (SignatureDoesNotMatch).",
        failed.error().getMessage());
    assertFalse(failed.error().getMessage().contains("482913"));
    assertEquals(
        "DirectMail refused the recipient address (InvalidToAddress).",
        failed(interpret(400, vendorError("InvalidToAddress", "x"))).error().getMessage());
    assertEquals(
        "DirectMail is throttling requests (Throttling.User); try again later.",
        failed(interpret(400, vendorError("Throttling.User", "x"))).error().getMessage());
  }

  @Test
  void anUnreadableServerErrorIsRetriableUnavailabilityNamedByItsStatus() {
    DirectMailAttempt.Failed failed = failed(interpret(502, "Bad Gateway"));
    assertEquals(MailErrorCode.PROVIDER_UNAVAILABLE, failed.error().code());
    assertEquals(Optional.empty(), failed.error().providerCode());
    assertEquals(
        "DirectMail is unavailable (HTTP 502); try again later.", failed.error().getMessage());
    assertTrue(failed.retriable());
    assertFalse(failed.throttled());
    assertTrue(failed.error().mayHaveBeenSent());
  }

  @Test
  void fieldsThatAreNotShortIdentifiersAreIgnored() {
    String body =
        "{\"RequestId\":\"has spaces and <html>\",\"Code\":\""
            + "x".repeat(101)
            + "\",\"EnvId\":42}";
    DirectMailAttempt.Failed failed = failed(interpret(400, body));
    assertEquals(Optional.empty(), failed.error().providerRequestId());
    assertEquals(Optional.empty(), failed.error().providerCode());
    assertEquals(MailErrorCode.PROVIDER_REJECTED, failed.error().code());

    DirectMailAttempt.Failed numericEnvId =
        failed(interpret(200, "{\"EnvId\":42,\"RequestId\":\"" + REQUEST_ID + "\"}"));
    assertEquals(MailErrorCode.OUTCOME_UNKNOWN, numericEnvId.error().code());
  }

  @Test
  void aJsonArrayIsNotAnAnswer() {
    DirectMailAttempt.Failed failed = failed(interpret(503, "[{\"Code\":\"Throttling\"}]"));
    assertEquals(MailErrorCode.PROVIDER_UNAVAILABLE, failed.error().code());
    assertEquals(Optional.empty(), failed.error().providerCode());
  }
}
