/* Behaviour that would otherwise sit in inline handlers: the Content-Security-Policy runs only
   scripts from our own static files (config/settings/base.py). No dependencies.
   Loaded without `defer` in <head> (it only adds document-level listeners), so that the class
   below is set before the first paint and the phone menu starts closed without a flash. */
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.add("js");

  // <select data-autosubmit>: submit its form as soon as the choice changes.
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("[data-autosubmit]") && field.form) field.form.submit();
  });

  // data-remove-on-error: a section htmx loads afterwards disappears if loading it fails,
  // rather than leaving an empty frame.
  document.addEventListener("htmx:responseError", function (event) {
    var element = event.detail && event.detail.elt;
    if (element && element.hasAttribute && element.hasAttribute("data-remove-on-error")) element.remove();
  });

  // --- Site navigation (templates/base.html, templates/components/nav.html) ---
  // A phone (narrow screen) gets the menu button; wider screens show the groups as dropdowns.
  var narrow = window.matchMedia("(max-width: 1023.98px)");

  function setExpanded(button, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    var target = document.getElementById(button.getAttribute("aria-controls"));
    if (target) target.classList.toggle("open", open);
  }

  function groupToggles() {
    return document.querySelectorAll(".site-nav .nav-group-toggle");
  }

  function closeGroups(except) {
    groupToggles().forEach(function (button) {
      if (button !== except) setExpanded(button, false);
    });
  }

  document.addEventListener("click", function (event) {
    var menu = event.target.closest && event.target.closest(".menu-toggle");
    if (menu) {
      var opening = menu.getAttribute("aria-expanded") !== "true";
      setExpanded(menu, opening);
      // The phone menu opens the whole navigation: every group expanded.
      groupToggles().forEach(function (button) { setExpanded(button, opening); });
      return;
    }
    var group = event.target.closest && event.target.closest(".nav-group-toggle");
    if (group) {
      var open = group.getAttribute("aria-expanded") !== "true";
      if (!narrow.matches) closeGroups(group);
      setExpanded(group, open);
      return;
    }
    // A click elsewhere closes the desktop dropdowns.
    if (!narrow.matches && !(event.target.closest && event.target.closest(".nav-group"))) closeGroups(null);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.querySelector(".site-nav .nav-group-toggle[aria-expanded='true']");
    if (open && !narrow.matches) {
      closeGroups(null);
      open.focus();
      return;
    }
    var menu = document.querySelector(".menu-toggle[aria-expanded='true']");
    if (menu) {
      setExpanded(menu, false);
      menu.focus();
    }
  });

  // Switching between phone and desktop width: start from a closed navigation.
  narrow.addEventListener("change", function () {
    closeGroups(null);
    document.querySelectorAll(".menu-toggle").forEach(function (button) { setExpanded(button, false); });
  });

  // A link to #id of a closed <details> (e.g. the notification preferences) opens it.
  function openTargetDetails() {
    var id = window.location.hash.slice(1);
    var target = id && document.getElementById(decodeURIComponent(id));
    if (target && target.tagName === "DETAILS") target.open = true;
  }
  window.addEventListener("hashchange", openTargetDetails);

  // --- Wide tables and the case board scroll inside their own box, with a visible hint ---
  // Every table in the page content sits in a .table-wrap (templates wrap theirs; any other is
  // wrapped here, also after htmx swaps). A box that can scroll gets a faded edge on the side
  // with more to see (.more-left / .more-right in alleyhub.css) and becomes keyboard-scrollable.
  var SCROLLERS = ".table-wrap, .board-columns";

  function updateHint(box) {
    var more = box.scrollWidth - box.clientWidth > 1;
    box.classList.toggle("more-left", more && box.scrollLeft > 1);
    box.classList.toggle("more-right", more && box.scrollLeft + box.clientWidth < box.scrollWidth - 1);
    if (more && !box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
  }

  function prepare(scope) {
    (scope || document).querySelectorAll("main table").forEach(function (table) {
      if (table.closest(SCROLLERS)) return;
      var wrap = document.createElement("div");
      wrap.className = "table-wrap";
      table.parentNode.insertBefore(wrap, table);
      wrap.appendChild(table);
    });
    document.querySelectorAll(SCROLLERS).forEach(updateHint);
  }

  document.addEventListener("scroll", function (event) {
    var box = event.target;
    if (box.matches && box.matches(SCROLLERS)) updateHint(box);
  }, true);
  window.addEventListener("resize", function () { prepare(null); });
  document.addEventListener("htmx:afterSettle", function () { prepare(null); });
  document.addEventListener("DOMContentLoaded", function () {
    prepare(null);
    openTargetDetails();
  });
})();
