/* The afspraak form shows only the fields of the chosen soort (issue 13), as progressive enhancement:
   without this script every field is shown and the server still asks for what the soort needs.
   Which field belongs to which soort is stated once, in RegelForm.SOORT_VELDEN (data-soort).
   One listener on the document: a form that htmx has just put in place is covered at once. */
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

  function overal() {
    document.querySelectorAll(".wr-regel-form").forEach(toon);
  }

  document.addEventListener("change", function (e) {
    var form = e.target.closest && e.target.closest(".wr-regel-form");
    if (form && e.target.matches("select[name$='soort']")) toon(form);
  });
  document.addEventListener("DOMContentLoaded", overal);
  document.addEventListener("htmx:afterSwap", overal);
  document.addEventListener("htmx:oobAfterSwap", overal);
})();
