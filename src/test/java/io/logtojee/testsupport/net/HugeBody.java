package io.logtojee.testsupport.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a request whose chunked body is far larger than the server's heap, the way an attacker
 * would: generated on the fly, never held in memory, and stopped as soon as the server answers.
 * Plain sockets, because an HTTP client would not show what the server answered before it stopped
 * reading.
 */
public final class HugeBody {

  /** What the server answered, and how much of the body it took before answering. */
  public record Answer(int status, Map<String, String> headers, String body, long bytesSent) {}

  private static final int CHUNK = 64 * 1024;

  private HugeBody() {}

  /**
   * POSTs {@code totalBytes} of {@code filler} as a chunked body to {@code uri}.
   *
   * @param headers extra request headers, such as Content-Type
   */
  public static Answer post(URI uri, Map<String, String> headers, long totalBytes, byte filler)
      throws IOException {
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      StringBuilder head =
          new StringBuilder("POST ")
              .append(uri.getRawPath())
              .append(" HTTP/1.1\r\nHost: ")
              .append(uri.getHost())
              .append(':')
              .append(uri.getPort())
              .append("\r\nTransfer-Encoding: chunked\r\nAccept: application/json\r\n");
      headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[CHUNK];
      Arrays.fill(chunk, filler);
      byte[] chunkHead = (Integer.toHexString(CHUNK) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      long sent = 0;
      try {
        while (sent < totalBytes && in.available() == 0) {
          out.write(chunkHead);
          out.write(chunk);
          out.write('\r');
          out.write('\n');
          sent += CHUNK;
        }
        if (sent >= totalBytes) {
          out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
      } catch (IOException serverStoppedReading) {
        // Expected: the server answered and closed; its answer is still to be read.
      }
      return read(in, sent);
    }
  }

  private static Answer read(InputStream in, long sent) throws IOException {
    String statusLine = line(in);
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (headers.containsKey("content-length")) {
      body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; ) {
        body.write(in.readNBytes(size));
        line(in);
        size = Integer.parseInt(line(in).trim(), 16);
      }
    }
    return new Answer(status, headers, body.toString(StandardCharsets.UTF_8), sent);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int next = in.read(); next != '\n'; next = in.read()) {
      if (next < 0) {
        throw new IOException("The server closed the connection without an answer");
      }
      if (next != '\r') {
        line.write(next);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }
}
