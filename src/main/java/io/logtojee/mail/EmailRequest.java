package io.logtojee.mail;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Logto's HTTP email connector POSTs: {@code {to, type, payload, ip?}}. Unknown properties are
 * ignored at the top level and kept (but unused unless a template names them) in the payload,
 * because Logto adds payload keys over time.
 *
 * @param to the recipient as Logto sent it, not yet validated
 * @param type the template type, e.g. SignIn; unknown types fall back to the Generic template
 * @param payload {@code code}, {@code locale}, {@code uiLocales}, {@code link}, {@code
 *     application}, {@code organization}, {@code user}, ...; never null after construction
 * @param ip the end user's IP address, when Logto knows it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EmailRequest(String to, String type, Map<String, Object> payload, String ip) {
  public EmailRequest {
    payload =
        payload == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(payload));
  }

  /** {@code payload.locale} when it is a non-blank string, else null. */
  public String locale() {
    return payload.get("locale") instanceof String s && !s.isBlank() ? s : null;
  }

  /** Leaves out the payload values (the code) and the full address. */
  @Override
  public String toString() {
    String maskedTo;
    try {
      maskedTo = Recipient.parse(to).masked();
    } catch (MailException e) {
      maskedTo = "(invalid)";
    }
    return "EmailRequest[to="
        + maskedTo
        + ", type="
        + type
        + ", payloadKeys="
        + payload.keySet()
        + ", ip="
        + ip
        + "]";
  }
}
