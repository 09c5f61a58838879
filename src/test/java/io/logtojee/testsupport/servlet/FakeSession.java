package io.logtojee.testsupport.servlet;

import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An HTTP session for filters and servlets under test: an id, attributes and a lifetime. It records
 * the ids it had before and how often it was invalidated, so tests can tell an id change from a new
 * session.
 */
public final class FakeSession {

  private String id = UUID.randomUUID().toString();
  private final List<String> previousIds = new ArrayList<>();
  private final boolean isNew;
  private final Map<String, Object> attributes = new LinkedHashMap<>();
  private int maxInactiveInterval = 1800;
  private boolean invalidated;
  private int invalidateCalls;

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

  /** How often {@code invalidate()} was called, successfully or not. */
  public int invalidateCalls() {
    return invalidateCalls;
  }

  /** The ids this session had before, oldest first. */
  public List<String> previousIds() {
    return List.copyOf(previousIds);
  }

  /** The attributes as they are now, in the order they were first set. */
  public Map<String, Object> attributes() {
    checkValid();
    return Collections.unmodifiableMap(attributes);
  }

  /** What {@code HttpServletRequest.changeSessionId()} does to the session; returns the old id. */
  String changeId() {
    checkValid();
    String old = id;
    previousIds.add(old);
    id = UUID.randomUUID().toString();
    return old;
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
    invalidateCalls++;
    checkValid();
    invalidated = true;
  }

  private void checkValid() {
    if (invalidated) {
      throw new IllegalStateException("The session has been invalidated");
    }
  }
}
