package io.logtojee.testsupport.op;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as the {@link TestOpenIdProvider} received it, kept so tests can assert what the
 * relying party sent (PKCE, client authentication, where the access token went) and what it did not
 * send (no UserInfo call after a rejected ID token).
 *
 * @param seq order of arrival, starting at 1
 * @param at arrival time
 * @param method HTTP method
 * @param path request path without the query
 * @param query query parameters
 * @param form body parameters of a form or JSON body (empty otherwise)
 * @param headers request headers, names in lower case
 * @param body the raw body as text (empty when none)
 */
public record RecordedRequest(
    long seq,
    Instant at,
    String method,
    String path,
    Map<String, List<String>> query,
    Map<String, List<String>> form,
    Map<String, List<String>> headers,
    String body) {

  /** Makes the maps immutable. */
  public RecordedRequest {
    query = Map.copyOf(query);
    form = Map.copyOf(form);
    headers = Map.copyOf(headers);
  }

  /** The first value of a query parameter, or null. */
  public String queryParam(String name) {
    return first(query, name);
  }

  /** The first value of a body parameter, or null. */
  public String formParam(String name) {
    return first(form, name);
  }

  /** The first value of a header (name matched case-insensitively), or null. */
  public String header(String name) {
    return first(headers, name.toLowerCase(Locale.ROOT));
  }

  /** A parameter from the query or, failing that, from the body. */
  public String param(String name) {
    String value = queryParam(name);
    return value != null ? value : formParam(name);
  }

  private static String first(Map<String, List<String>> map, String name) {
    List<String> values = map.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
