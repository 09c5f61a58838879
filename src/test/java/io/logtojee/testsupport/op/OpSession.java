package io.logtojee.testsupport.op;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A sign-in at the provider, identified by the {@code sid} claim and the {@link #COOKIE} cookie. It
 * remembers the clients and grants it served because ending it must revoke those grants and tell
 * those clients on the back channel.
 */
final class OpSession {
  /** The cookie that lets a later authorization request reuse the sign-in. */
  static final String COOKIE = "_session";

  final String sid;
  final TestUser user;
  final Set<String> clientIds = new LinkedHashSet<>();
  final Set<String> grantIds = new LinkedHashSet<>();
  boolean ended;

  OpSession(String sid, TestUser user) {
    this.sid = sid;
    this.user = user;
  }
}
