package io.logtojee.api.security;

import io.logtojee.auth.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * Who is signed in on a request's browser session; never creates a session. In production this is
 * {@code CurrentUser::of}; a test hands in its own answer.
 */
@FunctionalInterface
public interface SessionLookup {

  Optional<SignedInUser> signedIn(HttpServletRequest request, HttpServletResponse response);
}
