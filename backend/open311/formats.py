"""Open311 answers in XML (which the spec requires) and JSON, and its error format: a list of
`{code, description}` with the HTTP status (400, 403, 404).

XML is built with ElementTree (escaped), with the element names of the spec's examples: a list
is wrapped in its plural element and each item named by `ITEM_TAGS`; true/false are written as
`true`/`false` and a missing value as an empty element. Characters XML 1.0 cannot hold (control
characters a resident may have typed) are dropped.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from typing import Any

from aiohttp import web

FORMATS = ("json", "xml")
# The element of each item in a list, by the list's element name.
ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "service_requests_updates": "request_update",
    "attributes": "attribute",
    "values": "value",
    "errors": "error",
}
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class Open311Error(Exception):
    """A request we answer with the spec's error list; `status` 400, 403 or 404."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _fill(element: ElementTree.Element, value: Any) -> None:
    if isinstance(value, dict):
        for name, child in value.items():
            _fill(ElementTree.SubElement(element, name), child)
    elif isinstance(value, (list, tuple)):
        item_tag = ITEM_TAGS.get(element.tag, "item")
        for child in value:
            _fill(ElementTree.SubElement(element, item_tag), child)
    else:
        element.text = _text(value)


def to_xml(root: str, value: Any) -> bytes:
    """`value` (a list or a dict) as an XML document whose root element is `root`."""
    element = ElementTree.Element(root)
    _fill(element, value)
    return ElementTree.tostring(element, encoding="utf-8", xml_declaration=True)


def respond(fmt: str, root: str, value: Any, status: int = 200) -> web.Response:
    """The answer in `fmt`: JSON as it is, or XML under `root`."""
    if fmt == "xml":
        return web.Response(
            body=to_xml(root, value), status=status, content_type="text/xml", charset="utf-8"
        )
    return web.Response(
        text=json.dumps(value, ensure_ascii=False),
        status=status,
        content_type="application/json",
        charset="utf-8",
    )


def error_response(fmt: str, status: int, description: str) -> web.Response:
    """The spec's error list: one `{code, description}` (code is the HTTP status)."""
    return respond(fmt, "errors", [{"code": status, "description": description}], status)
