/**
 * A local stand-in for Aliyun DirectMail that checks requests as strictly as the real service does.
 */
package io.logtojee.testsupport.dm;
