// Curation buttons of the document page: progressive, they call the REST API with the
// token the user types (kept in this tab's sessionStorage, never sent by the server).
(function () {
  "use strict";
  var auth = document.getElementById("curation-auth");
  if (!auth || !window.fetch) { return; }
  var token = document.getElementById("curation-token");
  var curator = document.getElementById("curation-curator");
  var status = document.getElementById("curation-status");
  var KEY = "communique-token";

  auth.hidden = false;
  document.querySelectorAll(".curate").forEach(function (el) { el.hidden = false; });
  try { token.value = window.sessionStorage.getItem(KEY) || ""; } catch (e) { /* storage disabled */ }
  token.addEventListener("change", function () {
    try { window.sessionStorage.setItem(KEY, token.value); } catch (e) { /* storage disabled */ }
  });
  auth.addEventListener("submit", function (event) { event.preventDefault(); });

  function say(message, isError) {
    status.textContent = message;
    status.classList.toggle("error", Boolean(isError));
  }

  function call(method, path, body) {
    if (!token.value) {
      token.focus();
      return Promise.reject(new Error("type the write token first"));
    }
    var headers = { "Authorization": "Bearer " + token.value, "Accept": "application/json" };
    if (curator.value.trim()) { headers["X-Curator"] = curator.value.trim(); }
    if (body !== undefined) { headers["Content-Type"] = "application/json"; }
    return fetch(path, {
      method: method, headers: headers, credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          var message = data && data.error ? data.error.message : response.status + " " + response.statusText;
          throw new Error(message);
        }
        return data;
      });
    });
  }

  function updated(fact) {
    document.querySelectorAll('[data-status-for="' + fact.id + '"]').forEach(function (el) {
      el.textContent = fact.status;
      el.className = "status status-" + fact.status;
    });
    var area = document.getElementById("payload-" + fact.id);
    if (area) { area.value = JSON.stringify(fact.payload, null, 2); }
    say("Fact " + fact.id + " is now " + fact.status + ". Reload the page to see the text again.");
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-action]");
    if (!button) { return; }
    var id = button.getAttribute("data-fact");
    var action = button.getAttribute("data-action");
    if (!/^[0-9]+$/.test(id) || (action !== "confirm" && action !== "reject")) { return; }
    call("POST", "/api/facts/" + id + "/" + action).then(updated, function (error) { say(error.message, true); });
  });

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form.curate-edit");
    if (!form) { return; }
    event.preventDefault();
    var id = form.getAttribute("data-fact");
    var changes;
    try {
      changes = JSON.parse(form.elements.payload.value);
    } catch (error) {
      say("The fields are not valid JSON: " + error.message, true);
      return;
    }
    if (!/^[0-9]+$/.test(id) || changes === null || typeof changes !== "object" || Array.isArray(changes)) {
      say("The fields must be a JSON object.", true);
      return;
    }
    call("PATCH", "/api/facts/" + id, changes).then(updated, function (error) { say(error.message, true); });
  });
}());
