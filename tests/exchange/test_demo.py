"""The exchange's demo threads through `liaison demo`: loaded twice without duplicates, in their writers' languages
with translations, read, acknowledged and answered."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from liaison.exchange.demo import THREADS
from liaison.exchange.models import Message, Recipient, Translation

pytestmark = pytest.mark.django_db


def test_the_demo_threads_load_once_with_translations_and_receipts(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "Exchange demo threads (fictional): 4 added" in out.getvalue()
    first = Message.objects.count()
    call_command("demo", stdout=io.StringIO())
    assert Message.objects.count() == first == len(THREADS) + 2  # two replies
    assert {m.language for m in Message.objects.all()} == {"vi", "ko", "zh-hans", "en"}
    assert Translation.objects.count() == first
    assert set(Message.objects.values_list("status", flat=True)) == {"sent"}
    assert Recipient.objects.filter(agency__code="APICC", read_at__isnull=True).exists()
    assert Recipient.objects.filter(agency__code="KR-KNPA", acknowledged_at__isnull=False, replied_at__isnull=False)
    assert all("(hư cấu)" in m.body or "fictional" in m.body or "가상" in m.body or "虚构" in m.body
               for m in Message.objects.all())  # fmt: skip
    from liaison.exchange import queries

    found = queries.search_messages(Message.objects.all(), "lua dao")  # indexed by the actions that wrote them
    assert found.filter(subject__contains="lừa đảo").exists() and found.count() >= 1
