"""Issue 18's browser test: a legal officer drafts an MLA request, attaches a document and its certified
translation, sends it to legal review; a supervisor approves it; the officer sends it and records the partner's
acknowledgement."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from liaison.core.permissions import LEGAL_OFFICER, SUPERVISOR
from liaison.legal.models import LegalRequest
from tests.e2e.test_shell import sign_in
from tests.factories import AgencyFactory, UserFactory
from tests.legal.factories import TreatyTermsFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _move(page: Any, label: str, note: str = "") -> None:
    details = page.locator("details.request-transition", has=page.locator(f"summary:text-is('{label}')"))
    details.locator("summary").click()
    if note:
        details.locator("textarea").fill(note)
    details.locator("button[type=submit]").click()
    expect(page.locator(".sub .badge").first).to_have_text(label)


def _attach(page: Any, name: str, language: str, **translation: str) -> None:
    form = page.locator("form[action$='/documents/']")
    form.locator("input[type=file]").set_input_files({"name": name, "mimeType": "application/pdf", "buffer": PDF})
    form.locator("select[name=kind]").select_option("statement_of_facts")
    form.locator("input[name=language]").fill(language)
    if translation:
        form.locator("select[name=translation_of]").select_option(label="Statement of facts (vi)")
        form.locator("input[name=translator]").fill(translation["translator"])
        form.locator("input[name=translated_on]").fill(translation["on"])
        form.locator("input[name=certification]").fill(translation["certification"])
    else:
        form.locator("input[name=title]").fill("Statement of facts")
    form.locator("button[type=submit]").click()


def test_draft_attach_review_approve_send_and_receive_the_acknowledgement(
    page: Any, live_server: Any, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    home = AgencyFactory(code="VN-MPS", country="VN", short_name="MPS Vietnam", is_home=True)
    knpa = AgencyFactory(code="KR-KNPA", country="KR", short_name="KNPA", name_en="Korean National Police Agency")
    TreatyTermsFactory(owner=home, partner=knpa, title="VN-KR MLA treaty (test)", languages=["ko"])
    UserFactory(username="legal.e2e", agency=home, roles=[LEGAL_OFFICER])
    UserFactory(username="boss.e2e", agency=home, roles=[SUPERVISOR])

    sign_in(page, live_server.url, "legal.e2e")
    page.goto(live_server.url + "/legal/requests/new/")
    page.select_option("#id_direction", "outgoing")
    page.select_option("#id_kind", "mla")
    page.select_option("#id_subkind", "taking_evidence")
    page.select_option("#id_partner", label=str(knpa))
    page.fill("#id_facts", "Hearing of a witness in Busan about a telephone-fraud call centre.")
    page.click("main form button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Mutual legal assistance")
    expect(page.locator("main")).to_contain_text("Statement of facts: the original is missing.")

    _attach(page, "facts-vi.pdf", "vi")
    expect(page.locator("main")).to_contain_text("Statement of facts: a certified translation into ko is missing.")
    _attach(page, "facts-ko.pdf", "ko", translator="Kim Sun-hee", on="2026-11-02", certification="Notary No. 1")
    expect(page.locator("main")).to_contain_text("Kim Sun-hee")
    expect(page.locator("main")).not_to_contain_text("Statement of facts: a certified translation")
    _move(page, "Legal review")

    page.context.clear_cookies()
    sign_in(page, live_server.url, "boss.e2e")
    request = LegalRequest.objects.get()
    page.goto(live_server.url + request.get_absolute_url())
    _move(page, "Approved")

    page.context.clear_cookies()
    sign_in(page, live_server.url, "legal.e2e")
    page.goto(live_server.url + request.get_absolute_url())
    _move(page, "Sent")
    expect(page.locator("main")).to_contain_text("Acknowledge by")
    _move(page, "Acknowledged", note="Acknowledged by the Ministry of Justice of Korea, ref. MOJ-2026-118.")
    request.refresh_from_db()
    assert request.status == "acknowledged" and request.acknowledged_on is not None
    assert request.documents.count() == 2
