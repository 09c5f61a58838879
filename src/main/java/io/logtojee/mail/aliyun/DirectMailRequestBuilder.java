package io.logtojee.mail.aliyun;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Turns one {@link SingleSendMail} into the signed form of one attempt: the action's parameters,
 * the common V2 parameters (aliyun-dm.md §2.2) and the {@code Signature} over them.
 *
 * <p>It is kept apart from the HTTP code so that what DirectMail receives can be pinned by
 * known-answer tests: it does no I/O, and with a fixed nonce and clock its output is fixed. Each
 * {@link #build} draws a new nonce and reads the clock again, because DirectMail refuses a reused
 * nonce and a retry must be signed afresh.
 */
final class DirectMailRequestBuilder {
  static final String API_VERSION = "2015-11-23";

  /** The form is POSTed, and the method is part of what is signed. */
  static final String HTTP_METHOD = "POST";

  /**
   * One attempt's parameters and their signature.
   *
   * @param parameters everything that was signed, in insertion order; null or empty values are kept
   *     here but left out of the signature and the body
   * @param signature the Base64 signature, not yet percent-encoded
   */
  record SignedForm(Map<String, String> parameters, String signature) {
    SignedForm {
      // A copy that tolerates null values: SingleSendMail passes missing fields through as null.
      parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
      Objects.requireNonNull(signature, "signature");
    }

    /**
     * The POST body: the canonicalised query the signature was computed over, then the encoded
     * {@code Signature} (aliyun-dm.md §3.2), so the server sees exactly what was signed.
     */
    String body() {
      return AliyunSignature.canonicalizedQuery(parameters)
          + "&"
          + AliyunSignature.SIGNATURE
          + "="
          + AliyunSignature.percentEncode(signature);
    }

    /** Leaves out the parameters, which hold the recipient and the code. */
    @Override
    public String toString() {
      return "SignedForm[nonce="
          + parameters.get("SignatureNonce")
          + ", timestamp="
          + parameters.get("Timestamp")
          + "]";
    }
  }

  private final Clock clock;
  private final Supplier<String> nonces;

  DirectMailRequestBuilder(Clock clock, Supplier<String> nonces) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.nonces = Objects.requireNonNull(nonces, "nonces");
  }

  /** The form for the next attempt, with a new nonce and the current time. */
  SignedForm build(DirectMailTarget target, SingleSendMail mail) {
    return sign(target, mail, nonces.get(), clock.instant());
  }

  /** The form for {@code mail} with this nonce and time; the same inputs give the same form. */
  static SignedForm sign(DirectMailTarget target, SingleSendMail mail, String nonce, Instant now) {
    Map<String, String> parameters = new LinkedHashMap<>(mail.parameters());
    parameters.put("Format", "JSON");
    parameters.put("Version", API_VERSION);
    parameters.put("AccessKeyId", target.accessKeyId());
    parameters.put("SignatureMethod", "HMAC-SHA1");
    parameters.put("SignatureVersion", "1.0");
    parameters.put("SignatureNonce", nonce);
    parameters.put("Timestamp", timestamp(now));
    parameters.put("RegionId", target.regionId());
    String signature = AliyunSignature.sign(HTTP_METHOD, parameters, target.accessKeySecret());
    return new SignedForm(parameters, signature);
  }

  /** UTC to the second, e.g. {@code 2015-11-23T04:00:00Z}: DirectMail rejects milliseconds. */
  static String timestamp(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
