"""The database engine: an error's message never carries the statement's values (residents'
words, numbers and addresses must not reach a log through a logged exception)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from backend.db import make_engine


def test_a_database_error_does_not_show_the_values_it_was_given(database_url: str) -> None:
    engine = make_engine(database_url)
    words = "Flat 3, 1 Example Road, +447700900123"
    try:
        with engine.connect() as connection, pytest.raises(DBAPIError) as raised:
            query = text("SELECT * FROM no_such_table WHERE a = :words")
            connection.execute(query, {"words": words})
    finally:
        engine.dispose()
    assert "no_such_table" in str(raised.value)
    assert words not in str(raised.value)
