package io.logtojee.api.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A test send from the admin console: the recipient, and optionally the template to try. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TestSendRequest(String to, String type, String locale) {}
