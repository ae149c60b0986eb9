/* Small screens (issue 13), as progressive enhancement: without this script the menu is shown in full
   and a table scrolls sideways in its box.
   - The main menu folds behind a "Menu" button on a phone (the button is hidden until this runs).
   - A table wider than the phone shows each row as a block, each cell with its column heading
     (data-label; the explicit roles keep it a table for screen readers). */
(function () {
  "use strict";

  function menu() {
    var knop = document.querySelector(".wr-nav__knop");
    if (!knop) return;
    knop.hidden = false;
    knop.closest(".wr-nav").classList.add("wr-nav--inklapbaar");
    knop.addEventListener("click", function () {
      knop.setAttribute("aria-expanded", knop.getAttribute("aria-expanded") === "true" ? "false" : "true");
    });
  }

  function rol(el, naam) {
    if (!el.hasAttribute("role")) el.setAttribute("role", naam);
  }

  /* The heading of every column, row and column spans included: a group heading over its columns
     ("Problematiek") is joined with the heading below it ("Problematiek jeugd"). */
  function kolomkoppen(tabel) {
    var raster = [];
    Array.prototype.forEach.call(tabel.querySelectorAll("thead tr"), function (tr, r) {
      raster[r] = raster[r] || [];
      var kolom = 0;
      Array.prototype.forEach.call(tr.children, function (th) {
        while (raster[r][kolom] !== undefined) kolom++;
        var breed = parseInt(th.getAttribute("colspan") || "1", 10) || 1;
        var hoog = parseInt(th.getAttribute("rowspan") || "1", 10) || 1;
        var tekst = th.textContent.replace(/\s+/g, " ").trim();
        for (var i = 0; i < hoog; i++) {
          raster[r + i] = raster[r + i] || [];
          for (var j = 0; j < breed; j++) raster[r + i][kolom + j] = i === 0 ? tekst : "";
        }
        kolom += breed;
      });
    });
    var koppen = [];
    raster.forEach(function (rij) {
      rij.forEach(function (tekst, k) {
        if (tekst && koppen[k] !== tekst) koppen[k] = koppen[k] ? koppen[k] + " " + tekst : tekst;
      });
    });
    return koppen;
  }

  function voorbereiden(tabel) {
    if (tabel.hasAttribute("data-kolommen")) return;
    tabel.setAttribute("data-kolommen", "");
    var koppen = kolomkoppen(tabel);
    rol(tabel, "table");
    Array.prototype.forEach.call(tabel.querySelectorAll("thead, tbody, tfoot"), function (g) { rol(g, "rowgroup"); });
    Array.prototype.forEach.call(tabel.querySelectorAll("tr"), function (tr) {
      rol(tr, "row");
      var kolom = 0;
      Array.prototype.forEach.call(tr.children, function (cel) {
        var breed = parseInt(cel.getAttribute("colspan") || "1", 10) || 1;
        if (cel.parentElement.parentElement.tagName === "THEAD") {
          rol(cel, "columnheader");
        } else {
          rol(cel, cel.tagName === "TH" ? "rowheader" : "cell");
          if (cel.tagName === "TD" && breed === 1 && koppen[kolom] && !cel.hasAttribute("data-label")) cel.setAttribute("data-label", koppen[kolom]);
        }
        kolom += breed;
      });
    });
  }

  var smal = window.matchMedia("(max-width: 40rem)");

  /* A table that does not fit a phone's width is shown row by row; one that fits stays a table. */
  function tabellen(binnen) {
    var lijst = (binnen || document).querySelectorAll(".wr-table-wrap > table:not(.wr-zrm)");
    Array.prototype.forEach.call(lijst, function (tabel) {
      if (!tabel.querySelector("thead th")) return;
      voorbereiden(tabel);
      tabel.classList.remove("wr-tabel--stapelbaar");
      if (smal.matches && tabel.scrollWidth > tabel.parentElement.clientWidth + 1) tabel.classList.add("wr-tabel--stapelbaar");
    });
  }

  function start() {
    menu();
    tabellen();
    // Search results replaced by htmx (sociale kaart, personen) get the same treatment.
    document.body.addEventListener("htmx:afterSettle", function (e) { tabellen(e.target); });
    // A form sent by htmx that comes back with errors: its summary gets the focus, which scrolls it into view
    // (the plan's "Doel toevoegen" answered above the screen, and the focus stayed on the button).
    document.body.addEventListener("htmx:afterSettle", function (e) {
      var samenvatting = e.target.querySelector && e.target.querySelector(".wr-error-summary");
      if (samenvatting) samenvatting.focus();
    });
    if (smal.addEventListener) smal.addEventListener("change", function () { tabellen(); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
