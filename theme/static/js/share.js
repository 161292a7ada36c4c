// Issue 16, "Cite this" and "Sharing without trackers" (theme/templates/_cite.html, _share.html).
//
// Without JavaScript the page keeps its plain share links and the citation's "[date]" slot.
// With it: the copy-link button appears where the Clipboard API does, a "Share…" button in
// place of the links where the browser offers the Web Share API, and the citation's slot
// gets today's date (DD.MM.YYYY, as Kazakh and Russian citations write it).
(function () {
  "use strict";
  var canonical = document.querySelector('link[rel="canonical"]');
  var ogTitle = document.querySelector('meta[property="og:title"]');
  var address = canonical ? canonical.href : location.href; // resolved: absolute in every build
  var title = ogTitle ? ogTitle.content : document.title;

  var now = new Date();
  function two(n) { return (n < 10 ? "0" : "") + n; }
  var today = two(now.getDate()) + "." + two(now.getMonth() + 1) + "." + now.getFullYear();
  document.querySelectorAll("[data-accessed]").forEach(function (slot) {
    slot.textContent = today;
  });
  document.querySelectorAll("[data-accessed-note]").forEach(function (note) {
    note.hidden = true; // the slot is filled: nothing left for the reader to write in
  });

  document.querySelectorAll("[data-share]").forEach(function (block) {
    var texts = JSON.parse(block.getAttribute("data-texts"));
    var status = block.querySelector(".share-status");
    var native = block.querySelector("[data-share-native]");
    var copy = block.querySelector("[data-share-copy]");
    var shown = false;

    function say(text) {
      // Emptied first, so the same words said twice are announced twice.
      status.textContent = "";
      setTimeout(function () { status.textContent = text; }, 50);
    }

    if (typeof navigator.share === "function") {
      native.hidden = false;
      shown = true;
      block.querySelectorAll("[data-share-link]").forEach(function (a) { a.parentNode.hidden = true; });
      native.querySelector("button").addEventListener("click", function () {
        navigator.share({ title: title, url: address }).catch(function () { /* the reader closed it */ });
      });
    }
    if (navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
      copy.hidden = false;
      shown = true;
      copy.querySelector("button").addEventListener("click", function () {
        navigator.clipboard.writeText(address).then(
          function () { say(texts.copied); },
          function () { say(texts.failed); }
        );
      });
    }
    if (shown) block.hidden = false;
  });
})();
