"""Every resident-facing string the web chat's script shows, translated on the server (the page
passes them to chat.js as a JSON block, so the script holds no words of its own)."""

from __future__ import annotations

from core.i18n import _


def script_strings(language: str, unavailable: str, too_long: str, expired: str) -> dict[str, str]:
    """The strings chat.js reads from #chat-strings, in `language`."""
    return {
        "you": _("You said:", language),
        "chose": _("You chose:", language),
        "assistant": _("The assistant said:", language),
        "unavailable": unavailable,
        "tooLong": too_long,
        "restartConfirm": _(
            "Start again? Anything you have not finished reporting will be lost.", language
        ),
        "restarted": _("You have started a new conversation.", language),
        "notSent": _(
            "Your message was not sent. It is still in the message box. Check your connection, "
            "then choose Try again.",
            language,
        ),
        "retry": _("Try again", language),
        "sending": _("Sending…", language),
        "expired": expired,
        "startNew": _("Start a new conversation", language),
        "historyFailed": _(
            "Your earlier messages could not be loaded. Check your connection, then reload "
            "the page.",
            language,
        ),
        "shift1": _("Shift, press 2 more times to exit this page.", language),
        "shift2": _("Shift, press 1 more time to exit this page.", language),
        "shiftExpired": _("Exit this page expired.", language),
        "exiting": _("Exiting this page.", language),
        "loading": _("Loading.", language),
        "chooseFile": _("Please choose a file to send.", language),
        "uploading": _("Sending your file…", language),
        "uploadFailed": _(
            "Your file was not sent. Check your connection, then try again.", language
        ),
    }
