package io.logtojee.testsupport.servlet;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/** The rest of a filter chain: records whether the filter under test passed the request on. */
public final class FakeChain implements FilterChain {

  private int calls;
  private ServletRequest lastRequest;

  @Override
  public void doFilter(ServletRequest request, ServletResponse response) {
    calls++;
    lastRequest = request;
  }

  public boolean wasCalled() {
    return calls > 0;
  }

  public int calls() {
    return calls;
  }

  public ServletRequest lastRequest() {
    return lastRequest;
  }
}
