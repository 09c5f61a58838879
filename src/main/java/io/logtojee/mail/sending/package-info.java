/**
 * Sending one mail end to end: recipient, config, template, limits, transport, receipt and logs.
 */
package io.logtojee.mail.sending;
