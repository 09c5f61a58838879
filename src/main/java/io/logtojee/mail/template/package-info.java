/**
 * Choosing a template for a request and filling in its placeholders the way Logto does, but safely.
 */
package io.logtojee.mail.template;
