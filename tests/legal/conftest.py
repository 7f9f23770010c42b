from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from liaison.agencies.models import Agency, User
from liaison.core.permissions import LEGAL_OFFICER, SUPERVISOR
from liaison.legal.models import TreatyTerms
from tests.federation.conftest import fake, key_dir, no_network, node, paired, post_inbox  # noqa: F401
from tests.legal.factories import TreatyTermsFactory


@pytest.fixture
def legal_officer(make_user: Callable[..., User]) -> User:
    return make_user(LEGAL_OFFICER)


@pytest.fixture
def approver(make_user: Callable[..., User]) -> User:
    return make_user(SUPERVISOR)


@pytest.fixture
def treaty(home: Agency, partner: Agency) -> TreatyTerms:
    return TreatyTermsFactory(owner=home, partner=partner)  # type: ignore[no-any-return]


@pytest.fixture
def api(api_client: Callable[[User], Any], legal_officer: User) -> Any:
    return api_client(legal_officer)
