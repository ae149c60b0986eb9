/* The afspraak form shows only the fields of the chosen soort (issue 13), as progressive enhancement:
   without this script every field is shown and the server still asks for what the soort needs.
   Which field belongs to which soort is stated once, in RegelForm.SOORT_VELDEN (data-soort). */
(function () {
  "use strict";

  function toon(form) {
    var keuze = form.querySelector("select[name$='soort']");
    if (!keuze) return;
    form.querySelectorAll("[data-soort]").forEach(function (blok) {
      // A field with an error stays visible, whatever is chosen: what was typed is never hidden.
      var fout = blok.querySelector(".wr-field--invalid");
      blok.hidden = !fout && blok.getAttribute("data-soort").split(" ").indexOf(keuze.value) === -1;
    });
  }

  function overal(root) {
    (root || document).querySelectorAll(".wr-regel-form").forEach(function (form) {
      toon(form);
      var keuze = form.querySelector("select[name$='soort']");
      if (keuze && !keuze.dataset.gekoppeld) {
        keuze.dataset.gekoppeld = "1";
        keuze.addEventListener("change", function () { toon(form); });
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { overal(); });
  document.addEventListener("htmx:afterSettle", function (e) { overal(e.target); });
})();
