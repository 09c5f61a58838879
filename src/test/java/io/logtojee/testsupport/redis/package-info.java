/** A real redis-server, started per test class on a free loopback port, for the Redis stores. */
package io.logtojee.testsupport.redis;
