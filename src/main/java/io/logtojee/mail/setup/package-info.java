/**
 * Wires the mail components from deployment settings, for the web layer to create once and close
 * once.
 */
package io.logtojee.mail.setup;
