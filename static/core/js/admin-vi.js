/*
 * The Wagtail admin in Vietnamese where its catalogue cannot reach (R9.2), loaded on every
 * admin page by core/wagtail_hooks.py.
 *
 * 1. Page addresses (core/slugs.py on the server). Wagtail's slug field (the `w-slug` Stimulus controller) applies its documented `formatters`
 * value (regex, replacement pairs) before it slugifies; left alone it turns "Đọc" into "djc"
 * and drops "ộ". These formatters remove tone and vowel marks (precomposed or combining, so
 * NFD input too) and fold đ/Đ to d, on every slug field, including those in dialogs.
 */
(function () {
  "use strict";

  var FOLDS = [
    [["\\p{M}", "gu"], ""],
    [["[àáạảãâầấậẩẫăằắặẳẵ]", "giu"], "a"],
    [["[èéẹẻẽêềếệểễ]", "giu"], "e"],
    [["[ìíịỉĩ]", "giu"], "i"],
    [["[òóọỏõôồốộổỗơờớợởỡ]", "giu"], "o"],
    [["[ùúụủũưừứựửữ]", "giu"], "u"],
    [["[ỳýỵỷỹ]", "giu"], "y"],
    [["đ", "giu"], "d"],
  ];
  var VALUE = JSON.stringify(FOLDS);
  var ATTRIBUTE = "data-w-slug-formatters-value";

  function foldSlugFields() {
    document.querySelectorAll('[data-controller~="w-slug"]').forEach(function (field) {
      if (field.getAttribute(ATTRIBUTE) !== VALUE) {
        field.setAttribute(ATTRIBUTE, VALUE);
      }
    });
  }

  // Capture phase: runs before the title's sync to the slug and the slug's own blur handler.
  ["focusin", "input", "change"].forEach(function (type) {
    document.addEventListener(type, foldSlugFields, true);
  });
  /*
   * 2. Search forms' submit buttons (read by screen readers) carry a literal value="Search"
   * in Wagtail's templates (home.html, shared/header.html), outside its catalogue.
   */
  function translateLiteralButtons() {
    var gettext = window.django && window.django.gettext;
    if (!gettext) return;
    document.querySelectorAll('form[role="search"] input[type="submit"][value="Search"]').forEach(
      function (button) {
        button.value = gettext("Search");
      },
    );
  }

  function ready() {
    foldSlugFields();
    translateLiteralButtons();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
