/**
 * The benchmark of {@code mvn -Pbench verify}: the built WAR in a real Tomcat 11 with the test
 * doubles on loopback, loaded with {@code wrk}, next to a JMH figure of one ES384 verification.
 */
package io.logtojee.bench;
