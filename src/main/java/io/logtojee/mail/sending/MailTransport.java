package io.logtojee.mail.sending;

import io.logtojee.mail.OutgoingMail;
import io.logtojee.mail.SendReceipt;
import io.logtojee.mail.config.AliyunDmConfig;

/**
 * Hands a rendered mail to a provider. Implementations hold no configuration of their own: they get
 * the config snapshot the send started with, so an admin update never changes a send half-way.
 */
public interface MailTransport {
  /**
   * Sends {@code mail} with the credentials and region in {@code config}.
   *
   * @return the provider's receipt, only once the provider accepted the mail
   * @throws io.logtojee.mail.MailException for every failure; {@code OUTCOME_UNKNOWN} when the mail
   *     may have been accepted
   */
  SendReceipt send(OutgoingMail mail, AliyunDmConfig config);
}
