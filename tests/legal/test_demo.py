"""The legal demo through `liaison demo`: treaty terms with their sources, fictional requests of every kind with
Korea, Russia and China in various states, linked to the demo fugitive cases, loaded twice without duplicates."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from liaison.legal.demo import REQUESTS, TREATIES
from liaison.legal.models import LegalDocument, LegalOffence, LegalRequest, TreatyTerms
from liaison.legal.queries import blocking_grounds

pytestmark = pytest.mark.django_db


def test_the_demo_loads_treaties_and_requests_once(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "Legal demo records" in out.getvalue(), out.getvalue()
    assert TreatyTerms.objects.count() == len(TREATIES)
    assert all(terms.source for terms in TreatyTerms.objects.all())
    requests = LegalRequest.objects.all()
    assert requests.count() == len(REQUESTS)
    assert {r.kind for r in requests} == {"extradition", "mla", "verification", "transfer"}
    assert {r.partner.code for r in requests} == {"KR-KNPA", "RU-MVD", "CN-MPS"}
    assert len({r.status for r in requests}) >= 5
    assert requests.filter(fugitive_case__isnull=False).count() >= 3
    assert all(r.facts.startswith("Fictional record") for r in requests)
    assert LegalRequest.objects.overdue().exists()
    several = requests.filter(other_persons__isnull=False).distinct().get()  # the MLA request about three holders
    assert several.kind == "mla" and len(several.persons) == 3
    life = requests.get(life_sentence=True)
    assert life.kind == "transfer" and life.remaining_days is None and not blocking_grounds(life)
    assert LegalOffence.objects.filter(max_penalty_life=True).exists()
    languages = set(LegalDocument.objects.values_list("language", flat=True))
    assert {"ko", "ru", "zh", "vi"} <= languages
    for translation in LegalDocument.objects.filter(translation_of__isnull=False):
        assert translation.certification and translation.translator and translation.file.read(5) == b"%PDF-"
    call_command("demo", stdout=io.StringIO())
    assert LegalRequest.objects.count() == len(REQUESTS) and TreatyTerms.objects.count() == len(TREATIES)


def test_every_demo_outgoing_request_has_its_letter_in_every_language(settings: Any, tmp_path: Path) -> None:
    from liaison.agencies.system import system_actor
    from liaison.legal import letter
    from tests.legal.letter_setup import pdf_text

    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo", stdout=io.StringIO())
    actor = system_actor("test")
    outgoing = LegalRequest.objects.filter(direction="outgoing", owner=actor.agency)
    assert outgoing.exists()
    for request in outgoing:
        for language in letter.LANGUAGES:
            content, _name, _type = letter.generate(request, language, "pdf", actor=actor)
            assert request.reference in pdf_text(content)
        content, _name, _type = letter.generate(request, None, "docx", actor=actor)
        assert content.startswith(b"PK")
