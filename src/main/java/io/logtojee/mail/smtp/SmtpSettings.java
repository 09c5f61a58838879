package io.logtojee.mail.smtp;

import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLSocketFactory;

/**
 * Deployment-level SMTP settings; the account, password and region come from the mail config.
 *
 * @param hostOverride the SMTP host, or null for the region's DirectMail SMTP host
 * @param port 465 (implicit TLS) unless a test says otherwise
 * @param connectTimeout TCP connect timeout (Jakarta Mail's default is infinite)
 * @param readTimeout socket read timeout
 * @param writeTimeout socket write timeout
 * @param socketFactory the TLS socket factory, or null for the JVM's default trust; tests pass one
 *     that trusts their local server
 * @param checkServerIdentity whether the certificate must name the host; only tests turn it off
 */
public record SmtpSettings(
    String hostOverride,
    int port,
    Duration connectTimeout,
    Duration readTimeout,
    Duration writeTimeout,
    SSLSocketFactory socketFactory,
    boolean checkServerIdentity) {
  public SmtpSettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(writeTimeout, "writeTimeout");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** The region's host on 465, connect 5 s, read and write 10 s, verified TLS. */
  public static SmtpSettings defaults() {
    return new SmtpSettings(
        null,
        465,
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        null,
        true);
  }

  /** A local test server over TLS with the given trust, without host-name verification. */
  public static SmtpSettings forLocalTestServer(String host, int port, SSLSocketFactory trust) {
    return new SmtpSettings(
        host,
        port,
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        trust,
        false);
  }
}
