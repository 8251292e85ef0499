/* "Exit this page" on the upload link's page (the chat page has its own in chat.js): the
 * button, or Shift pressed 3 times within 5 seconds, hides the page and replaces it with the
 * neutral site, so Back does not return. Words come from #exit-strings (the server's). */
(function () {
  "use strict";

  var exitLink = document.getElementById("quick-exit");
  var exitStatus = document.getElementById("exit-status");
  var overlay = document.getElementById("exit-overlay");
  var strings = JSON.parse(document.getElementById("exit-strings").textContent);
  var presses = 0;
  var timer = null;
  var otherKey = false;

  function exitPage() {
    document.documentElement.classList.add("exiting");
    overlay.hidden = false;
    document.title = strings.loading;
    exitStatus.textContent = strings.exiting;
    window.location.replace(exitLink.getAttribute("data-exit-url"));
  }

  function reset(expired) {
    if (presses > 0 && expired) {
      exitStatus.textContent = strings.shiftExpired;
    }
    presses = 0;
    if (timer) {
      window.clearTimeout(timer);
      timer = null;
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") {
      otherKey = true;
      reset(false);
    } else if (!event.repeat) {
      otherKey = false;
    }
  });

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || otherKey) {
      return;
    }
    presses += 1;
    if (presses >= 3) {
      reset(false);
      exitPage();
      return;
    }
    exitStatus.textContent = presses === 1 ? strings.shift1 : strings.shift2;
    if (timer) {
      window.clearTimeout(timer);
    }
    timer = window.setTimeout(function () { reset(true); }, 5000);
  });

  exitLink.addEventListener("click", function (event) {
    event.preventDefault();
    exitPage();
  });
})();
