from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from liaison.people import search


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    """Uploaded photos go to a temporary folder, never to the node's media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT  # type: ignore[no-any-return]


@pytest.fixture(autouse=True)
def fresh_search_index() -> Iterator[None]:
    """Each test starts with no person index (the database is rolled back between tests)."""
    search.reset_index()
    yield
    search.reset_index()
