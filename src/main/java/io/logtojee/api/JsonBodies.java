package io.logtojee.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.logtojee.api.error.ApiError;
import jakarta.ws.rs.WebApplicationException;

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
      throw new WebApplicationException(
          ApiError.of("invalid_json", "The request body is empty").toResponse(400));
    }
    if (body.length() > MAX_BODY_CHARS) {
      throw new WebApplicationException(
          ApiError.of("payload_too_large", "The request body is larger than 64 KiB")
              .toResponse(413));
    }
    return JSON.readValue(body, type);
  }
}
