/**
 * Integration tests that deploy the built WAR into real Tomcat and WildFly servers and drive it
 * over HTTP and through a real browser, against the project's Logto and DirectMail doubles.
 */
package io.logtojee.it;
