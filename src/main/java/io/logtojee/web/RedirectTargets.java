package io.logtojee.web;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one validator for every place a caller can influence where the browser goes next ({@code
 * returnTo}, the post-sign-in target). Only a path inside this application passes: browsers turn
 * {@code \} into {@code /} and drop tabs and newlines, so {@code /\evil.test} and {@code
 * /%09/evil.test} would otherwise leave the origin (CVE-2026-82464 in pac4j's logout).
 */
public final class RedirectTargets {

  /** A single leading slash, then only characters that cannot start an authority or escape. */
  private static final Pattern SAFE_PATH =
      Pattern.compile("/(?![/\\\\])[A-Za-z0-9\\-._~/?=&+,:@!$*()']{0,511}");

  /** Paths that would loop or undo the sign-in. */
  private static final Set<String> NOT_TARGETS =
      Set.of("/callback", "/sign-in", "/sign-up", "/sign-out");

  private RedirectTargets() {}

  /**
   * Returns {@code candidate} if it is a safe same-application path, else empty. The value is taken
   * as the servlet container decoded it (once); anything still containing {@code %}, a backslash, a
   * control character or white space is refused rather than decoded again.
   */
  public static Optional<String> safePath(String candidate) {
    if (candidate == null || !SAFE_PATH.matcher(candidate).matches()) {
      return Optional.empty();
    }
    String path = candidate;
    int query = path.indexOf('?');
    String pathOnly = query >= 0 ? path.substring(0, query) : path;
    if (NOT_TARGETS.contains(pathOnly) || pathOnly.contains("/../") || pathOnly.endsWith("/..")) {
      return Optional.empty();
    }
    return Optional.of(path);
  }

  /** {@link #safePath} or {@code /}. */
  public static String safePathOrHome(String candidate) {
    return safePath(candidate).orElse("/");
  }
}
