/* ASB Assistant on a landlord's own site, with one script tag (README, "Put the chat on your
   site"):

     <script src="https://asb.example.org/chat/embed.js" async
             data-label="Report anti-social behaviour"></script>

   On a page in another language, `data-lang` opens the chat in that language (issue 16):
   data-lang="cy" data-label="Rhoi gwybod am ymddygiad gwrthgymdeithasol".

   It adds a button where the tag stands; the button opens the chat in a new tab at this
   service's own address. Not an iframe, on purpose: the chat's cookie is SameSite=Strict and
   first-party (browsers block third-party cookies in frames), quick exit must replace the whole
   tab, and the chat keeps its own security headers. Nothing is read from or written to the
   host page beyond the button. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var chatUrl = new URL("/", script.src);
  var lang = (script.getAttribute("data-lang") || "").toLowerCase();
  if (!/^[a-z]{2,3}$/.test(lang)) { lang = ""; }
  if (lang) { chatUrl.searchParams.set("lang", lang); }
  var button = document.createElement("a");
  button.href = chatUrl.href;
  if (lang) { button.hreflang = lang; }
  button.target = "_blank";
  button.rel = "noopener";
  button.className = "asb-assistant-launcher";
  button.textContent = script.getAttribute("data-label") || "Report anti-social behaviour (opens in a new tab)";
  /* Big enough to tap (WCAG 2.2 target size), visible focus, the host's font. */
  button.style.cssText =
    "display:inline-block;min-height:44px;padding:10px 16px;background:#1d70b8;color:#fff;" +
    "font:inherit;font-weight:bold;text-decoration:none;border-radius:4px;line-height:24px;";
  button.addEventListener("focus", function () { button.style.outline = "3px solid #fd0"; });
  button.addEventListener("blur", function () { button.style.outline = ""; });
  script.parentNode.insertBefore(button, script.nextSibling);
})();
