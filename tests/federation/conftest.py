from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from liaison.agencies.models import Agency, User
from liaison.agencies.system import system_actor
from liaison.core.permissions import NODE_ADMIN
from liaison.federation import actions, delivery, nodes
from liaison.federation.models import LocalNode, PartnerNode
from tests.factories import UserFactory
from tests.federation.helpers import FakeNode


@pytest.fixture(autouse=True)
def key_dir(settings: Any, tmp_path: Path) -> Path:
    settings.LIAISON_FEDERATION_KEY_DIR = tmp_path / "federation-keys"
    return settings.LIAISON_FEDERATION_KEY_DIR  # type: ignore[no-any-return]


@pytest.fixture(autouse=True)
def no_network(monkeypatch: Any) -> list[tuple[str, bytes]]:
    """Deliveries go nowhere unless a test answers them (`answer` fixture)."""
    posted: list[tuple[str, bytes]] = []

    def offline(url: str, body: bytes) -> tuple[int, dict[str, Any]]:
        posted.append((url, body))
        return 0, {"reason": "no network in the tests"}

    monkeypatch.setattr(delivery, "post", offline)
    return posted


@pytest.fixture
def node(home: Agency, settings: Any) -> LocalNode:
    settings.LIAISON_HOME_AGENCY = home.code
    return actions.do_init_node("http://vn.example", actor=system_actor())


@pytest.fixture
def fake() -> FakeNode:
    return FakeNode()


@pytest.fixture
def paired(node: LocalNode, partner: Agency, fake: FakeNode) -> PartnerNode:
    card = fake.card()
    return actions.do_pair_node(card, fingerprint=nodes.fingerprint(card), actor=system_actor())


@pytest.fixture
def node_admin(home: Agency) -> User:
    return UserFactory(agency=home, roles=[NODE_ADMIN])


@pytest.fixture
def post_inbox(client: Any) -> Callable[..., Any]:
    def _post(message: Any, **extra: Any) -> Any:
        import json

        body = message if isinstance(message, bytes) else json.dumps(message).encode()
        return client.post("/federation/inbox/", data=body, content_type="application/json", **extra)

    return _post
