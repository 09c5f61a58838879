package io.logtojee.mail.aliyun;

import java.net.URI;
import java.util.Objects;

/**
 * Where and as whom to call DirectMail.
 *
 * @param endpoint e.g. https://dm.aliyuncs.com/
 * @param regionId sent as RegionId; must match the endpoint's region
 * @param accessKeyId the AccessKey id
 * @param accessKeySecret signs the request; never sent, never printed
 */
public record DirectMailTarget(
    URI endpoint, String regionId, String accessKeyId, String accessKeySecret) {
  public DirectMailTarget {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(regionId, "regionId");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(accessKeySecret, "accessKeySecret");
  }

  @Override
  public String toString() {
    return "DirectMailTarget[endpoint="
        + endpoint
        + ", regionId="
        + regionId
        + ", accessKeyId="
        + accessKeyId
        + ", accessKeySecret=****]";
  }
}
