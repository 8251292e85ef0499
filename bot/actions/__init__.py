"""Custom actions of the assistant (served by `bot.actions.server`).

The modules are imported here so that rasa_sdk's executor registers every action when it loads
this package.
"""

from bot.actions import (  # noqa: F401
    case_review,
    digressions,
    forms,
    language,
    report,
    returning,
    safety_advice,
    submit,
)
