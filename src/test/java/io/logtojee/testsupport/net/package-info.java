/** Network faults the JDK's HTTP server cannot produce, for the tests of what crosses the wire. */
package io.logtojee.testsupport.net;
