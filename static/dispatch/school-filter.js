/* The operator's "chosen schools" list (dispatch): a filter box above the checkboxes, so
   one school among 2,000 is found by typing part of its name, with or without diacritics
   ("nguyen trai" finds "Nguyễn Trãi"). Ticked schools stay ticked while hidden, and the
   form posts them all. Without JavaScript the whole list is shown, as before. The texts
   come from the container's data attributes (translated by the template). */
(function () {
  "use strict";

  function fold(text) {
    return text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();
  }

  function init(box) {
    var items = Array.prototype.slice.call(box.querySelectorAll("label"));
    if (!items.length) return;
    var names = items.map(function (item) { return fold(item.textContent); });
    var input = document.createElement("input");
    input.type = "search";
    input.id = box.id + "-filter";
    input.maxLength = 100;
    input.setAttribute("aria-controls", box.id);
    var label = document.createElement("label");
    label.className = "w-field__label";
    label.htmlFor = input.id;
    label.textContent = box.dataset.filterLabel;
    var status = document.createElement("p");
    status.className = "help";
    status.setAttribute("aria-live", "polite");

    function update() {
      var wanted = fold(input.value);
      var shown = 0;
      var ticked = 0;
      items.forEach(function (item, index) {
        var match = !wanted || names[index].indexOf(wanted) !== -1;
        var row = item.closest("div") || item;
        row.hidden = !match;
        if (match) shown += 1;
        var checkbox = item.querySelector("input[type=checkbox]");
        if (checkbox && checkbox.checked) ticked += 1;
      });
      status.textContent = box.dataset.filterStatus
        .replace("{shown}", shown)
        .replace("{total}", items.length)
        .replace("{ticked}", ticked);
    }

    input.addEventListener("input", update);
    box.addEventListener("change", update);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault(); // filtering, not sending the form
    });
    box.parentNode.insertBefore(label, box);
    box.parentNode.insertBefore(input, box);
    box.parentNode.insertBefore(status, box);
    update();
  }

  function start() {
    document.querySelectorAll("[data-school-filter]").forEach(init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
