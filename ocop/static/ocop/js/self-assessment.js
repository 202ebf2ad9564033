// Self-assessment sheet: running total, one case per "choose one" criterion, and the answers
// kept in the address bar so a reload (or a shared link) keeps them. The form works without it.
(function () {
  "use strict";
  var form = document.getElementById("sheet-form");
  if (!form) return;
  var totalEl = form.querySelector("[data-running-total]");

  function update() {
    var total = 0;
    form.querySelectorAll("input[type=radio]:checked").forEach(function (input) {
      total += parseFloat(input.getAttribute("data-points")) || 0;
    });
    if (totalEl) totalEl.textContent = String(Math.round(total * 100) / 100);
    var params = new URLSearchParams(new FormData(form));
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }

  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type !== "radio") return;
    var group = input.closest("[data-choose-one]");
    if (group) {
      // Answering one case clears the other case of the same criterion.
      var leaf = input.closest("fieldset");
      group.querySelectorAll("input[type=radio]:checked").forEach(function (other) {
        if (other.closest("fieldset") !== leaf) other.checked = false;
      });
    }
    update();
  });
  update();
})();
