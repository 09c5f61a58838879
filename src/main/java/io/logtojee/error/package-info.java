/**
 * What every failure below the API edge carries: a capability's error code and a safe message. Only
 * the edge ({@code api.error}) turns codes into HTTP statuses.
 */
package io.logtojee.error;
