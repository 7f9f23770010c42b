from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from liaison.agencies.models import Agency, User
from liaison.core.models import AuditEvent
from liaison.core.permissions import ANALYST, DESK_OFFICER, LEGAL_OFFICER, NODE_ADMIN, SUPERVISOR
from tests.factories import AgencyFactory, UserFactory

ALL_AGENCY_ROLES = [DESK_OFFICER, ANALYST, LEGAL_OFFICER, SUPERVISOR]


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    """Uploaded files (photos, documents, lists) go to a temporary folder, never to the node's media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT  # type: ignore[no-any-return]


@pytest.fixture(autouse=True)
def fresh_search_index() -> Iterator[None]:
    """The person search index lives in the process: each test starts without one (the database is rolled
    back between tests)."""
    from liaison.people import search

    search.reset_index()
    yield
    search.reset_index()


@pytest.fixture
def home(db: Any) -> Agency:
    return AgencyFactory(code="VN-MPS", country="VN", short_name="MPS Vietnam", is_home=True)


@pytest.fixture
def partner(db: Any) -> Agency:
    return AgencyFactory(code="KR-KNPA", country="KR", short_name="KNPA")


@pytest.fixture
def make_user(db: Any, home: Agency) -> Callable[..., User]:
    def _make(*roles: str, agency: Agency | None = None, **kwargs: Any) -> User:
        return UserFactory(agency=agency or home, roles=list(roles), **kwargs)

    return _make


@pytest.fixture
def officer(make_user: Callable[..., User]) -> User:
    return make_user(DESK_OFFICER)


@pytest.fixture
def supervisor(make_user: Callable[..., User]) -> User:
    return make_user(SUPERVISOR)


@pytest.fixture
def admin_user(make_user: Callable[..., User]) -> User:
    return make_user(NODE_ADMIN, SUPERVISOR)


@pytest.fixture
def partner_officer(make_user: Callable[..., User], partner: Agency) -> User:
    """An officer of the partner agency holding every role short of node administrator."""
    return make_user(*ALL_AGENCY_ROLES, agency=partner)


@pytest.fixture
def page_client() -> Callable[[User], Client]:
    def _client(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return _client


@pytest.fixture
def api_client() -> Callable[[User], APIClient]:
    def _client(user: User) -> APIClient:
        client = APIClient()
        client.force_authenticate(user)
        return client

    return _client


@pytest.fixture
def last_audit() -> Callable[[], AuditEvent | None]:
    return lambda: AuditEvent.objects.order_by("-seq").first()
