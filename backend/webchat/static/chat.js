/* ASB Assistant web chat: plain JavaScript, no dependencies.
 * Talks only to this website: POST /chat/message {"message", "language"} -> {"messages": [...]},
 * GET /chat/history (the transcript after a reload), POST /chat/restart and POST /chat/exit.
 * Nothing is kept in the browser but the server's HttpOnly session cookie (no local storage).
 * Every resident-facing string comes from #chat-strings (translated on the server). */
(function () {
  "use strict";

  var chat = document.getElementById("chat");
  var list = document.getElementById("messages");
  var form = document.getElementById("chat-form");
  var input = document.getElementById("chat-input");
  var sendButton = document.getElementById("send");
  var typing = document.getElementById("typing");
  var typingText = typing.querySelector(".typing-text");
  var restartButton = document.getElementById("restart");
  var announcer = document.getElementById("announcer");
  var errorBox = document.getElementById("chat-error");
  var expiredBox = document.getElementById("expired");
  var exitLink = document.getElementById("quick-exit");
  var exitStatus = document.getElementById("exit-status");
  var overlay = document.getElementById("exit-overlay");
  var strings = JSON.parse(document.getElementById("chat-strings").textContent);
  var maxLength = parseInt(chat.getAttribute("data-max-length"), 10) || 2000;
  var language = document.documentElement.lang || "en";
  var welcome = list.innerHTML;
  var busy = false;
  var failed = null; /* the send that failed: {payload, shown, typed}, for "Try again" */
  var REQUEST_TIMEOUT_MS = 45000;
  var URL_RE = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]])/g;

  /* -- Exit this page (GOV.UK pattern): the button, or Shift pressed 3 times ----------------- */

  var shiftPresses = 0;
  var shiftTimer = null;
  var otherKeyWhileShift = false;

  function exitPage() {
    document.documentElement.classList.add("exiting");
    overlay.hidden = false;
    document.title = strings.loading;
    exitStatus.textContent = strings.exiting;
    var target = exitLink.getAttribute("data-exit-url");
    var gone = false;
    function go() {
      if (!gone) {
        gone = true;
        window.location.replace(target); /* replace: Back does not come back here */
      }
    }
    /* End the chat on the server (and clear its cookie); go as soon as it answers, or after a
     * moment whatever happens: keepalive lets the request finish after we have gone. */
    try {
      fetch("/chat/exit", { method: "POST", credentials: "same-origin", keepalive: true })
        .then(go, go);
    } catch (error) {
      go();
    }
    window.setTimeout(go, 400);
  }

  function resetShift(expired) {
    if (shiftPresses > 0 && expired) {
      exitStatus.textContent = strings.shiftExpired;
    }
    shiftPresses = 0;
    exitLink.removeAttribute("data-presses");
    if (shiftTimer) {
      window.clearTimeout(shiftTimer);
      shiftTimer = null;
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") {
      otherKeyWhileShift = true;
      resetShift(false);
    } else if (!event.repeat) {
      otherKeyWhileShift = false;
    }
  });

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || otherKeyWhileShift) {
      return;
    }
    shiftPresses += 1;
    exitLink.setAttribute("data-presses", String(shiftPresses));
    if (shiftPresses >= 3) {
      resetShift(false);
      exitPage();
      return;
    }
    exitStatus.textContent = shiftPresses === 1 ? strings.shift1 : strings.shift2;
    if (shiftTimer) {
      window.clearTimeout(shiftTimer);
    }
    shiftTimer = window.setTimeout(function () { resetShift(true); }, 5000);
  });

  exitLink.addEventListener("click", function (event) {
    event.preventDefault();
    exitPage();
  });

  /* Coming back to this page from the browser's cache: show it again, but the chat has ended. */
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && document.documentElement.classList.contains("exiting")) {
      document.documentElement.classList.remove("exiting");
      overlay.hidden = true;
      list.innerHTML = welcome;
      input.value = "";
    }
  });

  /* -- The conversation --------------------------------------------------------------------- */

  function scrollToEnd() {
    var last = list.lastElementChild;
    if (last && last.scrollIntoView) {
      last.scrollIntoView({ block: "nearest" });
    }
  }

  /* Text with web addresses turned into links; everything else stays plain text. */
  function appendText(parent, text) {
    var last = 0;
    text.replace(URL_RE, function (url, _group, offset) {
      parent.appendChild(document.createTextNode(text.slice(last, offset)));
      var link = document.createElement("a");
      link.href = url;
      link.textContent = url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      parent.appendChild(link);
      last = offset + url.length;
      return url;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function addMessage(kind, text, label) {
    var item = document.createElement("li");
    item.className = "message " + kind;
    if (label) {
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = label + " ";
      item.appendChild(hidden);
    }
    var para = document.createElement("p");
    appendText(para, text);
    item.appendChild(para);
    list.appendChild(item);
    return item;
  }

  function removeQuickReplies() {
    var groups = list.querySelectorAll(".quick-replies");
    for (var i = 0; i < groups.length; i++) {
      groups[i].parentNode.removeChild(groups[i]);
    }
  }

  function addQuickReplies(item, buttons) {
    var group = document.createElement("div");
    group.className = "quick-replies";
    buttons.forEach(function (button) {
      var element = document.createElement("button");
      element.type = "button";
      element.className = "quick-reply";
      element.textContent = button.title;
      element.addEventListener("click", function () {
        if (!busy) {
          send(button.payload, button.title, false);
        }
      });
      group.appendChild(element);
    });
    item.appendChild(group);
  }

  /* Show the assistant's messages; `announce`: say them once through the live region. */
  function showBotMessages(messages, announce) {
    if (announce) {
      announcer.textContent = "";
    }
    messages.forEach(function (message) {
      var text = typeof message.text === "string" ? message.text : "";
      var hasButtons = Array.isArray(message.buttons) && message.buttons.length > 0;
      if (!text && !hasButtons) {
        return;
      }
      var item = addMessage("bot", text, strings.assistant);
      if (hasButtons) {
        addQuickReplies(item, message.buttons);
      }
      if (announce && text) {
        var said = document.createElement("p");
        said.textContent = text;
        announcer.appendChild(said);
      }
    });
    scrollToEnd();
  }

  function setBusy(value) {
    busy = value;
    typing.classList.toggle("active", value);
    typingText.hidden = !value;
    sendButton.disabled = value;
    list.setAttribute("aria-busy", value ? "true" : "false");
  }

  function clearError() {
    errorBox.textContent = "";
    errorBox.classList.remove("shown");
  }

  /* A plain message above the message box; with `retry`, a "Try again" button too. */
  function showError(text, retry) {
    clearError();
    var para = document.createElement("p");
    para.textContent = text || strings.unavailable;
    errorBox.appendChild(para);
    if (retry) {
      var again = document.createElement("button");
      again.type = "button";
      again.id = "retry";
      again.className = "retry";
      again.textContent = strings.retry;
      again.addEventListener("click", function () {
        var last = failed;
        if (last && !busy) {
          send(last.payload, last.shown, last.typed);
        }
      });
      errorBox.appendChild(again);
    }
    errorBox.classList.add("shown");
  }

  function showExpired(text) {
    removeQuickReplies();
    document.getElementById("expired-text").textContent = text || strings.expired;
    expiredBox.hidden = false;
    document.getElementById("start-new").focus();
  }

  function request(method, url, body) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller
      ? window.setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS)
      : null;
    var options = {
      method: method,
      credentials: "same-origin",
      headers: { "Accept": "application/json" },
      signal: controller ? controller.signal : undefined
    };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    function done() {
      if (timer) {
        window.clearTimeout(timer);
      }
    }
    return fetch(url, options).then(function (response) {
      done();
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { ok: response.ok, status: response.status, data: data || {} };
      });
    }, function (error) {
      done();
      throw error;
    });
  }

  /* Send `payload` to the assistant, showing `shown` as what the resident said. A typed message
   * stays in the box until the assistant has it; if it fails, it is still there to try again. */
  function send(payload, shown, typed) {
    if (busy) {
      return;
    }
    if (payload.length > maxLength) {
      showError(strings.tooLong, false);
      return;
    }
    clearError();
    failed = null;
    var pending = addMessage("user pending", shown, typed ? strings.you : strings.chose);
    scrollToEnd();
    setBusy(true);
    request("POST", "/chat/message", { message: payload, language: language })
      .then(function (result) {
        setBusy(false);
        if (result.ok) {
          pending.classList.remove("pending");
          removeQuickReplies();
          if (typed && input.value.trim() === payload) {
            input.value = "";
          }
          showBotMessages(result.data.messages || [], true);
          if (result.data.language && result.data.language !== language) {
            /* A language chosen from the assistant's menu: the page follows (issue 16). */
            window.location.assign("/?lang=" + encodeURIComponent(result.data.language));
          }
          return;
        }
        list.removeChild(pending);
        if (result.status === 409 && result.data.expired) {
          showExpired(result.data.error);
          return;
        }
        failed = { payload: payload, shown: shown, typed: typed };
        showError(
          result.status >= 500 ? strings.notSent + " " + (result.data.error || "") : result.data.error,
          result.status >= 500
        );
      })
      .catch(function () {
        setBusy(false);
        if (pending.parentNode) {
          list.removeChild(pending);
        }
        failed = { payload: payload, shown: shown, typed: typed };
        showError(strings.notSent, true);
      })
      .then(function () {
        if (expiredBox.hidden) {
          input.focus();
        }
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text || busy) {
      return;
    }
    if (text.length > maxLength) {
      showError(strings.tooLong, false);
      return;
    }
    input.value = text;
    send(text, text, true);
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (form.requestSubmit) {
        form.requestSubmit();
      } else {
        form.dispatchEvent(new Event("submit", { cancelable: true }));
      }
    }
  });

  function startAgain(confirmFirst) {
    if (busy || (confirmFirst && !window.confirm(strings.restartConfirm))) {
      return;
    }
    request("POST", "/chat/restart", {})
      .then(function (result) {
        if (!result.ok) {
          showError(result.data.error || strings.unavailable, false);
          return;
        }
        list.innerHTML = welcome;
        expiredBox.hidden = true;
        clearError();
        failed = null;
        addMessage("note", strings.restarted, null);
        announcer.textContent = strings.restarted;
        input.focus();
      })
      .catch(function () {
        showError(strings.unavailable, false);
      });
  }

  restartButton.addEventListener("click", function () { startAgain(true); });
  document.getElementById("start-new").addEventListener("click", function () {
    startAgain(false);
  });

  /* After a reload (or the phone waking up), show this session's conversation again, from the
   * server, with the open question's buttons. Not announced: it is not new. */
  function showHistory(turns) {
    var last = null;
    turns.forEach(function (turn) {
      if (turn.from === "resident") {
        addMessage("user", turn.text, strings.you);
      } else {
        last = addMessage("bot", turn.text || "", strings.assistant);
        if (Array.isArray(turn.buttons) && turn.buttons.length) {
          addQuickReplies(last, turn.buttons);
        }
      }
    });
    if (turns.length) {
      scrollToEnd();
    }
  }

  function loadHistory() {
    setBusy(true);
    request("GET", "/chat/history")
      .then(function (result) {
        setBusy(false);
        if (!result.ok) {
          showError(strings.historyFailed, false);
        } else if (result.data.state === "expired") {
          showExpired(strings.expired);
        } else if (result.data.state === "active") {
          showHistory(result.data.turns || []);
        }
      })
      .catch(function () {
        setBusy(false);
        showError(strings.historyFailed, false);
      });
  }

  /* Focus never hidden under the sticky exit bar or message box (WCAG 2.4.11): the page's
   * scroll padding follows their heights, and a focused control under them is scrolled out. */
  var top = document.getElementById("top");
  function stuckHeight(element) {
    var position = window.getComputedStyle(element).position;
    return position === "sticky" || position === "fixed" ? element.offsetHeight : 0;
  }
  function measure() {
    var style = document.documentElement.style;
    style.setProperty("--top-height", stuckHeight(top) + 8 + "px");
    style.setProperty("--composer-height", stuckHeight(form) + 8 + "px");
  }
  measure();
  window.addEventListener("resize", measure);
  if (window.ResizeObserver) {
    new ResizeObserver(measure).observe(form);
    new ResizeObserver(measure).observe(top);
  }
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (!target || form.contains(target) || top.contains(target) || !target.getBoundingClientRect) {
      return;
    }
    var rect = target.getBoundingClientRect();
    var below = form.getBoundingClientRect().top;
    var above = stuckHeight(top) ? top.getBoundingClientRect().bottom : 0;
    if (stuckHeight(form) && rect.bottom > below - 4) {
      window.scrollBy(0, rect.bottom - below + 12);
    } else if (rect.top < above + 4) {
      window.scrollBy(0, rect.top - above - 12);
    }
  });

  loadHistory();
})();
