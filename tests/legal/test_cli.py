"""liaison legal-deadlines lists the open requests' deadlines, the past ones marked, and fails on demand."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from liaison.agencies.models import Agency
from liaison.legal.models import TreatyTerms
from tests.legal.factories import LegalRequestFactory

pytestmark = pytest.mark.django_db


def test_the_deadlines_are_listed_and_overdue_fails_on_demand(
    home: Agency, partner: Agency, treaty: TreatyTerms
) -> None:
    today = timezone.localdate()
    late = LegalRequestFactory(owner=home, partner=partner, treaty=treaty, status="sent",
                               answer_by=today - datetime.timedelta(days=2))  # fmt: skip
    later = LegalRequestFactory(owner=home, partner=partner, treaty=treaty, status="sent",
                                answer_by=today + datetime.timedelta(days=40))  # fmt: skip
    LegalRequestFactory(owner=partner, answer_by=today - datetime.timedelta(days=9))  # another agency's
    out = io.StringIO()
    call_command("legal-deadlines", stdout=out)
    text = out.getvalue()
    assert "2 (1 overdue)" in text and late.reference in text and later.reference in text
    assert text.index(late.reference) < text.index(later.reference)
    out = io.StringIO()
    call_command("legal-deadlines", "--within", "10", stdout=out)
    assert later.reference not in out.getvalue()
    with pytest.raises(SystemExit) as failed:
        call_command("legal-deadlines", "--fail-on-overdue", stdout=io.StringIO())
    assert failed.value.code == 3
