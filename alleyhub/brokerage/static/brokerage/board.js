/* Drag a case card onto another column of the broker's board (HTML5 drag and drop + htmx).
   Moves that need details (signed, closed) open the case page instead. No dependencies. */
(function () {
  "use strict";
  var DETAIL_STAGES = ["signed", "closed"];
  var dragged = null;

  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest("[data-case-id]");
    if (!card) return;
    dragged = card;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.caseId);
    card.classList.add("dragging");
  });

  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    document.querySelectorAll(".board-column.drop-ok").forEach(function (c) { c.classList.remove("drop-ok"); });
  });

  function targetColumn(event) {
    var column = event.target.closest && event.target.closest(".board-column[data-stage]");
    if (!column || !dragged) return null;
    var allowed = (dragged.dataset.next || "").split(" ");
    return allowed.indexOf(column.dataset.stage) >= 0 ? column : null;
  }

  document.addEventListener("dragover", function (event) {
    var column = targetColumn(event);
    if (column) {
      event.preventDefault();
      column.classList.add("drop-ok");
    }
  });

  document.addEventListener("dragleave", function (event) {
    var column = event.target.closest && event.target.closest(".board-column");
    if (column && !column.contains(event.relatedTarget)) column.classList.remove("drop-ok");
  });

  document.addEventListener("drop", function (event) {
    var column = targetColumn(event);
    if (!column) return;
    event.preventDefault();
    var card = dragged;
    var stage = column.dataset.stage;
    if (DETAIL_STAGES.indexOf(stage) >= 0) {
      window.location.href = card.dataset.detailUrl + "?to=" + encodeURIComponent(stage) + "#move";
      return;
    }
    htmx.ajax("POST", card.dataset.moveUrl, {
      target: "#board",
      swap: "outerHTML",
      source: card,
      values: { to_stage: stage, version: card.dataset.version, view: "board" }
    });
  });
})();
