package io.logtojee.testsupport.servlet;

import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP response that records what a filter or servlet answered: status, headers, content type
 * and the text written. {@link #asServletResponse()} hands it out as an {@link
 * HttpServletResponse}; any method not defined here fails the test when called.
 */
public final class FakeResponse {

  private int status = 200;
  private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private String contentType;
  private String characterEncoding = "ISO-8859-1";
  private StringWriter body = new StringWriter();
  private PrintWriter writer;
  private boolean committed;

  public HttpServletResponse asServletResponse() {
    return Fakes.proxy(HttpServletResponse.class, this);
  }

  /** What was written so far. */
  public String body() {
    if (writer != null) {
      writer.flush();
    }
    return body.toString();
  }

  // ---------------------------------------------------------------- HttpServletResponse

  public int getStatus() {
    return status;
  }

  public void setStatus(int status) {
    if (!committed) {
      this.status = status;
    }
  }

  public void setHeader(String name, String value) {
    if (!committed) {
      headers.put(name, new ArrayList<>(List.of(value)));
    }
  }

  public void addHeader(String name, String value) {
    if (!committed) {
      headers.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }
  }

  public String getHeader(String name) {
    List<String> values = headers.get(name);
    return values == null ? null : values.get(0);
  }

  public Collection<String> getHeaders(String name) {
    return List.copyOf(headers.getOrDefault(name, List.of()));
  }

  public Collection<String> getHeaderNames() {
    return List.copyOf(headers.keySet());
  }

  public boolean containsHeader(String name) {
    return headers.containsKey(name);
  }

  public void setContentType(String type) {
    if (!committed) {
      contentType = type;
    }
  }

  public String getContentType() {
    return contentType;
  }

  public void setCharacterEncoding(String encoding) {
    if (!committed) {
      characterEncoding = encoding;
    }
  }

  public String getCharacterEncoding() {
    return characterEncoding;
  }

  public PrintWriter getWriter() {
    if (writer == null) {
      writer = new PrintWriter(body);
    }
    return writer;
  }

  public void resetBuffer() {
    if (committed) {
      throw new IllegalStateException("The response is committed");
    }
    if (writer != null) {
      writer.flush();
    }
    body.getBuffer().setLength(0);
  }

  public void flushBuffer() {
    if (writer != null) {
      writer.flush();
    }
    committed = true;
  }

  public boolean isCommitted() {
    return committed;
  }

  public void sendRedirect(String location) {
    if (committed) {
      throw new IllegalStateException("The response is committed");
    }
    status = 302;
    headers.put("Location", new ArrayList<>(List.of(location)));
    committed = true;
  }
}
