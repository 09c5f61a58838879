package io.logtojee.api.error;

import io.logtojee.error.CodedException;
import io.logtojee.error.RequestError;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Caps every request body of the API while it streams, before anything reads it into memory: a
 * declared {@code Content-Length} over the cap is refused at once, and a chunked body is cut off at
 * the cap. Either way the answer is 413 in the API's JSON shape, whoever the caller is.
 */
@PreMatching
@Priority(1)
public final class RequestBodyLimit implements ContainerRequestFilter {

  private final long maxBytes;

  /**
   * @param maxBytes the largest body any endpoint accepts
   */
  public RequestBodyLimit(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String declared = request.getHeaderString("Content-Length");
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        throw new CodedException(RequestError.INVALID_REQUEST, "Content-Length is not a number");
      }
      if (length > maxBytes) {
        throw tooLarge();
      }
    }
    if (request.hasEntity()) {
      request.setEntityStream(new Capped(request.getEntityStream(), maxBytes));
    }
  }

  private CodedException tooLarge() {
    return new CodedException(
        RequestError.PAYLOAD_TOO_LARGE,
        "The request body is larger than " + (maxBytes / 1024) + " KiB");
  }

  /** Counts what is read and stops the reader at the cap. */
  private final class Capped extends FilterInputStream {
    private long remaining;

    Capped(InputStream in, long maxBytes) {
      super(in);
      this.remaining = maxBytes;
    }

    @Override
    public int read() throws IOException {
      int next = super.read();
      if (next >= 0) {
        consumed(1);
      }
      return next;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int read = super.read(buffer, offset, (int) Math.min(length, Math.max(1, remaining + 1)));
      if (read > 0) {
        consumed(read);
      }
      return read;
    }

    private void consumed(int bytes) {
      remaining -= bytes;
      if (remaining < 0) {
        throw tooLarge();
      }
    }
  }
}
