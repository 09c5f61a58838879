/** The edge where error codes become HTTP statuses, with one JSON error shape for every answer. */
package io.logtojee.api.error;
