"""namematch 2.0's birth-date policy on a screening run (issue 15): by default a namesake born on another date
is not raised; a run over an intelligence-led list ("dates of birth may be false") keeps such hits, ranked lower,
and says why — in the officer's language (issue 20: explanations translatable)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

import namematch
from liaison.core.models import AuditEvent
from liaison.people.explain import evidence_items, officer_text
from liaison.screening import actions
from liaison.screening.models import DobPolicy, Hit, ScreeningList
from tests.screening.factories import Desk, csv_bytes

pytestmark = pytest.mark.django_db

# Nguyễn Văn Hùng (the desk's wanted person) is born 1985-03-07; this traveller bears his name, born 1998.
NAMESAKE = [["STT", "Họ và tên", "Ngày sinh", "Quốc tịch"], ["A1", "NGUYEN VAN HUNG", "1998-11-20", "VN"]]


def upload(desk: Desk) -> ScreeningList:
    return actions.do_upload_list(
        SimpleUploadedFile("arrivals.csv", csv_bytes(NAMESAKE)), kind="arrivals", actor=desk.officer
    )


def test_the_policies_are_namematchs() -> None:
    assert set(DobPolicy.values) == set(namematch.DOB_POLICIES)
    assert DobPolicy.STRICT == namematch.DOB_STRICT


def test_a_namesake_born_on_another_date_is_raised_only_when_dates_may_be_false(
    desk: Desk, django_capture_on_commit_callbacks: Any
) -> None:
    screening_list = upload(desk)
    with django_capture_on_commit_callbacks(execute=True):
        strict = actions.do_start_run(screening_list, actor=desk.officer)
    strict.refresh_from_db()
    assert strict.dob_policy == DobPolicy.STRICT and strict.hit_count == 0

    with django_capture_on_commit_callbacks(execute=True):
        lenient = actions.do_start_run(screening_list, dob_policy=DobPolicy.UNRELIABLE, actor=desk.officer)
    lenient.refresh_from_db()
    hit = Hit.objects.get(run=lenient)
    assert hit.person_id == desk.vn.pk and hit.score < 1.0
    codes = {item.get("code") for item in hit.explanation["evidence"]}
    assert "dob_apart" in codes
    texts = [item["text"] for item in evidence_items(hit.explanation)]
    assert any("born 13 years apart" in text and "may be false" in text for text in texts), texts
    with translation.override("vi"):
        vi_texts = [item["text"] for item in evidence_items(hit.explanation)]
    assert not any("born 13 years apart" in text for text in vi_texts), vi_texts


def test_the_policy_is_chosen_on_the_page_and_the_api_and_audited(
    desk: Desk, page_client: Any, api_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    screening_list = upload(desk)
    url = reverse("screening_list_run", kwargs={"pk": screening_list.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = page_client(desk.officer).post(url, {"threshold": "0.7", "dob_policy": "unreliable"})
    assert response.status_code == 302
    run = screening_list.runs.get()
    assert run.dob_policy == DobPolicy.UNRELIABLE
    start = AuditEvent.objects.get(action="screening_run.start", object_id=str(run.pk))
    assert start.after["dob_policy"] == "unreliable"
    refused = api_client(desk.officer).post(
        "/api/screening-runs/", {"screening_list": screening_list.pk, "dob_policy": "guess"}, format="json"
    )
    assert refused.status_code == 400 and "dob_policy" in refused.json()["error"]["fields"]


def test_explanations_read_for_officers_with_the_technical_text_kept() -> None:
    with translation.override("en"):
        assert officer_text("names_agree", {"how": "latin_of_vietnamese"}) == (
            "names agree (Latin spelling of the Vietnamese name)"
        )
        assert officer_text("dob_apart", {"a": "1980-03-02", "b": "1995-07-11", "years": 15}) == (
            "born 15 years apart (1980-03-02 / 1995-07-11)"
        )
        assert officer_text("some_future_code", {}) is None
    items = evidence_items(
        {
            "evidence": [
                {"feature": "sex", "delta": 0.0, "text": "sex equal (M)", "code": "sex_equal", "params": {"sex": "M"}}
            ]
        }
    )
    assert items[0]["text"] == "same sex (M)" and items[0]["detail"] == "sex equal (M)"


def test_every_evidence_code_namematch_documents_reads_for_officers() -> None:
    # docs/namematch.md lists the codes of every Evidence; each but the per-part detail ("name part", technical)
    # needs a sentence, or officers read namematch's English text (a new code such as middle_names_differ)
    import re
    from pathlib import Path

    from liaison.people.explain import SENTENCES

    table = Path(__file__).resolve().parents[2] / "docs" / "namematch.md"
    codes: dict[str, str] = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        if line.startswith("| `"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            for code in re.findall(r"`([a-z_]+)`", cells[0]):
                codes[code] = cells[1]
    assert "middle_names_differ" in codes and len(codes) > 20
    missing = [c for c, feature in codes.items() if feature != "name part" and c != "dob_apart" and c not in SENTENCES]
    assert not missing
    with translation.override("ru"):
        assert officer_text("middle_names_differ", {"a": "Đức", "b": "Van"}) == (
            "вторые имена различаются (Đức / Van): разные люди"
        )
