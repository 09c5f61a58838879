package io.logtojee.mail.aliyun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.mail.SendReceipt;
import io.logtojee.net.CappedBody;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Reads DirectMail's answer to one attempt: {@code EnvId}/{@code RequestId} on success, otherwise
 * {@code Code}/{@code RequestId} mapped by {@link DirectMailErrors} (aliyun-dm.md §2.4, §2.5).
 *
 * <p>It is separate from the HTTP exchange so the mapping can be tested with plain bodies, without
 * a server. Only short identifier-like fields are taken from the answer; the vendor's {@code
 * Message} is never used, because for {@code SignatureDoesNotMatch} it quotes the whole form, code
 * included.
 */
final class DirectMailResponseInterpreter {
  /** How long a throttled caller is told to wait; DirectMail's answer carries no such hint. */
  static final Duration THROTTLED_RETRY_AFTER = Duration.ofSeconds(1);

  private static final Pattern PROVIDER_TOKEN = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private DirectMailResponseInterpreter() {}

  /** The attempt's result, given the HTTP status and the (possibly cut off) body. */
  static DirectMailAttempt interpret(int status, CappedBody body) {
    // A cut-off body is not DirectMail's; reading it could only mislead.
    JsonNode answer = body.truncated() ? null : parse(body.bytes());
    String requestId = token(answer, "RequestId");
    if (status >= 200 && status < 300) {
      String envId = token(answer, "EnvId");
      if (envId != null && requestId != null) {
        return new DirectMailAttempt.Accepted(new SendReceipt(envId, requestId));
      }
      // Something answered "OK" without proof of acceptance, e.g. a proxy's maintenance page; the
      // request did arrive somewhere, so a resend could duplicate the mail.
      return new DirectMailAttempt.Failed(
          new MailException(
              MailErrorCode.OUTCOME_UNKNOWN,
              "DirectMail answered HTTP "
                  + status
                  + " without an EnvId; the mail may have been sent.",
              null,
              requestId,
              null,
              null),
          false,
          false);
    }
    String code = token(answer, "Code");
    if (status >= 300 && status < 400) {
      return new DirectMailAttempt.Failed(
          new MailException(
              MailErrorCode.PROVIDER_REJECTED,
              "DirectMail answered with a redirect (HTTP " + status + "), which is not followed.",
              null,
              requestId,
              null,
              null),
          false,
          false);
    }
    DirectMailErrors.Classification classification = DirectMailErrors.classify(status, code);
    MailException error =
        new MailException(
            classification.code(),
            DirectMailErrors.message(classification.code(), code, status),
            code,
            requestId,
            classification.throttled() ? THROTTLED_RETRY_AFTER : null,
            null,
            classification.mayHaveBeenSent());
    return new DirectMailAttempt.Failed(
        error, classification.retriable(), classification.throttled());
  }

  private static JsonNode parse(byte[] bytes) {
    try {
      JsonNode node = JSON.readTree(bytes);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** A short identifier-like field, or null; anything else from the wire is not trusted. */
  private static String token(JsonNode answer, String field) {
    if (answer == null) {
      return null;
    }
    JsonNode value = answer.get(field);
    if (value == null || !value.isTextual()) {
      return null;
    }
    String text = value.asText();
    return PROVIDER_TOKEN.matcher(text).matches() ? text : null;
  }
}
