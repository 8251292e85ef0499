"""What every custom input channel's Sanic routes share: GET / as a health check, and a cap on
request bodies for the whole Rasa server (Sanic's default is 100 MB; our channels read 16 KB)."""

from __future__ import annotations

import inspect

from rasa.core.channels.channel import InputChannel
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

# Sanic answers 413 itself, before reading the body, above this (Twilio's webhook and our JSON
# bodies are a few KB).
MAX_REQUEST_BYTES = 256 * 1024


def channel_blueprint(channel: InputChannel) -> Blueprint:
    """A blueprint named after the channel class, with GET / as the channel's health check."""
    module = inspect.getmodule(channel)
    webhook = Blueprint(
        f"custom_webhook_{type(channel).__name__}", module.__name__ if module else None
    )

    @webhook.route("/", methods=["GET"])
    async def health(request: Request) -> HTTPResponse:
        return response.json({"status": "ok"})

    @webhook.listener("before_server_start")
    async def cap_request_size(app: Sanic, _loop: object) -> None:
        app.config.REQUEST_MAX_SIZE = min(app.config.REQUEST_MAX_SIZE, MAX_REQUEST_BYTES)

    return webhook
