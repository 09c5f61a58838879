/**
 * The composition root: where every service of the application is built once, in order, from the
 * settings, and handed to the filters and REST resources that use it.
 */
package io.logtojee.app;
