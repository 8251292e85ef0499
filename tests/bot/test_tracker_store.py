"""The Rasa server's tracker store (bot/tracker_store.py) keeps trackers between turns yet always
gives what Rasa's own SQL tracker store would read back from the same database: after another
Rasa server's turn, after the retention purge, after a turn that failed half way. On SQLite and
PostgreSQL (the `database_url` fixture). All conversations are fictional."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.utils.endpoints import read_endpoint_config

from bot.tracker_store import CachedSQLTrackerStore

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = Domain.from_dict(
    {
        "intents": ["greet", "report_asb"],
        "slots": {"language": {"type": "text", "mappings": [{"type": "custom"}]}},
    }
)


def _events(tracker) -> list[dict]:
    return [event.as_dict() for event in tracker.events]


async def _first_turn(store: TrackerStore, sender: str) -> None:
    tracker = await store.get_or_create_tracker(sender)
    for event in (
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
        UserUttered("hello", {"name": "greet", "confidence": 1.0}),
        BotUttered("Hello, what would you like to report?"),
        ActionExecuted("action_listen"),
    ):
        tracker.update(event)
    await store.save(tracker)


async def _turn(store: TrackerStore, sender: str, text: str) -> None:
    tracker = await store.retrieve(sender)
    tracker.update(UserUttered(text, {"name": "report_asb", "confidence": 1.0}))
    tracker.update(SlotSet("language", "cy"))
    tracker.update(BotUttered("Where does it happen?"))
    tracker.update(ActionExecuted("action_listen"))
    await store.save(tracker)


def _stores(database_url: str) -> tuple[CachedSQLTrackerStore, SQLTrackerStore]:
    return (
        CachedSQLTrackerStore(domain=DOMAIN, host=database_url),
        SQLTrackerStore(domain=DOMAIN, host=database_url),
    )


async def test_each_turn_reads_what_rasas_own_store_reads(database_url: str) -> None:
    cached, plain = _stores(database_url)
    sender = f"web:{uuid.uuid4()}"
    await _first_turn(cached, sender)
    for text in ("loud music every night", "Flat 2, 1 Example Road", "since last month"):
        kept = await cached.retrieve(sender)
        assert _events(kept) == _events(await plain.retrieve(sender))
        await _turn(cached, sender, text)
    # Nothing stored twice: the session start's own action is not read back, as in Rasa.
    final = await plain.retrieve(sender)
    assert [e.get("text") for e in _events(final) if e["event"] == "user"] == [
        "hello", "loud music every night", "Flat 2, 1 Example Road", "since last month"
    ]  # fmt: skip
    assert _events(await cached.retrieve(sender)) == _events(final)
    assert (await cached.retrieve(sender)).get_slot("language") == "cy"


async def test_a_new_session_in_a_kept_conversation_is_saved_as_rasa_saves_it(
    database_url: str,
) -> None:
    """A resident back after the session expired: the turn that starts the new session and the
    turns after it are written once each, and read back as Rasa's own store reads them."""
    cached, plain = _stores(database_url)
    sender = f"sms:{uuid.uuid4()}"
    await _first_turn(cached, sender)
    await _turn(cached, sender, "shouting in the stairwell")
    tracker = await cached.retrieve(sender)
    for event in (
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
        UserUttered("it is happening again", {"name": "report_asb", "confidence": 1.0}),
        ActionExecuted("action_listen"),
    ):
        tracker.update(event)
    await cached.save(tracker)
    await _turn(cached, sender, "every night this week")
    assert _events(await cached.retrieve(sender)) == _events(await plain.retrieve(sender))
    texts = [e.get("text") for e in _events(await plain.retrieve(sender)) if e["event"] == "user"]
    assert texts == ["it is happening again", "every night this week"]
    with plain.engine.connect() as connection:
        stored = connection.execute(
            sa.text("SELECT COUNT(*) FROM events WHERE sender_id = :s AND type_name = 'user'"),
            {"s": sender},
        ).scalar()
    assert stored == 4  # two messages in each session, each written once


async def test_a_kept_tracker_is_reused_while_nothing_changed(database_url: str) -> None:
    cached, _plain = _stores(database_url)
    sender = f"sms:{uuid.uuid4()}"
    await _first_turn(cached, sender)
    await _turn(cached, sender, "dogs barking all day")
    assert await cached.retrieve(sender) is await cached.retrieve(sender)


async def test_a_turn_answered_by_another_rasa_server_is_read_back(database_url: str) -> None:
    first, _plain = _stores(database_url)
    second = CachedSQLTrackerStore(domain=DOMAIN, host=database_url)
    sender = f"web:{uuid.uuid4()}"
    await _first_turn(first, sender)
    await _turn(first, sender, "bins dumped on the landing")
    await _turn(second, sender, "every weekend")  # the conversation moved to the other server
    texts = [e.get("text") for e in _events(await first.retrieve(sender)) if e["event"] == "user"]
    assert texts == ["hello", "bins dumped on the landing", "every weekend"]


async def test_a_purged_conversation_is_gone(database_url: str) -> None:
    cached, plain = _stores(database_url)
    sender = f"web:{uuid.uuid4()}"
    await _first_turn(cached, sender)
    await _turn(cached, sender, "graffiti on the garages")
    with plain.engine.begin() as connection:  # the retention purge (backend/retention/purge.py)
        connection.execute(sa.text("DELETE FROM events WHERE sender_id = :s"), {"s": sender})
    assert await cached.retrieve(sender) is None


async def test_a_turn_that_failed_before_saving_leaves_no_trace(database_url: str) -> None:
    cached, plain = _stores(database_url)
    sender = f"web:{uuid.uuid4()}"
    await _first_turn(cached, sender)
    tracker = await cached.retrieve(sender)
    tracker.update(UserUttered("never saved", {"name": "greet", "confidence": 1.0}))
    # ... the Rasa server fails here, before its save.
    again = await cached.retrieve(sender)
    assert "never saved" not in [e.get("text") for e in _events(again)]
    assert _events(again) == _events(await plain.retrieve(sender))


def test_rasa_builds_it_from_endpoints_yml(monkeypatch, tmp_path: Path) -> None:
    """Rasa quietly falls back to an in-memory store when the class cannot be imported."""
    monkeypatch.setenv("ASB_ACTION_SERVER_URL", "http://127.0.0.1:5055/webhook")
    monkeypatch.setenv("ASB_NLG_URL", "http://127.0.0.1:5055/nlg")
    monkeypatch.setenv("ASB_ACTION_SERVER_TOKEN", "token-0123")
    monkeypatch.setenv("ASB_TRACKER_STORE_URL", f"sqlite:///{tmp_path / 'tracker.sqlite3'}")
    config = read_endpoint_config(str(ROOT / "endpoints.yml"), "tracker_store")
    store = TrackerStore.create(config, DOMAIN)
    assert isinstance(store, TrackerStore)
    inner = getattr(store, "_tracker_store", store)  # Rasa wraps it (AwaitableTrackerStore)
    assert isinstance(inner, CachedSQLTrackerStore)
    assert (tmp_path / "tracker.sqlite3").exists()


pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
