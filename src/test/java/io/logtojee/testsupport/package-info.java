/** Test helpers shared by the unit tests of several capabilities. */
package io.logtojee.testsupport;
