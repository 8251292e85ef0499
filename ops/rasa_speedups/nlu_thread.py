"""A message's NLU run beside the Rasa server's event loop (issue 14).

15. The NLU pipeline on a thread of its own. Rasa runs a message's NLU pipeline (DIET's
TensorFlow graph, the sentence encoder's, the classifiers) on the event loop's thread, so while
TensorFlow works, with the interpreter's lock let go, no other turn moves: py-spy of the server
at c=20 found the loop's thread in the pipeline for 21% of the time, holding the lock for less
than half of it. Here each message is parsed on one thread kept for the purpose, and the loop
goes on with other turns (their policies, the tracker store, the calls to the action server)
meanwhile. Messages are parsed one at a time, in the order they came, as on the loop; the
pipeline's components are only ever called from that thread, so their caches see one caller,
and none of them reads the tracker (no node of the model's NLU part takes it), which the turn's
own coroutine leaves alone while it waits. The answer is the same: the same call with the same
arguments (`_parse_message_with_graph`), then the rest of Rasa's `MessageProcessor.parse_message`,
as it is, on the loop. Its debug line with the message's words is not written. A message for an
HTTP interpreter goes Rasa's way.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any

_parser: ThreadPoolExecutor | None = None
_rasas_parse_message: Any = None


def _parsing_thread() -> ThreadPoolExecutor:
    global _parser
    if _parser is None:
        _parser = ThreadPoolExecutor(max_workers=1, thread_name_prefix="asb-nlu")
    return _parser


async def parse_message(
    self: Any, message: Any, tracker: Any = None, only_output_properties: bool = True
) -> dict[str, Any]:
    """`MessageProcessor.parse_message` with the pipeline's run on the parsing thread."""
    if self.http_interpreter:
        return await _rasas_parse_message(self, message, tracker, only_output_properties)
    if tracker is None:
        from rasa.shared.core.trackers import DialogueStateTracker

        tracker = DialogueStateTracker.from_events(message.sender_id, [])
    parse_data = await asyncio.get_running_loop().run_in_executor(
        _parsing_thread(),
        self._parse_message_with_graph,
        message,
        tracker,
        only_output_properties,
    )
    self._update_full_retrieval_intent(parse_data)
    self._check_for_unseen_features(parse_data)
    return parse_data


def install() -> None:
    """Item 15."""
    global _rasas_parse_message
    from rasa.core.processor import MessageProcessor

    if _rasas_parse_message is None:
        _rasas_parse_message = MessageProcessor.parse_message
        MessageProcessor.parse_message = parse_message
