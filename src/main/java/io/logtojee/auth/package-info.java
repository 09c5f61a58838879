/**
 * Signs users in with Logto through pac4j's OpenID Connect client, with the ID-token checks and
 * compensations this project owes beyond pac4j's defaults, and answers who is signed in.
 */
package io.logtojee.auth;
