// Kiosk terminals: sign out after two idle minutes, with a warning 20 seconds before. Optional: without
// this script a <noscript> refresh signs out after two minutes on the page, and the server ends kiosk
// sessions idle for two minutes whatever the browser does. Every touch or key restarts the count; while
// someone is busy on one page (typing a long form) a light request at most every 5 seconds restarts the
// server's count too, so the two clocks agree.
(function () {
  'use strict';
  var warning = document.getElementById('kiosk-warning');
  if (!warning) return;
  var idleMs = Number(warning.getAttribute('data-idle-seconds')) * 1000;
  var warnMs = Number(warning.getAttribute('data-warn-seconds')) * 1000;
  var timeoutPath = warning.getAttribute('data-timeout-path');
  var alivePath = warning.getAttribute('data-alive-path');
  if (!(idleMs > 0) || !(warnMs > 0) || !timeoutPath || !alivePath) return;

  var PING_EVERY_MS = 5000;
  var lastPing = Date.now(); // the page's own request just restarted the server's count
  var warnTimer = 0;
  var outTimer = 0;

  function start() {
    clearTimeout(warnTimer);
    clearTimeout(outTimer);
    warning.hidden = true;
    warnTimer = setTimeout(function () {
      warning.hidden = false;
    }, warnMs);
    outTimer = setTimeout(function () {
      window.location.assign(timeoutPath);
    }, idleMs);
  }

  function activity() {
    var now = Date.now();
    // The count restarts only when the server hears of it, so the page never outlives the session.
    if (now - lastPing < PING_EVERY_MS) return;
    lastPing = now;
    fetch(alivePath, { credentials: 'same-origin', cache: 'no-store' }).then(
      function (response) {
        if (response.status === 204) start();
        else window.location.assign(timeoutPath); // the session has already ended
      },
      function () {
        /* offline for a moment: the timers keep running */
      },
    );
  }

  ['pointerdown', 'keydown', 'input', 'touchstart'].forEach(function (type) {
    document.addEventListener(type, activity, { passive: true, capture: true });
  });
  start();
})();
