/**
 * Which local sessions belong to which Logto user and Logto session, and which of those Logto has
 * logged out, so that a back-channel logout can end them; behind interfaces so that several nodes
 * can share the state.
 */
package io.logtojee.auth.session;
