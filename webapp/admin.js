"use strict";

// The admin console talks to /api/admin/mail-config. Every change carries the ETag it was based on
// and the X-Requested-By header the server requires from this page.
(function () {
  var form = document.getElementById("config");
  var statusLine = document.getElementById("status");
  var result = document.getElementById("result");
  var violationList = document.getElementById("violations");
  var etag = null;
  var FIELDS = ["accessKeyId", "accountName", "fromAlias", "regionId", "transport", "endpoint"];

  function call(method, path, body) {
    var headers = { Accept: "application/json", "X-Requested-By": "admin-console" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    if (method === "PUT" && etag) {
      headers["If-Match"] = etag;
    }
    return fetch("api/admin/mail-config" + path, {
      method: method,
      credentials: "same-origin",
      headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (json) {
        return { status: response.status, etag: response.headers.get("ETag"), body: json };
      });
    });
  }

  function showViolations(error) {
    violationList.textContent = "";
    var violations = (error && error.details && error.details.violations) || {};
    var keys = Object.keys(violations);
    keys.forEach(function (key) {
      var item = document.createElement("li");
      item.textContent = key + ": " + violations[key];
      violationList.appendChild(item);
    });
    violationList.hidden = keys.length === 0;
  }

  function fill(view) {
    var config = view.config || {};
    FIELDS.forEach(function (name) {
      form.elements[name].value = config[name] || (name === "regionId" ? "cn-hangzhou" : name === "transport" ? "api" : "");
    });
    form.elements.accessKeySecret.value = "";
    form.elements.accessKeySecret.placeholder = config.accessKeySecretSet ? "unchanged (set)" : "not set";
    form.elements.smtpPassword.value = "";
    form.elements.smtpPassword.placeholder = config.smtpPasswordSet ? "unchanged (set)" : "not set";
    form.elements.templates.value = JSON.stringify(config.templates || [], null, 2);
    statusLine.textContent = view.active ? "Mail is active." : "Mail is disabled: " + (view.problem || "no configuration");
    showViolations({ details: { violations: view.violations || {} } });
  }

  function collect() {
    var config = {};
    FIELDS.forEach(function (name) {
      var value = form.elements[name].value.trim();
      if (value !== "") {
        config[name] = value;
      }
    });
    ["accessKeySecret", "smtpPassword"].forEach(function (name) {
      if (form.elements[name].value !== "") {
        config[name] = form.elements[name].value;
      }
    });
    try {
      config.templates = JSON.parse(form.elements.templates.value || "[]");
    } catch (e) {
      throw new Error("Templates are not valid JSON: " + e.message);
    }
    return config;
  }

  function report(outcome, success) {
    if (outcome.status >= 200 && outcome.status < 300) {
      result.className = "";
      result.textContent = success;
      showViolations(null);
    } else {
      result.className = "error";
      result.textContent = outcome.body.message || "Failed (" + outcome.status + ")";
      showViolations(outcome.body);
    }
  }

  function load() {
    return call("GET", "").then(function (outcome) {
      if (outcome.status === 401) {
        statusLine.textContent = "You are not signed in.";
        document.getElementById("need-sign-in").hidden = false;
        return;
      }
      if (outcome.status !== 200) {
        statusLine.textContent = outcome.body.message || "Not available (" + outcome.status + ")";
        return;
      }
      etag = outcome.etag;
      fill(outcome.body);
      form.hidden = false;
    });
  }

  function guarded(action) {
    return function (event) {
      if (event) {
        event.preventDefault();
      }
      try {
        action();
      } catch (e) {
        result.className = "error";
        result.textContent = e.message;
      }
    };
  }

  document.getElementById("validate").addEventListener("click", guarded(function () {
    call("POST", "/validate", collect()).then(function (outcome) {
      report(outcome, "The settings are valid.");
    });
  }));

  form.addEventListener("submit", guarded(function () {
    call("PUT", "", collect()).then(function (outcome) {
      report(outcome, "Saved.");
      if (outcome.status === 200) {
        etag = outcome.etag;
        fill(outcome.body);
      } else if (outcome.status === 412) {
        result.textContent += " Reload the page to see the current settings.";
      }
    });
  }));

  document.getElementById("test-send").addEventListener("click", guarded(function () {
    call("POST", "/test-send", { to: form.elements.testTo.value.trim() }).then(function (outcome) {
      report(outcome, "Sent. EnvId " + (outcome.body.envId || ""));
    });
  }));

  load().catch(function (e) {
    statusLine.textContent = "Could not load the settings: " + e.message;
  });
})();
