/**
 * Integration tests that run their own Tomcat processes ({@link
 * io.logtojee.testsupport.server.TomcatNode}) instead of an Arquillian-managed server, because they
 * kill the server JVM with SIGKILL or restart it on the same files: FLT-05 (sessions across a clean
 * stop and a {@code kill -9}) and CFG-03 (config saves cut by a {@code kill -9}, a truncated config
 * at start-up). The build runs them in the failsafe execution {@code nodes}, on ports 38500–38599.
 */
package io.logtojee.nodes;
