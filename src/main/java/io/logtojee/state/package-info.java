/**
 * What every store of shared state reports, whatever holds it: whether it can be reached, and the
 * error a caller gets when it cannot.
 */
package io.logtojee.state;
