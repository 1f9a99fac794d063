// The ask-don't-tell assistant (craft/partials/style_assistant.html): sends the field's text
// with each debounced request, and puts a suggested open question in the field on one click.
// No inline scripts anywhere: the CSP forbids them.
(function () {
  "use strict";
  if (window.salescoachStyleAssistant) return; // the partial may be included more than once
  window.salescoachStyleAssistant = true;

  function boxOf(element) {
    return element && element.closest ? element.closest("[data-style-assistant]") : null;
  }

  function fieldOf(box) {
    return box ? document.getElementById(box.dataset.field) : null;
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var box = boxOf(event.detail.elt);
    if (!box) return;
    var field = fieldOf(box);
    var languageField = box.dataset.languageField ? document.getElementById(box.dataset.languageField) : null;
    event.detail.parameters.text = field ? field.value : "";
    event.detail.parameters.language = languageField ? languageField.value : box.dataset.language || "";
  });

  // A pause when someone analyses very often is news to show, not an error to hide.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 429 && boxOf(event.detail.elt)) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-style-apply]") : null;
    if (!button) return;
    var field = fieldOf(boxOf(button));
    if (!field) return;
    var sentence = button.dataset.sentence;
    var suggestion = button.dataset.suggestion;
    var value = field.value;
    var at = value.indexOf(sentence);
    if (at >= 0) {
      field.value = value.slice(0, at) + suggestion + value.slice(at + sentence.length);
      field.focus();
      field.setSelectionRange(at, at + suggestion.length);
    } else {
      field.value = value + (value && !/\s$/.test(value) ? "\n" : "") + suggestion;
      field.focus();
    }
    field.dispatchEvent(new Event("input", { bubbles: true }));
  });
})();
