package io.logtojee.testsupport.servlet;

import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** An HTTP session for filters and servlets under test: an id, attributes and a lifetime. */
public final class FakeSession {

  private final String id = UUID.randomUUID().toString();
  private final boolean isNew;
  private final Map<String, Object> attributes = new LinkedHashMap<>();
  private int maxInactiveInterval = 1800;
  private boolean invalidated;

  private FakeSession(boolean isNew) {
    this.isNew = isNew;
  }

  /** A session the client already holds. */
  public static FakeSession existing() {
    return new FakeSession(false);
  }

  /** A session created by the request under test. */
  static FakeSession created() {
    return new FakeSession(true);
  }

  public FakeSession with(String name, Object value) {
    attributes.put(name, value);
    return this;
  }

  public boolean isInvalidated() {
    return invalidated;
  }

  public HttpSession asHttpSession() {
    return Fakes.proxy(HttpSession.class, this);
  }

  // ---------------------------------------------------------------- HttpSession

  public String getId() {
    return id;
  }

  public boolean isNew() {
    return isNew;
  }

  public Object getAttribute(String name) {
    checkValid();
    return attributes.get(name);
  }

  public void setAttribute(String name, Object value) {
    checkValid();
    if (value == null) {
      attributes.remove(name);
    } else {
      attributes.put(name, value);
    }
  }

  public void removeAttribute(String name) {
    checkValid();
    attributes.remove(name);
  }

  public Enumeration<String> getAttributeNames() {
    checkValid();
    return Collections.enumeration(attributes.keySet());
  }

  public int getMaxInactiveInterval() {
    return maxInactiveInterval;
  }

  public void setMaxInactiveInterval(int seconds) {
    maxInactiveInterval = seconds;
  }

  public void invalidate() {
    checkValid();
    invalidated = true;
  }

  private void checkValid() {
    if (invalidated) {
      throw new IllegalStateException("The session has been invalidated");
    }
  }
}
