/* Public pages: the header menu toggle on small screens. Kept out of the templates so the
   Content-Security-Policy needs no 'unsafe-inline' for scripts (portal/security.py). */
(function () {
  "use strict";
  function init() {
    var toggle = document.querySelector(".site-header .menu-toggle");
    var menu = document.getElementById("menu-chinh");
    if (!toggle || !menu) return;
    toggle.addEventListener("click", function () {
      var open = menu.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
