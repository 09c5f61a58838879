/**
 * The local demo: the built WAR in a real Tomcat, signing in against the project's test doubles.
 */
package io.logtojee.demo;
