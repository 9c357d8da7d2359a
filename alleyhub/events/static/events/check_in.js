// The check-in page: keeps the scan field ready for the next ticket (hardware scanners type the
// code and press Enter), and queues scans while the connection is down. Queued codes are sent
// again when the browser is back online; the server checks a ticket in once, so a code sent twice
// is answered "already checked in" and never counted twice.
(function () {
  "use strict";
  var KEY = "alleyhub.checkin.queue." + location.pathname;

  function form() { return document.getElementById("scan-form"); }
  function input() { var f = form(); return f ? f.querySelector("input[name=code]") : null; }
  function load() { try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; } }
  function save(queue) { localStorage.setItem(KEY, JSON.stringify(queue)); show(queue); }
  function show(queue) {
    var box = document.getElementById("offline-queue");
    if (!box) { return; }
    box.hidden = queue.length === 0;
    box.textContent = (box.dataset.label || "离线待同步：") + queue.length;
  }

  function send(code) {
    var f = form();
    var body = new FormData();
    body.append("code", code);
    body.append("csrfmiddlewaretoken", f.querySelector("input[name=csrfmiddlewaretoken]").value);
    return fetch(f.action, { method: "POST", body: body, headers: { "HX-Request": "true" }, credentials: "same-origin" });
  }

  function flush() {
    var queue = load();
    if (!queue.length || !navigator.onLine) { return; }
    var code = queue[0];
    send(code).then(function (response) {
      // Any answer from the server (checked in, already, refused) settles the scan.
      if (response.status < 500) { save(load().filter(function (c) { return c !== code; })); flush(); }
    }).catch(function () { /* still offline: keep it */ });
  }

  document.addEventListener("htmx:afterRequest", function (evt) {
    if (evt.target !== form()) { return; }
    var field = input();
    if (field) { field.value = ""; field.focus(); }
  });
  document.addEventListener("htmx:sendError", function (evt) {
    if (evt.target !== form()) { return; }
    var field = input();
    if (!field || !field.value) { return; }
    var queue = load();
    if (queue.indexOf(field.value) === -1) { queue.push(field.value); }
    save(queue);
    field.value = "";
    field.focus();
  });
  window.addEventListener("online", flush);
  document.addEventListener("DOMContentLoaded", function () { show(load()); flush(); });
})();
