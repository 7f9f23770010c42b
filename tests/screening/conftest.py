from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from liaison.people import search
from tests.screening.factories import Desk


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    """Uploaded lists go to a temporary folder, never to the node's media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT  # type: ignore[no-any-return]


@pytest.fixture(autouse=True)
def fresh_search_index() -> Iterator[None]:
    """The person search index is per process: each test starts without one."""
    search.reset_index()
    yield
    search.reset_index()


@pytest.fixture
def desk(home: Any, partner: Any, officer: Any) -> Desk:
    return Desk(home, partner, officer)
