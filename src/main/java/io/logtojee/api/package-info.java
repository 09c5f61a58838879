/**
 * The Jakarta REST API: thin resources that ask the application's services and answer JSON that is
 * never cached.
 */
package io.logtojee.api;
