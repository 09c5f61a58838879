package io.logtojee.mail.config;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/**
 * The DirectMail regions Logto's connector offers, with their public API and SMTP hosts. A sender
 * address only works through the region it was created in.
 */
public enum AliyunDmRegion {
  CN_HANGZHOU("cn-hangzhou", "dm.aliyuncs.com", "smtpdm.aliyun.com"),
  AP_SOUTHEAST_1(
      "ap-southeast-1", "dm.ap-southeast-1.aliyuncs.com", "smtpdm-ap-southeast-1.aliyuncs.com"),
  // Aliyun lists Sydney as closed ("United States (formerly Sydney)"); only the legacy SMTP host
  // is documented.
  AP_SOUTHEAST_2(
      "ap-southeast-2", "dm.ap-southeast-2.aliyuncs.com", "smtpdm-ap-southeast-2.aliyun.com"),
  US_EAST_1("us-east-1", "dm.us-east-1.aliyuncs.com", "smtpdm-us-east-1.aliyuncs.com"),
  EU_CENTRAL_1("eu-central-1", "dm.eu-central-1.aliyuncs.com", "smtpdm-eu-central-1.aliyuncs.com");

  /** Logto's runtime default when {@code regionId} is absent. */
  public static final AliyunDmRegion DEFAULT = CN_HANGZHOU;

  /** The region ids as one alternation, for {@code @Pattern}; a test keeps it in step with ids. */
  static final String ID_PATTERN =
      "cn-hangzhou|ap-southeast-1|ap-southeast-2|us-east-1|eu-central-1";

  private final String id;
  private final String apiHost;
  private final String smtpHost;

  AliyunDmRegion(String id, String apiHost, String smtpHost) {
    this.id = id;
    this.apiHost = apiHost;
    this.smtpHost = smtpHost;
  }

  /** The RegionId, e.g. {@code cn-hangzhou}. */
  public String id() {
    return id;
  }

  public String apiHost() {
    return apiHost;
  }

  public String smtpHost() {
    return smtpHost;
  }

  /** {@code https://<apiHost>/}, where SingleSendMail is POSTed. */
  public URI apiEndpoint() {
    return URI.create("https://" + apiHost + "/");
  }

  public static Optional<AliyunDmRegion> fromId(String id) {
    return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
  }
}
