/**
 * Abuse limits per recipient, per client IP and globally, counted only for mails that may have gone
 * out.
 */
package io.logtojee.mail.limit;
