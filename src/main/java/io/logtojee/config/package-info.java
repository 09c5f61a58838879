/**
 * Reads deployment settings from system properties, the environment and JNDI, and validates them
 * once at start-up so that a misconfigured deployment stops with every problem listed by key.
 */
package io.logtojee.config;
