// Counts one view of the current page (first-party, no cookies, works behind a cache).
(function () {
  var script = document.currentScript;
  var url = script && script.getAttribute("data-beacon");
  if (!url) return;
  if (navigator.sendBeacon) {
    navigator.sendBeacon(url);
  } else {
    fetch(url, { method: "POST", keepalive: true, credentials: "omit" });
  }
})();
