// Dossier forms: save as you go (a moment after the last change), a running total for the
// criteria sheet, and one case per "choose one" criterion. Without JS the Save button works.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]") || document.getElementById("sheet-form");
  if (!form) return;
  var status = form.querySelector("[data-save-status]");
  var totalEl = form.querySelector("[data-running-total]");
  var starsEl = form.querySelector("[data-stars]");
  var timer = null;
  var saving = false;
  var pending = false;

  function runningTotal() {
    if (!totalEl) return;
    var total = 0;
    form.querySelectorAll("input[type=radio]:checked").forEach(function (input) {
      total += parseFloat(input.getAttribute("data-points")) || 0;
    });
    totalEl.textContent = String(Math.round(total * 100) / 100);
    form.querySelectorAll("[data-part]").forEach(function (part) {
      var out = part.querySelector("[data-part-total]");
      if (!out) return;
      var sum = 0;
      part.querySelectorAll("input[type=radio]:checked").forEach(function (input) {
        sum += parseFloat(input.getAttribute("data-points")) || 0;
      });
      out.textContent = String(Math.round(sum * 100) / 100);
    });
  }

  function say(text, isError) {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("error", !!isError);
  }

  function save() {
    if (saving) { pending = true; return; }
    saving = true;
    say(form.getAttribute("data-saving-text") || "…");
    fetch(form.action || window.location.href, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (r) {
      if (r.ok && r.data.ok) {
        say(r.data.message);
        if (totalEl && r.data.total !== undefined) totalEl.textContent = String(r.data.total);
        if (starsEl && r.data.stars_text) starsEl.textContent = r.data.stars_text;
      } else {
        say(r.data.error || "!", true);
      }
    }).catch(function () {
      say(status ? status.getAttribute("data-offline") || "!" : "!", true);
    }).then(function () {
      saving = false;
      if (pending) { pending = false; save(); }
    });
  }

  function schedule() {
    if (!form.hasAttribute("data-autosave")) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 1200);
  }

  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type === "radio") {
      var group = input.closest("[data-choose-one]");
      if (group) {
        var leaf = input.closest("fieldset");
        group.querySelectorAll("input[type=radio]:checked").forEach(function (other) {
          if (other.closest("fieldset") !== leaf) other.checked = false;
        });
      }
      runningTotal();
    }
    schedule();
  });
  form.addEventListener("input", function (event) {
    if (event.target.tagName === "TEXTAREA" || event.target.type === "text") schedule();
  });
  runningTotal();
})();
