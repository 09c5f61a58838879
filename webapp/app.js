"use strict";

// The page asks the API who is signed in; it never sees a token.
(function () {
  function show(id) {
    document.getElementById("loading").hidden = true;
    document.getElementById(id).hidden = false;
  }

  function text(id, value) {
    document.getElementById(id).textContent = value === undefined || value === null || value === "" ? "—" : value;
  }

  function list(values) {
    return values && values.length ? values.join(", ") : "none";
  }

  fetch("api/me", { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) {
        throw new Error("The API answered " + response.status);
      }
      return response.json();
    })
    .then(function (me) {
      if (!me.authenticated) {
        show("signed-out");
        return;
      }
      text("name", me.name || me.username || me.sub);
      var email = me.email ? me.email + (me.email_verified ? " (verified)" : " (not verified)") : "";
      text("email", email);
      text("sub", me.sub);
      text("username", me.username);
      text("roles", list(me.roles));
      text("organizations", list(me.organizations));
      if (me.picture && /^https:\/\//.test(me.picture)) {
        var picture = document.getElementById("picture");
        picture.addEventListener("error", function () { picture.hidden = true; });
        picture.src = me.picture;
        picture.hidden = false;
      }
      show("signed-in");
    })
    .catch(function (error) {
      var box = document.getElementById("error");
      box.textContent = "Could not load your profile: " + error.message;
      document.getElementById("loading").hidden = true;
      box.hidden = false;
    });
})();
