/**
 * A Logto-shaped OpenID Provider that runs in the test JVM, so sign-in, token and logout tests can
 * run offline and can make the provider misbehave on purpose.
 */
package io.logtojee.testsupport.op;
