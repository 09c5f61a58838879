/**
 * The stores several nodes share, kept in Redis (or Valkey): revocations, send counters and the
 * mail configuration, behind the same interfaces as their single-node counterparts.
 */
package io.logtojee.state.redis;
