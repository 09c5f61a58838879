package io.logtojee.mail;

/**
 * Proof that the provider accepted a mail.
 *
 * @param envId DirectMail's EnvId (event id), or the id an SMTP server reported; may be null over
 *     SMTP when the server reports none
 * @param requestId DirectMail's RequestId, or the Message-ID of an SMTP mail
 */
public record SendReceipt(String envId, String requestId) {}
