"""The consular demo data through `liaison demo`: loaded twice without duplicates, fictional, in the partners'
languages, with cases in Korea, Russia and China and foreign nationals held in Vietnam."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from liaison.consular.demo import CASES
from liaison.consular.models import ConsularCase, Facility, NotificationRule, ProtectionIncident

pytestmark = pytest.mark.django_db


def load(settings: Any, tmp_path: Path) -> str:
    settings.MEDIA_ROOT = tmp_path / "media"
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_the_demo_loads_the_consular_cases_once(settings: Any, tmp_path: Path) -> None:
    output = load(settings, tmp_path)
    assert f"Consular demo records (fictional): {len(CASES)} cases added." in output
    cases = ConsularCase.objects.select_related("person", "partner")
    assert cases.count() == len(CASES)
    assert {c.partner.country.code for c in cases.filter(direction="abroad")} == {"KR", "RU", "CN"}
    here = cases.filter(direction="held_here")
    assert {c.person.nationalities[0] for c in here} == {"KR", "RU", "CN"}
    assert all(c.person.fictional and c.summary.startswith("Fictional") for c in cases)
    names = {c.person.display_name for c in cases}
    assert {"박지훈", "Иванов Сергей Петрович", "王伟", "Phạm Thị Lan"} <= names
    assert any(c.overdue() for c in cases)  # the dashboard has something to show
    rule = NotificationRule.objects.get()
    assert "Fictional" in rule.source
    counts = (ConsularCase.objects.count(), Facility.objects.count(), ProtectionIncident.objects.count())
    assert "0 cases added" in load(settings, tmp_path)
    assert (ConsularCase.objects.count(), Facility.objects.count(), ProtectionIncident.objects.count()) == counts
