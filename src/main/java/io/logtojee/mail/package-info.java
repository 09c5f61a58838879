/**
 * The provider-neutral mail contract: the request Logto sends, the recipient rules, error codes and
 * receipts.
 */
package io.logtojee.mail;
