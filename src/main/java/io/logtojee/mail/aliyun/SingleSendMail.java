package io.logtojee.mail.aliyun;

import io.logtojee.mail.BodyFormat;
import io.logtojee.mail.OutgoingMail;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code SingleSendMail} action's own parameters for one OTP mail, fixed the way Logto's
 * connector sends them: a sender address ({@code AddressType=1}), no console reply-to ({@code
 * ReplyToAddress=false}), no tag and no click tracking. The body goes as {@code HtmlBody}, or as
 * {@code TextBody} when a Logto template asks for plain text: Logto's own DirectMail connector
 * always sends {@code HtmlBody}, which would run a text template's lines together.
 *
 * @param accountName the sender address
 * @param fromAlias the display name, or null
 * @param toAddress exactly one recipient
 * @param subject at most 100 characters, one line
 * @param body the rendered body
 * @param format whether {@code body} goes as {@code HtmlBody} or {@code TextBody}
 */
public record SingleSendMail(
    String accountName,
    String fromAlias,
    String toAddress,
    String subject,
    String body,
    BodyFormat format) {
  public static final String ACTION = "SingleSendMail";

  /**
   * DirectMail refuses a longer {@code FromAlias} ({@code InvalidFromAlias.Malformed}); the
   * configuration's alias is validated against it, a Logto template's rendered {@code sendFrom} is
   * cut to it, so a long application name does not stop every mail.
   */
  public static final int MAX_FROM_ALIAS_CHARACTERS = 15;

  /** An HTML mail. */
  public SingleSendMail(
      String accountName, String fromAlias, String toAddress, String subject, String htmlBody) {
    this(accountName, fromAlias, toAddress, subject, htmlBody, BodyFormat.HTML);
  }

  public static SingleSendMail of(String accountName, OutgoingMail mail) {
    return new SingleSendMail(
        accountName,
        fitFromAlias(mail.fromAlias()),
        mail.to().address(),
        mail.subject(),
        mail.body(),
        mail.format());
  }

  /** At most {@link #MAX_FROM_ALIAS_CHARACTERS} characters, counted and cut as code points. */
  static String fitFromAlias(String alias) {
    if (alias == null || alias.codePointCount(0, alias.length()) <= MAX_FROM_ALIAS_CHARACTERS) {
      return alias;
    }
    return alias.substring(0, alias.offsetByCodePoints(0, MAX_FROM_ALIAS_CHARACTERS));
  }

  /** Action parameters in the order of the API reference; null or empty values are omitted. */
  public Map<String, String> parameters() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("Action", ACTION);
    parameters.put("AccountName", accountName);
    parameters.put("AddressType", "1");
    parameters.put("ReplyToAddress", "false");
    parameters.put("ToAddress", toAddress);
    if (fromAlias != null && !fromAlias.isEmpty()) {
      parameters.put("FromAlias", fromAlias);
    }
    parameters.put("Subject", subject);
    parameters.put(format == BodyFormat.TEXT ? "TextBody" : "HtmlBody", body);
    return parameters;
  }

  /** Leaves out the subject and body (the code). */
  @Override
  public String toString() {
    return "SingleSendMail[accountName=" + accountName + ", fromAlias=" + fromAlias + "]";
  }
}
