package io.logtojee.mail.template;

import java.time.Instant;

/**
 * How the Logto template source stands, for the admin console.
 *
 * @param configured whether a machine-to-machine app is set up
 * @param lastFetchedAt when Logto's templates were last fetched successfully, or null if never
 * @param lastErrorCode why the latest fetch failed (e.g. {@code unreachable}), or null if it
 *     succeeded or none ran yet
 * @param serving whether fetched templates are in use; false before the first good fetch and once
 *     the last good one is too old
 * @param fallbackLanguage the sign-in experience's fallback language of the last good fetch, or
 *     null
 * @param templateCount how many of Logto's templates are in use
 */
public record LogtoTemplatesStatus(
    boolean configured,
    Instant lastFetchedAt,
    String lastErrorCode,
    boolean serving,
    String fallbackLanguage,
    int templateCount) {

  public static final LogtoTemplatesStatus NOT_CONFIGURED =
      new LogtoTemplatesStatus(false, null, null, false, null, 0);
}
