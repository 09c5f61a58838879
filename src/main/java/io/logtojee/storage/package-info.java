/**
 * Files the application keeps for itself (the mail configuration, the back-channel logouts it
 * received), written so that a crash at any moment leaves the old or the new content in full.
 */
package io.logtojee.storage;
