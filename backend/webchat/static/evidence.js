/* ASB Assistant: the chat page's upload control (issue 15). Sends one file with POST
 * /chat/evidence (multipart) and shows the server's plain answer: a thank-you in the status
 * region, or what was wrong in the alert region. The words come from the server. */
(function () {
  "use strict";

  var form = document.getElementById("evidence-form");
  if (!form) {
    return;
  }
  var fileInput = document.getElementById("evidence-file");
  var button = document.getElementById("evidence-send");
  var status = document.getElementById("evidence-status");
  var errorBox = document.getElementById("evidence-error");
  var strings = JSON.parse(document.getElementById("chat-strings").textContent);

  function say(box, text) {
    box.textContent = "";
    if (text) {
      var paragraph = document.createElement("p");
      paragraph.textContent = text;
      box.appendChild(paragraph);
    }
  }

  function showError(text) {
    say(status, "");
    say(errorBox, text);
    errorBox.classList.toggle("shown", Boolean(text));
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!fileInput.files || !fileInput.files.length) {
      showError(strings.chooseFile);
      fileInput.focus();
      return;
    }
    var body = new FormData();
    ["reference", "postcode", "pin"].forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field && field.value.trim()) {
        body.append(name, field.value.trim());
      }
    });
    body.append("file", fileInput.files[0]); /* last: the server checks the fields first */
    showError("");
    say(status, strings.uploading);
    button.disabled = true;
    fetch(form.getAttribute("action"), { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          if (response.ok && data.message) {
            say(status, data.message);
            form.reset();
          } else {
            showError(data.error || strings.uploadFailed);
          }
        });
      }, function () {
        showError(strings.uploadFailed);
      })
      .then(function () {
        button.disabled = false;
      });
  });
})();
