package io.logtojee.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.logtojee.error.CodedException;
import io.logtojee.error.RequestError;

/**
 * Reads request bodies that resources take as text, so that a caller is authenticated before its
 * body is parsed and malformed JSON from an unknown caller cannot tell it anything.
 */
public final class JsonBodies {

  /** Logto's largest payload (an invitation with branding) is far below this. */
  static final int MAX_BODY_CHARS = 64 * 1024;

  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  static {
    JSON.getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength(MAX_BODY_CHARS)
                .build());
  }

  private JsonBodies() {}

  public static <T> T read(String body, Class<T> type) throws JsonProcessingException {
    if (body == null || body.isBlank()) {
      throw new CodedException(RequestError.INVALID_REQUEST, "The request body is empty");
    }
    if (body.length() > MAX_BODY_CHARS) {
      throw new CodedException(
          RequestError.PAYLOAD_TOO_LARGE, "The request body is larger than 64 KiB");
    }
    return JSON.readValue(body, type);
  }
}
