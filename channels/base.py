"""What every custom input channel's Sanic routes share."""

from __future__ import annotations

import inspect

from rasa.core.channels.channel import InputChannel
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse


def channel_blueprint(channel: InputChannel) -> Blueprint:
    """A blueprint named after the channel class, with GET / as the channel's health check."""
    module = inspect.getmodule(channel)
    webhook = Blueprint(
        f"custom_webhook_{type(channel).__name__}", module.__name__ if module else None
    )

    @webhook.route("/", methods=["GET"])
    async def health(request: Request) -> HTTPResponse:
        return response.json({"status": "ok"})

    return webhook
