"use strict";

// The admin console talks to /api/admin/mail-config. Every change carries the ETag it was based on
// and the X-Requested-By header the server requires from this page. The templates are edited in a
// structured editor or as raw JSON; both views edit one array, `templates`, so they stay in step.
(function () {
  var form = document.getElementById("config");
  var statusLine = document.getElementById("status");
  var result = document.getElementById("result");
  var violationList = document.getElementById("violations");
  var $ = function (id) { return document.getElementById(id); };
  var etag = null;
  var FIELDS = ["accessKeyId", "accountName", "fromAlias", "regionId", "transport", "endpoint"];
  var SECRETS = ["accessKeySecret", "smtpPassword"];
  var TEMPLATE_FIELDS = ["usageType", "locale", "subject", "content"];
  // Logto's usage types are listed once, in the editor's select; the test-send select copies them.
  form.elements.testType.innerHTML = $("tpl-usageType").innerHTML;
  var SAMPLE_PAYLOAD = {
    code: "123456",
    locale: "en",
    uiLocales: "en",
    application: { name: "Demo App" },
    organization: { name: "Example Org" },
    user: { name: "Ada", primaryEmail: "ada@example.com" },
    link: "https://example.com/invitation"
  };
  var PREVIEW_DELAY_MS = 300;

  var templates = [];
  var selected = -1;
  var rawActive = false;
  var templateErrors = {}; // index -> {field: message}, from the last /validate or save
  var previewTimer = null;
  var previewSequence = 0;

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

  // ---- messages beside fields -------------------------------------------------------------

  // The settings inputs get their message element on first use, right after their label.
  function settingsErrorFor(name) {
    var id = "field-" + name + "-error";
    var element = $(id);
    var input = form.elements[name];
    if (!element && input) {
      element = document.createElement("p");
      element.className = "field-error";
      element.id = id;
      input.closest("label").insertAdjacentElement("afterend", element);
      input.setAttribute("aria-describedby", id);
    }
    return element;
  }

  function setFieldError(input, messageElement, message) {
    messageElement.textContent = message || "";
    messageElement.classList.remove("stale");
    if (message) {
      input.setAttribute("aria-invalid", "true");
    } else {
      input.removeAttribute("aria-invalid");
    }
  }

  function showEditorErrors() {
    var errors = templateErrors[selected] || {};
    TEMPLATE_FIELDS.forEach(function (field) {
      setFieldError($("tpl-" + field), $("tpl-" + field + "-error"), errors[field]);
    });
  }

  // Violations come keyed by JSON path: `templates[2].subject` goes beside the editor's subject
  // (the template is selected), `accountName` beside that input, anything else into the summary.
  function showViolations(error) {
    var violations = (error && error.details && error.details.violations) || {};
    var summary = [];
    templateErrors = {};
    FIELDS.concat(SECRETS).forEach(function (name) {
      var element = $("field-" + name + "-error");
      if (element) {
        setFieldError(form.elements[name], element, "");
      }
    });
    Object.keys(violations).forEach(function (key) {
      var message = violations[key];
      var match = /^templates\[(\d+)\]\.(\w+)$/.exec(key);
      if (match && !rawActive && TEMPLATE_FIELDS.indexOf(match[2]) >= 0) {
        (templateErrors[match[1]] = templateErrors[match[1]] || {})[match[2]] = message;
      } else if (FIELDS.indexOf(key) >= 0 || SECRETS.indexOf(key) >= 0) {
        setFieldError(form.elements[key], settingsErrorFor(key), message);
      } else {
        summary.push(key + ": " + message);
      }
    });
    var firstWithErrors = Object.keys(templateErrors)[0];
    if (firstWithErrors !== undefined && !templateErrors[selected]) {
      select(Number(firstWithErrors));
    }
    renderList();
    showEditorErrors();
    violationList.textContent = "";
    summary.forEach(function (text) {
      var item = document.createElement("li");
      item.textContent = text;
      violationList.appendChild(item);
    });
    violationList.hidden = summary.length === 0;
  }

  // ---- the template list and editor ----------------------------------------------------------

  function describe(template) {
    return (template.usageType || "?") + (template.locale ? " · " + template.locale : "") +
        " — " + (template.subject || "(no subject)");
  }

  function renderList() {
    var list = $("template-list");
    list.textContent = "";
    templates.forEach(function (template, index) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "template-entry" + (templateErrors[index] ? " has-error" : "");
      button.textContent = describe(template) + (templateErrors[index] ? " (needs a fix)" : "");
      if (index === selected) {
        button.setAttribute("aria-current", "true");
      }
      button.addEventListener("click", function () {
        select(index);
        $("tpl-subject").focus();
      });
      item.appendChild(button);
      list.appendChild(item);
    });
    $("remove-template").disabled = selected < 0;
    $("template-editor").disabled = selected < 0;
  }

  function select(index) {
    selected = index;
    var template = templates[index] || {};
    TEMPLATE_FIELDS.forEach(function (field) {
      $("tpl-" + field).value = template[field] || (field === "usageType" ? "SignIn" : "");
    });
    renderList();
    showEditorErrors();
    schedulePreview(0);
  }

  TEMPLATE_FIELDS.forEach(function (field) {
    var input = $("tpl-" + field);
    input.addEventListener("input", function () {
      if (selected < 0) {
        return;
      }
      var value = input.value;
      if (field === "locale" && value.trim() === "") {
        delete templates[selected].locale;
      } else {
        templates[selected][field] = value;
      }
      // A message stays until the next validation; the edit may well be its fix, so it fades.
      if (templateErrors[selected] && templateErrors[selected][field]) {
        $("tpl-" + field + "-error").classList.add("stale");
      }
      var entry = $("template-list").children[selected];
      if (entry) {
        entry.firstChild.textContent = describe(templates[selected]);
      }
      schedulePreview(PREVIEW_DELAY_MS);
    });
  });
  $("tpl-usageType").addEventListener("change", function () {
    $("tpl-usageType").dispatchEvent(new Event("input"));
  });

  $("add-template").addEventListener("click", function () {
    templates.push({ usageType: "Generic", subject: "", content: "" });
    select(templates.length - 1);
    $("tpl-usageType").focus();
  });

  $("remove-template").addEventListener("click", function () {
    if (selected < 0) {
      return;
    }
    templates.splice(selected, 1);
    templateErrors = {};
    select(Math.min(selected, templates.length - 1));
    $("add-template").focus();
  });

  // ---- live preview, rendered by the server exactly as the sender renders --------------------

  function samplePayload() {
    try {
      var payload = JSON.parse($("sample-payload").value || "{}");
      if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
        throw new Error("must be a JSON object");
      }
      setFieldError($("sample-payload"), $("sample-payload-error"), "");
      return payload;
    } catch (e) {
      setFieldError($("sample-payload"), $("sample-payload-error"), "Not valid JSON: " + e.message);
      return null;
    }
  }

  function schedulePreview(delay) {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(preview, delay);
  }

  function preview() {
    var template = templates[selected];
    var payload = samplePayload();
    if (!template || !payload) {
      return;
    }
    var sequence = ++previewSequence;
    $("preview-status").textContent = "Rendering…";
    var draft = {
      usageType: template.usageType,
      locale: template.locale,
      subject: template.subject || "",
      content: template.content || "",
      contentType: "text/html"
    };
    call("POST", "/preview", { template: draft, payload: payload }).then(function (outcome) {
      if (sequence !== previewSequence) {
        return; // an older answer; a newer preview is on its way
      }
      if (outcome.status !== 200) {
        var violations = (outcome.body.details && outcome.body.details.violations) || {};
        var reasons = Object.keys(violations).map(function (key) { return key + " " + violations[key]; });
        $("preview-status").textContent = "No preview: " + (reasons.join("; ") || outcome.body.message);
        return;
      }
      var rendered = outcome.body;
      $("preview-subject").textContent = rendered.subject;
      $("preview-from").textContent = rendered.fromAlias || "(no sender name)";
      var html = rendered.format === "text/html";
      $("preview-frame").hidden = !html;
      $("preview-text").hidden = html;
      if (html) {
        // A sandbox without allow-scripts: the admin's markup is shown, never run.
        $("preview-frame").srcdoc = rendered.body;
      } else {
        $("preview-text").textContent = rendered.body;
      }
      $("preview-status").textContent = "Preview of " + describe(template) + ", as it would be sent.";
    }).catch(function (e) {
      $("preview-status").textContent = "No preview: " + e.message;
    });
  }

  $("sample-payload").addEventListener("input", function () { schedulePreview(PREVIEW_DELAY_MS); });

  // ---- raw JSON view ------------------------------------------------------------------------

  function showView(raw) {
    if (!raw && rawActive) {
      try {
        readRaw();
      } catch (e) {
        setFieldError($("raw-templates"), $("raw-templates-error"), e.message);
        $("raw-templates").focus();
        return;
      }
    }
    if (raw) {
      $("raw-templates").value = JSON.stringify(templates, null, 2);
      setFieldError($("raw-templates"), $("raw-templates-error"), "");
    }
    rawActive = raw;
    $("raw-view").hidden = !raw;
    $("editor-view").hidden = raw;
    $("tab-raw").setAttribute("aria-pressed", String(raw));
    $("tab-editor").setAttribute("aria-pressed", String(!raw));
    if (!raw) {
      select(Math.min(Math.max(selected, 0), templates.length - 1));
    }
  }

  function readRaw() {
    var parsed;
    try {
      parsed = JSON.parse($("raw-templates").value || "[]");
    } catch (e) {
      throw new Error("Templates are not valid JSON: " + e.message);
    }
    if (!Array.isArray(parsed)) {
      throw new Error("Templates must be a JSON array");
    }
    templates = parsed;
    templateErrors = {};
  }

  $("tab-editor").addEventListener("click", function () { showView(false); });
  $("tab-raw").addEventListener("click", function () { showView(true); });

  // ---- coverage: which template each type and locale gets ------------------------------------

  function loadCoverage() {
    return call("GET", "/templates").then(function (outcome) {
      if (outcome.status !== 200) {
        $("coverage").textContent = "";
        $("logto-source").textContent = outcome.body.message || "";
        return;
      }
      renderCoverage(outcome.body);
    });
  }

  function renderCoverage(overview) {
    var locales = [];
    var byType = {};
    overview.templates.forEach(function (row) {
      if (locales.indexOf(row.locale) < 0) {
        locales.push(row.locale);
      }
      (byType[row.usageType] = byType[row.usageType] || {})[row.locale] = row;
    });
    var table = $("coverage");
    table.textContent = "";
    var head = table.createTHead().insertRow();
    var corner = document.createElement("th");
    corner.textContent = "Usage type";
    head.appendChild(corner);
    locales.forEach(function (locale) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = locale === null ? "no locale" : locale;
      head.appendChild(th);
    });
    var body = table.createTBody();
    Object.keys(byType).forEach(function (type) {
      var tr = body.insertRow();
      var th = document.createElement("th");
      th.scope = "row";
      th.textContent = type;
      tr.appendChild(th);
      locales.forEach(function (locale) {
        var row = byType[type][locale];
        var cell = tr.insertCell();
        if (!row || !row.origin) {
          cell.className = "missing";
          cell.textContent = "none: refused";
          return;
        }
        var fallback = row.templateType !== type || (row.languageTag || null) !== locale;
        var label = document.createElement("span");
        label.className = "origin " + row.origin + (fallback ? " fallback" : "");
        label.textContent = row.templateType + (row.languageTag ? " · " + row.languageTag : "");
        label.title = row.subject || "";
        cell.appendChild(label);
      });
    });
    var logto = overview.logto || {};
    $("logto-source").textContent = logto.configured
        ? "Logto's templates: " + (logto.serving ? "serving" : "not serving") + ", " +
          (logto.templateCount || 0) + " fetched" +
          (logto.lastErrorCode ? ", last error " + logto.lastErrorCode : "") + "."
        : "Logto's own templates are not set up (no machine-to-machine app); the configuration's serve.";
    var localeSelect = form.elements.testLocale;
    var current = localeSelect.value;
    localeSelect.length = 1;
    locales.forEach(function (locale) {
      if (locale !== null) {
        localeSelect.add(new Option(locale, locale));
      }
    });
    localeSelect.value = current;
  }

  // ---- settings form ------------------------------------------------------------------------

  function fill(view) {
    var config = view.config || {};
    FIELDS.forEach(function (name) {
      form.elements[name].value = config[name] || (name === "regionId" ? "cn-hangzhou" : name === "transport" ? "api" : "");
    });
    form.elements.accessKeySecret.value = "";
    form.elements.accessKeySecret.placeholder = config.accessKeySecretSet ? "unchanged (set)" : "not set";
    form.elements.smtpPassword.value = "";
    form.elements.smtpPassword.placeholder = config.smtpPasswordSet ? "unchanged (set)" : "not set";
    templates = config.templates || [];
    if (rawActive) {
      $("raw-templates").value = JSON.stringify(templates, null, 2);
    }
    select(Math.min(Math.max(selected, 0), templates.length - 1));
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
    SECRETS.forEach(function (name) {
      if (form.elements[name].value !== "") {
        config[name] = form.elements[name].value;
      }
    });
    if (rawActive) {
      readRaw();
    }
    config.templates = templates;
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
        $("need-sign-in").hidden = false;
        return;
      }
      if (outcome.status !== 200) {
        statusLine.textContent = outcome.body.message || "Not available (" + outcome.status + ")";
        return;
      }
      etag = outcome.etag;
      $("sample-payload").value = JSON.stringify(SAMPLE_PAYLOAD, null, 2);
      form.hidden = false;
      fill(outcome.body);
      return loadCoverage();
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

  $("validate").addEventListener("click", guarded(function () {
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
        loadCoverage();
      } else if (outcome.status === 412) {
        result.textContent += " Reload the page to see the current settings.";
      }
    });
  }));

  $("test-send").addEventListener("click", guarded(function () {
    var request = { to: form.elements.testTo.value.trim(), type: form.elements.testType.value };
    if (form.elements.testLocale.value) {
      request.locale = form.elements.testLocale.value;
    }
    call("POST", "/test-send", request).then(function (outcome) {
      report(outcome, "Sent with the saved " + request.type + " template. EnvId " + (outcome.body.envId || ""));
    });
  }));

  load().catch(function (e) {
    statusLine.textContent = "Could not load the settings: " + e.message;
  });
})();
