package io.logtojee.mail.aliyun;

import io.logtojee.mail.MailException;
import io.logtojee.mail.SendReceipt;

/**
 * What one attempt came to. The exchange and the response interpreter judge a single attempt; only
 * {@link DirectMailRetrier} decides what happens next, so whether a failure may be retried travels
 * with it instead of being guessed again from the error code.
 */
sealed interface DirectMailAttempt {
  /** DirectMail accepted the mail. */
  record Accepted(SendReceipt receipt) implements DirectMailAttempt {}

  /**
   * The attempt failed.
   *
   * @param error what the caller gets if no further attempt follows
   * @param retriable another attempt is worth making: nothing was sent (a connect failure), or
   *     DirectMail failed with a server error or asked to try again; whether the mail may have left
   *     is {@link MailException#mayHaveBeenSent()}
   * @param throttled a retry must back off first
   */
  record Failed(MailException error, boolean retriable, boolean throttled)
      implements DirectMailAttempt {}
}
