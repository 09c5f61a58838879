/** A real headless browser for tests that click through the pages. */
package io.logtojee.testsupport.browser;
