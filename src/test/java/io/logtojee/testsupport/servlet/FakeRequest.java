package io.logtojee.testsupport.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP request for filters and servlets under test: method, path, parameters, headers,
 * attributes and an optional session, nothing else. {@link #asServletRequest()} hands it out as an
 * {@link HttpServletRequest}; any method not defined here fails the test when called.
 */
public final class FakeRequest {

  private final String method;
  private final String servletPath;
  private final Map<String, List<String>> parameters = new LinkedHashMap<>();
  private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final Map<String, Object> attributes = new LinkedHashMap<>();
  private FakeSession session;
  private final List<HttpSessionIdListener> idListeners = new ArrayList<>();
  private String remoteAddr = "192.0.2.10";

  private FakeRequest(String method, String servletPath) {
    this.method = method;
    this.servletPath = servletPath;
  }

  public static FakeRequest get(String servletPath) {
    return new FakeRequest("GET", servletPath);
  }

  public static FakeRequest post(String servletPath) {
    return new FakeRequest("POST", servletPath);
  }

  public static FakeRequest of(String method, String servletPath) {
    return new FakeRequest(method, servletPath);
  }

  /** Adds a query or form parameter; several values make it a repeated parameter. */
  public FakeRequest param(String name, String... values) {
    parameters.computeIfAbsent(name, key -> new ArrayList<>()).addAll(List.of(values));
    return this;
  }

  public FakeRequest header(String name, String value) {
    headers.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    return this;
  }

  public FakeRequest attribute(String name, Object value) {
    setAttribute(name, value);
    return this;
  }

  public FakeRequest withSession(FakeSession session) {
    this.session = session;
    return this;
  }

  /** Listeners told of {@link #changeSessionId()}, as the container tells the application's. */
  public FakeRequest notifying(HttpSessionIdListener... listeners) {
    idListeners.addAll(List.of(listeners));
    return this;
  }

  public FakeRequest remoteAddr(String address) {
    this.remoteAddr = address;
    return this;
  }

  /** The session the request has now, possibly one it created; null when it has none. */
  public FakeSession session() {
    return session;
  }

  public HttpServletRequest asServletRequest() {
    return Fakes.proxy(HttpServletRequest.class, this);
  }

  // ---------------------------------------------------------------- HttpServletRequest

  public String getMethod() {
    return method;
  }

  public String getServletPath() {
    return servletPath;
  }

  public String getContextPath() {
    return "";
  }

  public String getPathInfo() {
    return null;
  }

  public String getRequestURI() {
    return servletPath;
  }

  public String getScheme() {
    return "https";
  }

  public String getServerName() {
    return "app.example.test";
  }

  public int getServerPort() {
    return 443;
  }

  public StringBuffer getRequestURL() {
    return new StringBuffer(getScheme() + "://" + getServerName() + getRequestURI());
  }

  /** The parameters as a query string, as a GET's would be; null without any. */
  public String getQueryString() {
    if (parameters.isEmpty()) {
      return null;
    }
    StringBuilder query = new StringBuilder();
    parameters.forEach(
        (name, values) ->
            values.forEach(
                value ->
                    query
                        .append(query.length() == 0 ? "" : "&")
                        .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8))));
    return query.toString();
  }

  public boolean isSecure() {
    return true;
  }

  public String getRemoteAddr() {
    return remoteAddr;
  }

  public Map<String, String[]> getParameterMap() {
    Map<String, String[]> map = new LinkedHashMap<>();
    parameters.forEach((name, values) -> map.put(name, values.toArray(String[]::new)));
    return Collections.unmodifiableMap(map);
  }

  public String getParameter(String name) {
    List<String> values = parameters.get(name);
    return values == null ? null : values.get(0);
  }

  public String[] getParameterValues(String name) {
    List<String> values = parameters.get(name);
    return values == null ? null : values.toArray(String[]::new);
  }

  public Enumeration<String> getParameterNames() {
    return Collections.enumeration(parameters.keySet());
  }

  public String getHeader(String name) {
    List<String> values = headers.get(name);
    return values == null ? null : values.get(0);
  }

  public Enumeration<String> getHeaders(String name) {
    return Collections.enumeration(headers.getOrDefault(name, List.of()));
  }

  public Enumeration<String> getHeaderNames() {
    return Collections.enumeration(headers.keySet());
  }

  public Object getAttribute(String name) {
    return attributes.get(name);
  }

  public void setAttribute(String name, Object value) {
    if (value == null) {
      attributes.remove(name);
    } else {
      attributes.put(name, value);
    }
  }

  public void removeAttribute(String name) {
    attributes.remove(name);
  }

  public Enumeration<String> getAttributeNames() {
    return Collections.enumeration(attributes.keySet());
  }

  public HttpSession getSession() {
    return getSession(true);
  }

  public HttpSession getSession(boolean create) {
    if (session != null && session.isInvalidated()) {
      session = null;
    }
    if (session == null && create) {
      session = FakeSession.created();
    }
    return session == null ? null : session.asHttpSession();
  }

  /** As the servlet API says: a new id for the same session, listeners told, or no session. */
  public String changeSessionId() {
    if (session == null || session.isInvalidated()) {
      throw new IllegalStateException("The request has no session");
    }
    String oldId = session.changeId();
    HttpSessionEvent event = new HttpSessionEvent(session.asHttpSession());
    idListeners.forEach(listener -> listener.sessionIdChanged(event, oldId));
    return session.getId();
  }

  @Override
  public String toString() {
    return method + " " + servletPath + " " + parameters.keySet();
  }
}
