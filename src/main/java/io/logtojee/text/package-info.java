/** Text helpers shared by the web pages and the mail templates. */
package io.logtojee.text;
