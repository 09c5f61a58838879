package io.logtojee.mail.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The sender's configuration, in the exact shape of Logto's Aliyun DM connector config, so the JSON
 * from Logto's console can be pasted as is, plus our optional {@code transport}, {@code
 * smtpPassword} and {@code endpoint}.
 *
 * <p>Values are kept as written so Bean Validation can report them; {@link #region()}, {@link
 * #transportKind()} and {@link #apiEndpoint()} apply the defaults. Instances are immutable and are
 * swapped by reference when an admin replaces the configuration.
 *
 * @param accessKeyId the RAM user's AccessKey id
 * @param accessKeySecret the AccessKey secret; signs requests, is never sent, logged or returned
 * @param accountName the DirectMail sender address, e.g. noreply@mail.example.com
 * @param fromAlias optional display name, at most 15 characters
 * @param regionId optional, one of the five DirectMail regions; cn-hangzhou when absent
 * @param templates one entry per template type (and optionally locale); Register, SignIn,
 *     ForgotPassword and Generic are required
 * @param transport optional, {@code api} (default) or {@code smtp}
 * @param smtpPassword the sender address's SMTP password; required when transport is smtp
 * @param endpoint optional API endpoint override, e.g. a VPC endpoint; only https://*.aliyuncs.com
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RequiredTemplates
@SmtpPasswordForSmtp
public record AliyunDmConfig(
    @NotBlank(message = "must not be blank") String accessKeyId,
    @NotBlank(message = "must not be blank") String accessKeySecret,
    @NotBlank(message = "must not be blank") @SingleEmailAddress String accountName,
    @Size(max = 15, message = "must be at most 15 characters")
        @Pattern(regexp = SingleLine.PATTERN, message = "must be a single line")
        String fromAlias,
    @Pattern(
            regexp = AliyunDmRegion.ID_PATTERN,
            message =
                "must be one of cn-hangzhou, ap-southeast-1, ap-southeast-2, us-east-1,"
                    + " eu-central-1")
        String regionId,
    @NotNull(message = "must list the templates")
        List<@NotNull(message = "must not be null") @Valid MailTemplate> templates,
    @Pattern(regexp = TransportKind.NAME_PATTERN, message = "must be api or smtp") String transport,
    String smtpPassword,
    @AllowedEndpoint String endpoint) {

  public AliyunDmConfig {
    // Copied without List.copyOf, which would throw on the null entries validation must report.
    templates = templates == null ? null : Collections.unmodifiableList(new ArrayList<>(templates));
  }

  /** Only Logto's own fields, as its console produces them. */
  public AliyunDmConfig(
      String accessKeyId,
      String accessKeySecret,
      String accountName,
      String fromAlias,
      String regionId,
      List<MailTemplate> templates) {
    this(
        accessKeyId,
        accessKeySecret,
        accountName,
        fromAlias,
        regionId,
        templates,
        null,
        null,
        null);
  }

  /** The region, cn-hangzhou when {@code regionId} is absent. Call only on a validated config. */
  public AliyunDmRegion region() {
    return regionId == null
        ? AliyunDmRegion.DEFAULT
        : AliyunDmRegion.fromId(regionId)
            .orElseThrow(() -> new IllegalStateException("regionId was not validated"));
  }

  /** The transport, API when {@code transport} is absent. Call only on a validated config. */
  public TransportKind transportKind() {
    return transport == null
        ? TransportKind.API
        : TransportKind.fromConfigName(transport)
            .orElseThrow(() -> new IllegalStateException("transport was not validated"));
  }

  /** The endpoint override, else the region's public API endpoint. */
  public URI apiEndpoint() {
    return endpoint == null ? region().apiEndpoint() : URI.create(endpoint);
  }

  /**
   * This config with an absent (null) {@code accessKeySecret} or {@code smtpPassword} taken from
   * {@code current}: an admin edit that leaves out a secret keeps the stored one. A blank value is
   * kept as blank, so validation rejects it.
   */
  public AliyunDmConfig withSecretsFrom(AliyunDmConfig current) {
    if (current == null) {
      return this;
    }
    return new AliyunDmConfig(
        accessKeyId,
        accessKeySecret != null ? accessKeySecret : current.accessKeySecret(),
        accountName,
        fromAlias,
        regionId,
        templates,
        transport,
        smtpPassword != null ? smtpPassword : current.smtpPassword(),
        endpoint);
  }

  /** Masks the secret and the SMTP password, so a logged config leaks neither. */
  @Override
  public String toString() {
    return "AliyunDmConfig[accessKeyId="
        + accessKeyId
        + ", accessKeySecret="
        + mask(accessKeySecret)
        + ", accountName="
        + accountName
        + ", fromAlias="
        + fromAlias
        + ", regionId="
        + regionId
        + ", templates="
        + templates
        + ", transport="
        + transport
        + ", smtpPassword="
        + mask(smtpPassword)
        + ", endpoint="
        + endpoint
        + "]";
  }

  private static String mask(String secret) {
    return secret == null ? "null" : "****";
  }
}
