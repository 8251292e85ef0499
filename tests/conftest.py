"""Shared fixtures: a migrated database (SQLite and PostgreSQL), settings, sessions, a client.

Any test that uses `database_url` (directly or through `settings`, `session_factory` or
`api_client`) runs twice: once on SQLite and once on PostgreSQL. Each database is created and
migrated once per test run; every test starts with empty tables.

PostgreSQL: postgresql://postgres@127.0.0.1:5432/postgres by default (ASB_TEST_POSTGRES_URL to
change). If it cannot be reached the PostgreSQL runs fail; set ASB_SKIP_POSTGRES=1 to skip them.
"""

from __future__ import annotations

import os
import secrets
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import sessionmaker

from backend.db import make_engine, make_session_factory
from backend.migrate import upgrade
from backend.models import Base
from core.settings import Settings
from tests.system import RunningSystem, start_system

POSTGRES_ADMIN_URL = os.environ.get(
    "ASB_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
INGEST_SECRET = "test-ingest-secret-0123456789"
API_TOKEN = "test-api-token-0123456789"


def _empty_all_tables(engine: Engine) -> None:
    tables = list(reversed(Base.metadata.sorted_tables))
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            names = ", ".join(table.name for table in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(table.delete())


@pytest.fixture(scope="session")
def _sqlite_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Engine]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'asb-test.sqlite3'}"
    upgrade(url)
    engine = make_engine(url)
    yield url, engine
    engine.dispose()


@pytest.fixture(scope="session")
def _postgres_database() -> Iterator[tuple[str, Engine]]:
    if os.environ.get("ASB_SKIP_POSTGRES") == "1":
        pytest.skip("ASB_SKIP_POSTGRES=1")
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", future=True)
    name = f"asb_test_{secrets.token_hex(6)}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        pytest.fail(
            f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL} ({exc.orig}). Start it, "
            "point ASB_TEST_POSTGRES_URL at it, or set ASB_SKIP_POSTGRES=1 to skip these runs.",
            pytrace=False,
        )
    url = make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    engine = None
    try:
        upgrade(url)
        engine = make_engine(url)
        yield url, engine
    finally:
        if engine is not None:
            engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def _database(request: pytest.FixtureRequest) -> tuple[str, Engine]:
    url, engine = request.getfixturevalue(f"_{request.param}_database")
    _empty_all_tables(engine)
    return url, engine


@pytest.fixture
def database_url(_database: tuple[str, Engine]) -> str:
    """URL of a migrated, empty database (the test runs once per database kind)."""
    return _database[0]


@pytest.fixture
def db_engine(_database: tuple[str, Engine]) -> Engine:
    return _database[1]


@pytest.fixture
def session_factory(db_engine: Engine) -> sessionmaker:
    """Sessions on the test database (use with backend.db.transaction)."""
    return make_session_factory(db_engine)


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Settings for tests: the test database, known secrets, England, a fictional landlord."""
    return Settings(
        var_dir=tmp_path / "var",
        database_url=database_url,
        ingest_secret=INGEST_SECRET,
        api_token=API_TOKEN,
        landlord_name="Example Homes",
        landlord_phone="0300 000 0000",
        twilio_api_base="http://127.0.0.1:9",
        report_spool_path=tmp_path / "var" / "spool.sqlite3",
    )


MakeClient = Callable[..., Awaitable[TestClient]]


@pytest.fixture
async def make_api_client(settings: Settings) -> AsyncIterator[MakeClient]:
    """Factory: `await make_api_client(app=None, now=None, **settings_changes)` -> TestClient.

    `now` pins the application's clock (a timezone-aware datetime or a callable).
    """
    clients: list[TestClient] = []

    async def make(
        app: web.Application | None = None, now: Any = None, **changes: Any
    ) -> TestClient:
        from backend.app import init_app
        from backend.appkeys import CLOCK

        if app is None:
            app = init_app(replace(settings, **changes) if changes else settings)
        if isinstance(now, datetime):
            pinned = now.astimezone(timezone.utc)
            app[CLOCK] = lambda: pinned
        elif now is not None:
            app[CLOCK] = now
        client = TestClient(TestServer(app))
        await client.start_server()
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.close()


@pytest.fixture
async def api_client(make_api_client: MakeClient) -> TestClient:
    """A running backend (init_app(settings)) with a test client for it."""
    return await make_api_client()


@pytest.fixture
def ingest_headers(settings: Settings) -> dict[str, str]:
    """Headers the bot sends with POST /api/reports."""
    return {"Authorization": f"Bearer {settings.ingest_secret}"}


@pytest.fixture
def api_headers(settings: Settings) -> dict[str, str]:
    """Headers a staff script sends to the staff API."""
    return {"Authorization": f"Bearer {settings.api_token}"}


@pytest.fixture
def make_report() -> Callable[..., dict[str, Any]]:
    """Factory for a valid POST /api/reports body (fictional data); keyword args override.

    Nested dicts (`reporter`, `flags`) are merged, so `make_report(reporter={"phone": None})`
    changes only the phone.
    """

    def make(**overrides: Any) -> dict[str, Any]:
        report: dict[str, Any] = {
            "report_id": str(uuid.uuid4()),
            "channel": "web",
            "language": "en",
            "received_at": "2026-11-20T23:00:00+00:00",  # a Friday night
            "route": "asb",
            "category": "noise",
            "description": "Loud music from the flat above every night until 3am",
            "location": "Flat 3, 1 Example Road",
            "happened_when": "last night about 11pm",
            "happening_now": False,
            "frequency": "daily",
            "reporter": {
                "name": "Alex Example",
                "phone": "+447700900123",
                "safe_to_text": True,
                "consent_to_contact": True,
                "anonymous": False,
            },
            "flags": {
                "urgent": False,
                "domestic_abuse": False,
                "hate": False,
                "safeguarding": False,
                "vulnerable": False,
            },
            "ram_answers": {"q1_frequency": "daily"},
            "details": {},
        }
        for key, value in overrides.items():
            if key in ("reporter", "flags") and isinstance(value, dict):
                report[key] = {**report[key], **value}
            else:
                report[key] = value
        return report

    return make


# -- staff accounts (issue 4) ---------------------------------------------------------------

STAFF_PASSWORD = "correct horse battery staple"


@pytest.fixture
def make_staff(session_factory: sessionmaker) -> Callable[..., str]:
    """Factory: `make_staff(username, role, team=None)` creates an account (password
    STAFF_PASSWORD) and returns the username."""
    from backend.db import transaction
    from backend.staff.service import create_user

    def make(username: str, role: str, team: str | None = None) -> str:
        with transaction(session_factory) as session:
            create_user(
                session, username, STAFF_PASSWORD, role, username.replace(".", " ").title(), team
            )
        return username

    return make


@pytest.fixture
def login_as() -> Callable[[TestClient, str], Awaitable[str]]:
    """`csrf = await login_as(client, username)`: sign in through the login form (replacing any
    earlier session of that client) and return the session's CSRF token for form posts."""
    import re

    def token_in(html: str) -> str:
        match = re.search(r'name="csrf_token" value="([^"]+)"', html)
        assert match, "no CSRF token in the page"
        return match.group(1)

    async def login(client: TestClient, username: str) -> str:
        client.session.cookie_jar.clear()
        page = await client.get("/staff/login")
        response = await client.post(
            "/staff/login",
            data={
                "username": username,
                "password": STAFF_PASSWORD,
                "csrf_token": token_in(await page.text()),
                "next": "/staff",
            },
            allow_redirects=False,
        )
        assert response.status == 303, await response.text()
        queue = await client.get("/staff")
        return token_in(await queue.text())

    return login


@pytest.fixture(scope="session", autouse=True)
def _cheapest_password_hashing() -> Iterator[None]:
    """Staff passwords are hashed with argon2id at its cheapest settings in the test processes:
    the same passwords pass and fail, but a hash or a check costs microseconds instead of 0.2 s
    of CPU (argon2's full settings were 40% of the backend tests' time). The running systems of
    the end-to-end tests, and `asb create-user` in tests/ops/test_staff_cli.py, keep the full
    settings (backend/staff/service.py `PASSWORD_HASHING`)."""
    from argon2 import PasswordHasher, profiles

    from backend.staff import service

    cheapest = PasswordHasher.from_parameters(profiles.CHEAPEST)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(service, "_hasher", cheapest)
        patch.setattr(service, "_DUMMY_HASH", cheapest.hash("an unknown account"))
        yield


# --- the whole running system (end-to-end tests) -------------------------------------------


@pytest.fixture(scope="session")
def e2e_system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSystem]:
    """The whole system on free ports, started once per test session (Rasa is slow to start)."""
    from ops.training import ensure_model  # ASB_MODEL_PATH, when set, pins the model

    running = start_system(tmp_path_factory.mktemp("e2e"), ensure_model())
    yield running
    running.stop()


# Tests that start the whole system (a Rasa server among others: ~30 s and ~1.3 GB each) all run
# on one pytest-xdist worker (pyproject.toml: `--dist loadgroup`), so a test session starts the
# shared system once; the other tests are shared out between the workers. A module that starts a
# topology of its own (tests/e2e/test_instances.py) names a group of its own.
SYSTEM_TEST_FOLDERS = frozenset({"e2e", "browser", "fuzz"})


# tryfirst: pytest-xdist turns the mark into the test's group in its own hook of this name, which
# runs before a conftest's (without it, each worker started a system of its own).
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    tests_dir = Path(__file__).parent
    for item in items:
        path = Path(item.path)
        folder = path.relative_to(tests_dir).parts[0] if path.is_relative_to(tests_dir) else ""
        if item.get_closest_marker("xdist_group"):
            continue  # a test that starts a system of its own says which group it is in
        if folder in SYSTEM_TEST_FOLDERS or "e2e_system" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("system"))
