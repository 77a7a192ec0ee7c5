// Small enhancements; every page works without them. The alert inbox follows the live stream (server-sent events
// through the console's /api) and fetches its rows again when an alert changes, without reloading the page.
(function () {
  "use strict";

  function followAlerts(rows, live) {
    var pending = false;
    var refreshing = false;

    // a form someone is filling in (an open Acknowledge, Resolve) is never replaced under their hands
    function busy() {
      return rows.querySelector("details[open]") !== null || rows.contains(document.activeElement);
    }

    function refresh() {
      if (refreshing || busy()) {
        pending = true;
        return;
      }
      refreshing = true;
      pending = false;
      fetch(rows.dataset.rows, { credentials: "same-origin", headers: { Accept: "text/html" } })
        .then(function (response) {
          // a session that ended is answered with the sign-in page: never put that in the table
          if (!response.ok || response.redirected) { throw new Error("HTTP " + response.status); }
          return response.text();
        })
        .then(function (html) { rows.innerHTML = html; })
        .catch(function () { live.textContent = "Could not refresh the alerts; reload the page."; })
        .finally(function () { refreshing = false; if (pending) { refresh(); } });
    }

    rows.addEventListener("toggle", function () { if (pending) { refresh(); } }, true);
    rows.addEventListener("focusout", function () { setTimeout(function () { if (pending) { refresh(); } }, 0); });

    var stream = new EventSource(live.dataset.stream);
    stream.onopen = function () { live.textContent = "Live: new alerts and changes appear here as they happen."; };
    stream.onerror = function () {
      live.textContent = stream.readyState === EventSource.CLOSED
        ? "Live updates stopped (signed out?); reload the page." : "Live updates interrupted; reconnecting…";
    };
    ["topline.alert.fired", "topline.alert.acknowledged", "topline.alert.resolved"].forEach(function (type) {
      stream.addEventListener(type, function (event) {
        var data = JSON.parse(event.data);
        live.textContent = "Updated " + new Date().toLocaleTimeString() + ": " + (data.summary || data.dedupKey)
          + " (" + String(data.state).toLowerCase() + ")";
        refresh();
      });
    });
    // missed events (a reset of the stream's window): the list is read again as a whole
    stream.addEventListener("reset", refresh);
    window.addEventListener("pagehide", function () { stream.close(); });
  }

  // a new subscription's form shows only the settings its receiver kind takes; hidden ones are disabled, so they are
  // not sent (without scripts every field shows, each saying which kind it is for)
  function receiverFields(select) {
    function show() {
      select.form.querySelectorAll("[data-receivers]").forEach(function (field) {
        var applies = field.dataset.receivers.split(" ").indexOf(select.value) >= 0;
        field.hidden = !applies;
        field.querySelectorAll("input").forEach(function (input) { input.disabled = !applies; });
      });
    }
    select.addEventListener("change", show);
    show();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var receiver = document.getElementById("subscription-receiver");
    if (receiver) {
      receiverFields(receiver);
    }
    var rows = document.getElementById("alert-rows");
    var live = document.getElementById("live");
    if (rows && live && window.EventSource) {
      followAlerts(rows, live);
    }
  });
})();
