/**
 * Access tokens for a signed-in user, obtained on the server with the refresh token the session
 * keeps: tokens for an API resource or an organization, cached until shortly before they expire,
 * and fresh UserInfo; the browser never sees a token.
 */
package io.logtojee.auth.usertoken;
