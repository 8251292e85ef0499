"""The trained model loaded once for this folder's tests, with the speed-ups installed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="module")
def classifier() -> Iterator[Any]:
    from ops.classify import Classifier

    loaded = Classifier.load()  # installs the speed-ups
    yield loaded
    loaded.close()
