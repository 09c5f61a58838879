package io.logtojee.testsupport.dm;

import java.util.Map;

/**
 * Any request {@link FakeDirectMail} received on its API path, with its answer.
 *
 * @param method GET or POST
 * @param parameters the decoded parameters
 * @param status the HTTP status answered, or 0 when the connection was dropped or held
 * @param code the error Code answered, or null on success
 */
public record ReceivedCall(String method, Map<String, String> parameters, int status, String code) {
  public ReceivedCall {
    parameters = Map.copyOf(parameters);
  }

  /** The SignatureNonce sent, or null. */
  public String nonce() {
    return parameters.get("SignatureNonce");
  }
}
