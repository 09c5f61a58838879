/**
 * Validates the JWTs Logto sends to this application besides ID tokens: Bearer access tokens for
 * the configured API resources (RFC 9068) and back-channel logout tokens, with the scope checks a
 * protected API declares.
 */
package io.logtojee.auth.token;
