/* ASB Assistant web chat: plain JavaScript, no dependencies.
 * Talks only to this website: POST /chat/message {"message", "language"} -> {"messages": [...]}
 * and POST /chat/restart. Every resident-facing string comes from #chat-strings (translated
 * on the server). */
(function () {
  "use strict";

  var chat = document.getElementById("chat");
  var list = document.getElementById("messages");
  var form = document.getElementById("chat-form");
  var input = document.getElementById("chat-input");
  var sendButton = document.getElementById("send");
  var typing = document.getElementById("typing");
  var restartLink = document.getElementById("restart");
  var strings = JSON.parse(document.getElementById("chat-strings").textContent);
  var maxLength = parseInt(chat.getAttribute("data-max-length"), 10) || 2000;
  var language = document.documentElement.lang || "en";
  var welcome = list.innerHTML;
  var busy = false;
  var REQUEST_TIMEOUT_MS = 45000;
  var URL_RE = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]])/g;

  function scrollToEnd() {
    list.scrollTop = list.scrollHeight;
    if (list.lastElementChild && list.lastElementChild.scrollIntoView) {
      list.lastElementChild.scrollIntoView({ block: "end" });
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
    scrollToEnd();
    return item;
  }

  function disableOldQuickReplies() {
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
        if (busy) {
          return;
        }
        send(button.payload, button.title, false);
      });
      group.appendChild(element);
    });
    item.appendChild(group);
  }

  function showBotMessages(messages) {
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
    });
    scrollToEnd();
  }

  function setBusy(value) {
    busy = value;
    typing.hidden = !value;
    sendButton.disabled = value;
    list.setAttribute("aria-busy", value ? "true" : "false");
    if (value) {
      scrollToEnd();
    }
  }

  function showError(text) {
    var item = addMessage("error", text || strings.unavailable, null);
    item.setAttribute("role", "alert");
  }

  function postJSON(url, body) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller
      ? window.setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS)
      : null;
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body),
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      if (timer) {
        window.clearTimeout(timer);
      }
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { ok: response.ok, status: response.status, data: data || {} };
      });
    }, function (error) {
      if (timer) {
        window.clearTimeout(timer);
      }
      throw error;
    });
  }

  /* Send `payload` to the assistant, showing `shown` as what the resident said. */
  function send(payload, shown, typed) {
    if (busy) {
      return;
    }
    if (payload.length > maxLength) {
      showError(strings.tooLong);
      return;
    }
    disableOldQuickReplies();
    addMessage("user", shown, typed ? strings.you : strings.chose);
    setBusy(true);
    postJSON("/chat/message", { message: payload, language: language })
      .then(function (result) {
        setBusy(false);
        if (result.ok) {
          showBotMessages(result.data.messages || []);
        } else {
          if (typed && !input.value) {
            input.value = payload;
          }
          showError(result.data.error || strings.unavailable);
        }
      })
      .catch(function () {
        setBusy(false);
        if (typed && !input.value) {
          input.value = payload;
        }
        showError(strings.unavailable);
      })
      .then(function () {
        input.focus();
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text || busy) {
      return;
    }
    if (text.length > maxLength) {
      showError(strings.tooLong);
      return;
    }
    input.value = "";
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

  restartLink.addEventListener("click", function (event) {
    event.preventDefault();
    if (busy || !window.confirm(strings.restartConfirm)) {
      return;
    }
    postJSON("/chat/restart", {})
      .then(function (result) {
        if (!result.ok) {
          showError(result.data.error || strings.unavailable);
          return;
        }
        list.innerHTML = welcome;
        input.value = "";
        addMessage("note", strings.restarted, null);
        input.focus();
      })
      .catch(function () {
        showError(strings.unavailable);
      });
  });
})();
