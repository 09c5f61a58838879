package io.logtojee.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.logtojee.error.CodedException;
import io.logtojee.error.RequestError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

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

  /**
   * Reads a body that the resource has not read yet, at most {@link #MAX_BODY_CHARS} bytes of it,
   * so that a caller can be checked before a byte is read.
   */
  public static <T> T read(InputStream body, Class<T> type) throws IOException {
    byte[] bytes = body == null ? new byte[0] : body.readNBytes(MAX_BODY_CHARS + 1);
    if (bytes.length > MAX_BODY_CHARS) {
      throw new CodedException(
          RequestError.PAYLOAD_TOO_LARGE, "The request body is larger than 64 KiB");
    }
    return read(new String(bytes, StandardCharsets.UTF_8), type);
  }
}
