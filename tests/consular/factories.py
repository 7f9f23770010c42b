"""Rows of the citizens-abroad domain written directly, for set-up only (no audit record); other apps' tests
(the access enumeration) import them. Tests of behaviour open cases through the actions (conftest.open_case)."""

from __future__ import annotations

import itertools
from typing import Any

from django.utils import timezone

from liaison.consular.models import (
    ConsularCase,
    ConsularEvent,
    Facility,
    ImprisonmentRecord,
    NotificationRule,
    ProtectionIncident,
)
from tests.factories import AgencyFactory
from tests.people.factories import PersonFactory

_numbers = itertools.count(1)


def case(agency: Any, **fields: Any) -> ConsularCase:
    partner = fields.pop("partner", None) or AgencyFactory()
    return ConsularCase.objects.create(
        **{
            "owner": agency,
            "reference": f"CC-T-{next(_numbers):05d}",
            "person": PersonFactory(owner=agency),
            "direction": "abroad",
            "partner": partner,
            "situation": "arrested",
            "family_contact": "family",
        }
        | fields
    )


def event(parent: ConsularCase, **fields: Any) -> ConsularEvent:
    return ConsularEvent.objects.create(**{"case": parent, "kind": "note"} | fields)


def imprisonment(parent: ConsularCase, court: str) -> ImprisonmentRecord:
    today = timezone.localdate()
    return ImprisonmentRecord.objects.create(
        case=parent, court=court, judgment_date=today, sentence_days=100, sentence_start=today
    )


def facility(agency: Any, **fields: Any) -> Facility:
    return Facility.objects.create(**{"owner": agency, "name": "Prison", "country": "KR"} | fields)


def rule(agency: Any, **fields: Any) -> NotificationRule:
    return NotificationRule.objects.create(
        **{
            "owner": agency,
            "partner": AgencyFactory(),
            "basis": "mandatory",
            "notify_within_days": 3,
            "first_visit_within_days": 10,
            "visit_every_days": 60,
            "source": "Agreement",
        }
        | fields
    )


def incident(agency: Any, **fields: Any) -> ProtectionIncident:
    return ProtectionIncident.objects.create(
        **{
            "owner": agency,
            "title": "Incident",
            "kind": "fraud_ring",
            "direction": "abroad",
            "country": "KR",
            "affected": "workers",
        }
        | fields
    )
