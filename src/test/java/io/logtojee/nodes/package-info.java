/**
 * Integration tests that run their own server processes ({@link
 * io.logtojee.testsupport.server.TomcatNode}, {@link io.logtojee.testsupport.server.WildFlyNode})
 * instead of an Arquillian-managed server, because they kill the server JVM with SIGKILL, restart
 * it on the same files, or run several nodes: FLT-05 (sessions across a clean stop and a {@code
 * kill -9}), CFG-03 (config saves cut by a {@code kill -9}, a truncated config at start-up) and the
 * two-node clusters with Redis behind a round-robin proxy. The build runs them in the failsafe
 * execution {@code nodes}, on ports 28500–28599.
 */
package io.logtojee.nodes;
