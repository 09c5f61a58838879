/**
 * Real application-server nodes for tests that must do what an Arquillian-managed server cannot:
 * kill the server JVM with SIGKILL, restart it on the same files, or run several at once. Each
 * {@link io.logtojee.testsupport.server.TomcatNode} is a Tomcat from the unpacked distribution with
 * its own {@code CATALINA_BASE} and ports, so it never touches the servers of the Arquillian runs.
 */
package io.logtojee.testsupport.server;
