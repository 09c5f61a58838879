package io.logtojee.mail.template.logto;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Logto's Management API: the tenant, the machine-to-machine app granted the API, the
 * API's resource indicator, how often templates are fetched again, and the timeouts of each call.
 *
 * @param logtoEndpoint the tenant endpoint (the issuer without {@code /oidc}), no trailing slash
 * @param appId the machine-to-machine app's id
 * @param appSecret its secret; never logged, see {@link #toString()}
 * @param resource the Management API's resource indicator, e.g. {@code
 *     https://default.logto.app/api} for Logto OSS
 * @param refreshInterval how long fetched templates count as current (their time to live)
 * @param connectTimeout bound of connecting to Logto
 * @param readTimeout bound of waiting for one complete answer
 */
public record LogtoTemplateOptions(
    String logtoEndpoint,
    String appId,
    String appSecret,
    String resource,
    Duration refreshInterval,
    Duration connectTimeout,
    Duration readTimeout) {

  /** The resource indicator of a self-hosted Logto's Management API (tenant {@code default}). */
  public static final String OSS_MANAGEMENT_API_RESOURCE = "https://default.logto.app/api";

  /** The only scope of Logto's Management API: everything. */
  public static final String MANAGEMENT_API_SCOPE = "all";

  public LogtoTemplateOptions {
    Objects.requireNonNull(logtoEndpoint, "logtoEndpoint");
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(appSecret, "appSecret");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(refreshInterval, "refreshInterval");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    while (logtoEndpoint.endsWith("/")) {
      logtoEndpoint = logtoEndpoint.substring(0, logtoEndpoint.length() - 1);
    }
  }

  URI tokenEndpoint() {
    return URI.create(logtoEndpoint + "/oidc/token");
  }

  URI api(String pathAndQuery) {
    return URI.create(logtoEndpoint + "/api" + pathAndQuery);
  }

  /** Leaves out the secret. */
  @Override
  public String toString() {
    return "LogtoTemplateOptions[endpoint="
        + logtoEndpoint
        + ", appId="
        + appId
        + ", appSecret=(set), resource="
        + resource
        + ", refreshInterval="
        + refreshInterval
        + "]";
  }
}
