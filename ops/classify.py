"""Classify resident messages the way the live assistant does (`asb classify`, bench/).

Loads the trained Rasa model once (`ops.training.ensure_model()`), parses each message with the
same NLU pipeline as the Rasa server, which ends with the safety layer and good-neighbour filter
(`bot.nlu.SafetyOverride`), and maps the result to docs/domain.md section 5 route and category codes
(`bot.routing.route_of`).
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any


def _quiet() -> None:
    """Rasa's structlog prints to stdout by default: errors only, and to stderr."""
    import sys

    import structlog

    structlog.configure(
        wrapper_class=structlog.make_filtering_bound_logger(logging.ERROR),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
    )
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    logging.getLogger().setLevel(logging.ERROR)
    for name in ("rasa", "tensorflow", "absl", "sanic", "py.warnings"):
        logging.getLogger(name).setLevel(logging.ERROR)


class Classifier:
    """`Classifier.load(model)` then `classify(text)` / `classify_many(texts)`."""

    def __init__(self, agent: Any) -> None:
        self._agent = agent
        self._loop = asyncio.new_event_loop()

    @classmethod
    def load(cls, model_path: Path | str | None = None) -> Classifier:
        _quiet()
        import warnings

        warnings.filterwarnings("ignore")
        if model_path is None:
            from ops.training import ensure_model

            model_path = ensure_model(log=lambda _m: None)
        elif not Path(model_path).is_file():
            # Rasa would quietly load the newest model of that folder instead.
            raise FileNotFoundError(f"no such model file: {model_path}")
        from rasa.core.agent import Agent

        from ops import rasa_speedups

        rasa_speedups.install()  # DIET loaded without tracing: the same answers, a third the time
        agent = Agent.load(str(model_path))
        _quiet()
        return cls(agent)

    def classify(self, text: str, language: str | None = None) -> dict[str, Any]:
        """Route, category and confidence of a message, and its language: `language` when
        given (a supported code: the conversation's language, as a channel passes it in the
        message metadata), else detected (core/language_detect.py)."""
        from bot.multilingual import message_language
        from bot.routing import route_of

        text = str(text or "")
        metadata = {"language": language} if language else None
        detected = message_language(text, metadata)
        if not text.strip():
            return {
                "text": text,
                "route": "asb_unspecified",
                "category": None,
                "confidence": 0.0,
                "language": detected,
            }
        # A leading "/" would be read as an intent payload by Rasa; classify the words instead.
        parsed_text = text.lstrip("/") if text.startswith("/") else text
        parse = self._loop.run_until_complete(self._parse(parsed_text, metadata))
        result = route_of(parsed_text, parse)
        result["text"] = text
        result["language"] = detected
        return result

    async def _parse(self, text: str, metadata: dict[str, Any] | None) -> dict[str, Any]:
        """Rasa's parse of `text` with the message metadata a channel would send."""
        from rasa.core.channels.channel import UserMessage

        if metadata is None:
            return await self._agent.parse_message(text)
        return await self._agent.processor.parse_message(UserMessage(text, metadata=metadata))

    def classify_many(self, texts: Iterable[str]) -> Iterator[dict[str, Any]]:
        for text in texts:
            yield self.classify(text)

    def close(self) -> None:
        self._loop.close()
