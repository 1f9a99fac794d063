// Small behaviours for every page. No inline scripts anywhere: the CSP forbids them.
(function () {
  "use strict";

  function init(root) {
    // A select marked data-autosubmit submits its form when changed; its button is then not needed.
    root.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      var form = select.form;
      if (!form || select.dataset.bound) return;
      select.dataset.bound = "1";
      form.querySelectorAll(".js-hide").forEach(function (el) { el.hidden = true; });
      select.addEventListener("change", function () { form.requestSubmit(); });
    });
    // Forms marked data-confirm ask before they are sent.
    root.querySelectorAll("form[data-confirm]").forEach(function (form) {
      if (form.dataset.bound) return;
      form.dataset.bound = "1";
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.dataset.confirm)) event.preventDefault();
      });
    });
    // Copy buttons: data-copy-target names the element whose text is copied.
    root.querySelectorAll("[data-copy-target]").forEach(function (button) {
      if (button.dataset.bound) return;
      button.dataset.bound = "1";
      button.addEventListener("click", function () {
        var target = document.getElementById(button.dataset.copyTarget);
        if (target && navigator.clipboard) {
          navigator.clipboard.writeText(target.textContent.trim());
          button.textContent = button.dataset.copiedLabel || button.textContent;
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (event) { init(event.target); });
})();
