package io.logtojee.mail.config;

/**
 * Which endpoint overrides a configuration may name. The configured endpoint receives every code
 * and recipient, so only DirectMail's own hosts ({@code https://*.aliyuncs.com}) are accepted.
 *
 * @param allowInsecureLoopback a deployment-level switch for tests and demos, never read from the
 *     JSON: additionally accept {@code http(s)://127.0.0.1}, {@code localhost} or {@code [::1]} on
 *     any port
 */
public record EndpointPolicy(boolean allowInsecureLoopback) {
  /** Aliyun hosts only. */
  public static EndpointPolicy strict() {
    return new EndpointPolicy(false);
  }

  /** Aliyun hosts plus loopback over plain HTTP, for tests and the demo. */
  public static EndpointPolicy allowingLoopbackForTests() {
    return new EndpointPolicy(true);
  }
}
