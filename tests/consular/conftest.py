from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from liaison.agencies.models import Agency, User
from liaison.consular.actions import do_create_case
from liaison.consular.models import ConsularCase
from liaison.core.permissions import ANALYST, DESK_OFFICER, LEGAL_OFFICER
from tests.factories import UserFactory
from tests.federation.conftest import fake, key_dir, no_network, node, paired, post_inbox  # noqa: F401  (two-node tests)
from tests.people.factories import PersonFactory


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


@pytest.fixture
def officer(home: Agency) -> User:
    return UserFactory(agency=home, roles=[DESK_OFFICER])


@pytest.fixture
def analyst(home: Agency) -> User:
    return UserFactory(agency=home, roles=[ANALYST])


@pytest.fixture
def legal_officer(home: Agency) -> User:
    return UserFactory(agency=home, roles=[LEGAL_OFFICER])


@pytest.fixture
def open_case(officer: User, partner: Agency) -> Callable[..., ConsularCase]:
    """A case opened through the action (foreign national held here, arrested today, asked for the consulate)."""

    def _open(**fields: Any) -> ConsularCase:
        actor = fields.pop("actor", officer)
        data = {
            "person": fields.pop("person", None)
            or PersonFactory(owner=actor.agency, names=["김민준"], nationalities=["KR"]),
            "direction": "held_here",
            "partner": partner,
            "situation": "arrested",
            "consent_notify": "requested",
            "family_contact": "Mother: +82 10 1234 5678",
            "summary": "Internal: picked up at Noi Bai airport.",
            "charges": "Telecom fraud (art. 174 Criminal Code)",
            "crime_area": "telecom_fraud",
        } | fields
        return do_create_case(data, actor=actor)

    return _open
