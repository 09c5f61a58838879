package io.logtojee.testsupport.dm;

import java.time.Instant;
import java.util.Map;

/**
 * A mail {@link FakeDirectMail} accepted, with the decoded form fields.
 *
 * @param parameters every received parameter, Signature included
 */
public record RecordedMail(
    String toAddress,
    String subject,
    String htmlBody,
    String fromAlias,
    String accountName,
    String regionId,
    String nonce,
    String envId,
    String requestId,
    Instant receivedAt,
    Map<String, String> parameters) {
  public RecordedMail {
    parameters = Map.copyOf(parameters);
  }
}
