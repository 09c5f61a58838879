/**
 * Logto's own email templates, read through its Management API with a machine-to-machine app,
 * cached and refreshed in the background so that a send never waits for Logto.
 */
package io.logtojee.mail.template.logto;
