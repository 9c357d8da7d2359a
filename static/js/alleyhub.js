/* Behaviour that would otherwise sit in inline handlers: the Content-Security-Policy runs only
   scripts from our own static files (config/settings/base.py). No dependencies. */
(function () {
  "use strict";

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
})();
