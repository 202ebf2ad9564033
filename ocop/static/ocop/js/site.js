// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  var menu = document.querySelector("details.menu");
  if (!menu) return;
  var wide = window.matchMedia("(min-width: 48rem)");
  function sync() { menu.open = wide.matches; }
  sync();
  wide.addEventListener("change", sync);
})();

// Print buttons (no inline handlers under the Content-Security-Policy).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
document.documentElement.classList.add("js");

// Live filtering of a list by a search box that folds Vietnamese accents.
(function () {
  "use strict";
  function fold(text) {
    return (text || "").replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }
  document.querySelectorAll("[data-filter-list]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("data-filter-list"));
    if (!list) return;
    var empty = document.querySelector(".filter-empty");
    input.addEventListener("input", function () {
      var q = fold(input.value);
      var shown = 0;
      list.querySelectorAll("[data-filter-item]").forEach(function (item) {
        var match = !q || item.getAttribute("data-search").indexOf(q) !== -1;
        item.hidden = !match;
        if (match) shown += 1;
      });
      list.querySelectorAll("[data-filter-section]").forEach(function (section) {
        section.hidden = !section.querySelector("[data-filter-item]:not([hidden])");
      });
      if (empty) empty.hidden = shown !== 0;
    });
  });
})();
