// The check-in page: reads tickets with the phone's camera (jsQR), keeps the scan field ready for
// the next ticket (hardware scanners type the code and press Enter), and queues scans while the connection is down. Queued codes are sent
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
      if (response.status < 500) {
        save(load().filter(function (c) { return c !== code; }));
        if (window.htmx) { window.htmx.trigger(document.body, "checkin-changed"); }  // refresh the count
        flush();
      }
    }).catch(function () { /* still offline: keep it */ });
  }

  document.addEventListener("htmx:afterRequest", function (evt) {
    if (evt.target !== form()) { return; }
    // No answer at all (offline): htmx:sendError, which comes next, queues the code.
    if (evt.detail.xhr && evt.detail.xhr.status === 0) { return; }
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
  // Camera scanning (jsQR, vendored from npm): frames from the back camera are decoded a few times
  // a second; a code found is put into the scan field and submitted like a typed one. The same
  // code is not submitted again within a few seconds (the server would answer "already").
  var lastCode = "";
  var lastAt = 0;
  function startCamera() {
    var video = document.getElementById("camera-video");
    var canvas = document.getElementById("camera-canvas");
    var button = document.getElementById("camera-start");
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      button.hidden = true;
      video.play();
      var context = canvas.getContext("2d", { willReadFrequently: true });
      window.setInterval(function () {
        if (video.readyState < 2 || !video.videoWidth) { return; }
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        context.drawImage(video, 0, 0, canvas.width, canvas.height);
        var image = context.getImageData(0, 0, canvas.width, canvas.height);
        var found = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
        if (!found || !found.data) { return; }
        var now = Date.now();
        if (found.data === lastCode && now - lastAt < 4000) { return; }
        lastCode = found.data;
        lastAt = now;
        var field = input();
        field.value = found.data;
        form().requestSubmit();
      }, 250);
    }).catch(function () {
      button.hidden = true;
    });
  }

  window.addEventListener("online", flush);
  document.addEventListener("DOMContentLoaded", function () {
    show(load());
    flush();
    var button = document.getElementById("camera-start");
    if (button && window.jsQR && navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
      button.hidden = false;
      button.addEventListener("click", startCamera);
    }
  });
})();
