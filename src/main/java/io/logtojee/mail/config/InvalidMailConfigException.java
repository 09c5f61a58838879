package io.logtojee.mail.config;

import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A configuration, submitted or read from disk, breaks one or more rules; all are listed. */
public class InvalidMailConfigException extends MailException {
  private static final long serialVersionUID = 1L;

  private final transient List<ConfigViolation> violations;

  public InvalidMailConfigException(List<ConfigViolation> violations) {
    super(
        MailErrorCode.CONFIG_VIOLATIONS,
        "The mail configuration is invalid: "
            + violations.stream().map(ConfigViolation::toString).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  /** Every violation by key, for the caller to correct them all at once. */
  @Override
  public Map<String, Object> details() {
    Map<String, Object> details = super.details();
    details.put("violations", ConfigViolation.byKey(violations));
    return details;
  }

  /** Every violation, ordered by key. */
  public List<ConfigViolation> violations() {
    return violations;
  }
}
