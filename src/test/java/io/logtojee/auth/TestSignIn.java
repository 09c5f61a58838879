package io.logtojee.auth;

import io.logtojee.auth.session.InMemorySessionDirectory;
import io.logtojee.config.AppSettings;

/** A {@link LogtoSignIn} wired the way the composition root wires it, for unit tests. */
final class TestSignIn {

  private TestSignIn() {}

  static LogtoSignIn of(AppSettings settings) {
    return new LogtoSignIn(
        settings.logto(),
        settings.sessions(),
        LogtoKeys.forTenant(settings.logto()),
        new InMemorySessionDirectory());
  }
}
