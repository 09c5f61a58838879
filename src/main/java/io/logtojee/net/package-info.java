/**
 * Outbound HTTP plumbing shared by the Logto and DirectMail clients: clients whose background
 * threads do not hold on to the web application after it is undeployed, and answers read only up to
 * a size limit.
 */
package io.logtojee.net;
