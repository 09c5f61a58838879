package io.logtojee.web;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one validator for every place a caller can influence where the browser goes next ({@code
 * returnTo}, the post-sign-in target). Only a path to a page of this application passes: browsers
 * turn {@code \} into {@code /}, drop tabs and newlines and resolve dot segments, so {@code
 * /\evil.test}, {@code /%09/evil.test} or {@code /./sign-out} would otherwise leave the origin
 * (CVE-2026-82464 in pac4j's logout) or land on an endpoint with effects right after sign-in.
 */
public final class RedirectTargets {

  /** A single leading slash, then only characters that cannot start an authority or escape. */
  private static final Pattern SAFE_PATH =
      Pattern.compile("/(?![/\\\\])[A-Za-z0-9\\-._~/?=&+,:@!$*()']{0,511}");

  /** Endpoints that act rather than show a page: returning to one would loop or undo a sign-in. */
  private static final Set<String> ENDPOINTS_WITH_EFFECTS =
      Set.of("/callback", "/sign-in", "/sign-up", "/sign-out");

  /** Everything under here is an API call, never a page to return to. */
  private static final String API = "/api";

  private RedirectTargets() {}

  /**
   * Returns {@code candidate}, normalised as a browser would resolve it, if it is a page of this
   * application, else empty. The value is taken as the servlet container decoded it (once);
   * anything still containing {@code %} (so no encoded slash, backslash or dot survives), a
   * backslash, a control character or white space is refused rather than decoded again.
   */
  public static Optional<String> safePath(String candidate) {
    if (candidate == null || !SAFE_PATH.matcher(candidate).matches()) {
      return Optional.empty();
    }
    int query = candidate.indexOf('?');
    String pathOnly = query >= 0 ? candidate.substring(0, query) : candidate;
    String suffix = query >= 0 ? candidate.substring(query) : "";
    Optional<String> normalised = normalise(pathOnly);
    if (normalised.isEmpty() || hasEffects(normalised.get())) {
      return Optional.empty();
    }
    return Optional.of(normalised.get() + suffix);
  }

  /** {@link #safePath} or {@code /}. */
  public static String safePathOrHome(String candidate) {
    return safePath(candidate).orElse("/");
  }

  /** Resolves {@code .} and {@code ..} segments and repeated slashes; empty if it climbs out. */
  private static Optional<String> normalise(String path) {
    Deque<String> segments = new ArrayDeque<>();
    String[] parts = path.split("/", -1);
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i];
      boolean last = i == parts.length - 1;
      if (part.equals("..")) {
        if (segments.isEmpty()) {
          return Optional.empty();
        }
        segments.removeLast();
        if (last) {
          segments.addLast("");
        }
      } else if (part.equals(".") || (part.isEmpty() && !last)) {
        if (last) {
          segments.addLast("");
        }
      } else {
        segments.addLast(part);
      }
    }
    return Optional.of("/" + String.join("/", segments));
  }

  private static boolean hasEffects(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    String withoutTrailingSlash =
        lower.length() > 1 && lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    return ENDPOINTS_WITH_EFFECTS.contains(withoutTrailingSlash)
        || withoutTrailingSlash.equals(API)
        || lower.startsWith(API + "/");
  }
}
