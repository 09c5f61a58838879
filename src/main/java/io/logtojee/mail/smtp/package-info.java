/**
 * DirectMail's SMTP interface through Jakarta Mail (Angus): implicit TLS on 465, the same rendered
 * mail.
 */
package io.logtojee.mail.smtp;
