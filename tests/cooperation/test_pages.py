"""The cooperation registry's pages: the generic page set for each resource, then the detail-page
workflows (transitions, documents, progress updates, outcomes → action items)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from liaison.cooperation.models import ActionItem, AgreementDocument
from liaison.core.models import AuditEvent
from liaison.core.permissions import ANALYST, DESK_OFFICER
from tests.cooperation.factories import (
    ActionItemFactory,
    AgreementFactory,
    CapacityProjectFactory,
    EngagementFactory,
    OutcomeFactory,
    ProgrammeFactory,
    TrainingCourseFactory,
)
from tests.helpers import PageResourceTests, assert_audited


class _CoopPages(PageResourceTests):
    allowed_roles = [DESK_OFFICER]
    denied_roles = [ANALYST]


class TestAgreementPages(_CoopPages):
    url_prefix = "agreement"
    audit_prefix = "agreement"
    changed_field = "title_en"

    def make(self, agency: Any) -> Any:
        return AgreementFactory(owner=agency)

    def form_data(self, agency: Any) -> dict[str, Any]:
        return {
            "kind": "mou",
            "title_en": "MoU on combating telecom fraud",
            "party_agencies": [agency.pk],
            "party_governments": ["KR"],
            "titles": "vi | Bản ghi nhớ về phòng chống lừa đảo viễn thông",
            "crime_areas": ["telecom_fraud"],
        }

    def test_create_keeps_parties_and_titles(self, home: Any) -> None:
        client = self.client_for(home, self.allowed_roles)
        response = client.post(self.url("create"), self.form_data(home))
        assert response.status_code == 302
        event = assert_audited("agreement.create", channel="ui")
        assert len(event.after["parties"]) == 2 and event.after["titles"][0]["language"] == "vi"

    def test_one_party_is_refused_on_the_form(self, home: Any) -> None:
        client = self.client_for(home, self.allowed_roles)
        before = AuditEvent.objects.count()
        response = client.post(self.url("create"), {**self.form_data(home), "party_governments": []})
        assert response.status_code == 200
        assert "at least two parties" in response.content.decode()
        assert AuditEvent.objects.count() == before


class TestProgrammePages(_CoopPages):
    url_prefix = "programme"
    audit_prefix = "programme"
    changed_field = "title"

    def make(self, agency: Any) -> Any:
        return ProgrammeFactory(owner=agency)

    def form_data(self, agency: Any) -> dict[str, Any]:
        return {"title": "Coordinated action programme 2025–2027", "start_year": 2025, "end_year": 2027}


class TestActionItemPages(_CoopPages):
    url_prefix = "action_item"
    audit_prefix = "action_item"
    changed_field = "title"

    def make(self, agency: Any) -> Any:
        return ActionItemFactory(owner=agency)

    def form_data(self, agency: Any) -> dict[str, Any]:
        return {"number": "3.1", "title": "Exchange contact points", "due_date": "2026-06-30"}


class TestEngagementPages(_CoopPages):
    url_prefix = "engagement"
    audit_prefix = "engagement"
    changed_field = "title"

    def make(self, agency: Any) -> Any:
        return EngagementFactory(owner=agency)

    def form_data(self, agency: Any) -> dict[str, Any]:
        return {"kind": "talks", "title": "Annual talks", "start_date": "2025-11-03", "place": "Hà Nội"}


class TestTrainingPages(_CoopPages):
    url_prefix = "training"
    audit_prefix = "training_course"
    changed_field = "title"

    def make(self, agency: Any) -> Any:
        return TrainingCourseFactory(owner=agency)

    def form_data(self, agency: Any) -> dict[str, Any]:
        return {"title": "Electronic evidence course", "topic": "electronic_evidence", "participants_count": 20}


class TestCapacityProjectPages(_CoopPages):
    url_prefix = "capacity_project"
    audit_prefix = "capacity_project"
    changed_field = "title"

    def make(self, agency: Any) -> Any:
        return CapacityProjectFactory(owner=agency)

    def form_data(self, agency: Any) -> dict[str, Any]:
        return {"title": "Forensic laboratory", "kind": "equipment", "phase": "phase 2"}


# --- detail-page workflows -------------------------------------------------------------------------------
@pytest.mark.django_db
def test_transition_through_the_page_is_audited(home: Any, page_client: Any, make_user: Any) -> None:
    actor = make_user(DESK_OFFICER)
    item = ActionItemFactory(owner=home)
    client = page_client(actor)
    page = client.get(reverse("action_item_detail", kwargs={"pk": item.pk})).content.decode()
    assert 'value="in_progress"' in page and 'value="delayed"' in page
    response = client.post(reverse("action_item_transition", kwargs={"pk": item.pk}), {"to": "in_progress"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "in_progress"
    event = assert_audited("action_item.transition", obj=item, actor=actor, channel="ui")
    assert event.before == {"status": "planned"} and event.after["status"] == "in_progress"


@pytest.mark.django_db
def test_transition_needing_a_reason_is_refused_without_one(home: Any, page_client: Any, make_user: Any) -> None:
    project = CapacityProjectFactory(owner=home)
    client = page_client(make_user(DESK_OFFICER))
    before = AuditEvent.objects.count()
    url = reverse("capacity_project_transition", kwargs={"pk": project.pk})
    response = client.post(url, {"to": "cancelled", "note": "  "}, follow=True)
    assert "A reason is required" in response.content.decode()
    project.refresh_from_db()
    assert project.status == "planned" and AuditEvent.objects.count() == before
    client.post(url, {"to": "cancelled", "note": "Funding withdrawn"})
    project.refresh_from_db()
    assert project.status == "cancelled" and project.status_reason == "Funding withdrawn"
    assert_audited("capacity_project.transition", obj=project, channel="ui")


@pytest.mark.django_db
def test_transition_refused_for_a_reader(home: Any, page_client: Any, make_user: Any) -> None:
    item = ActionItemFactory(owner=home)
    response = page_client(make_user(ANALYST)).post(
        reverse("action_item_transition", kwargs={"pk": item.pk}), {"to": "done"}
    )
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.status == "planned"


@pytest.mark.django_db
def test_outcome_button_makes_the_action_item(home: Any, page_client: Any, make_user: Any) -> None:
    outcome = OutcomeFactory(engagement=EngagementFactory(owner=home))
    client = page_client(make_user(DESK_OFFICER))
    detail = reverse("engagement_detail", kwargs={"pk": outcome.engagement_id})
    assert "Make action item" in client.get(detail).content.decode()
    response = client.post(reverse("outcome_make_action_item", kwargs={"pk": outcome.pk}))
    item = ActionItem.objects.get(origin_outcome=outcome)
    assert response.status_code == 302 and response["Location"] == reverse("action_item_detail", kwargs={"pk": item.pk})
    assert_audited("action_item.create_from_outcome", obj=item, channel="ui")
    page = client.get(detail).content.decode()
    assert "Make action item" not in page
    assert reverse("action_item_detail", kwargs={"pk": item.pk}) in page
    assert detail in client.get(response["Location"]).content.decode()  # and back
    # A second press does not make a second item.
    client.post(reverse("outcome_make_action_item", kwargs={"pk": outcome.pk}))
    assert ActionItem.objects.filter(origin_outcome=outcome).count() == 1


@pytest.mark.django_db
def test_document_upload_form(home: Any, page_client: Any, make_user: Any, media_root: Any) -> None:
    agreement = AgreementFactory(owner=home)
    client = page_client(make_user(DESK_OFFICER))
    detail = reverse("agreement_detail", kwargs={"pk": agreement.pk})
    assert 'enctype="multipart/form-data"' in client.get(detail).content.decode()
    upload = SimpleUploadedFile("mou-vi.pdf", b"%PDF-1.4 text", content_type="application/pdf")
    response = client.post(
        reverse("agreement_document_upload", kwargs={"pk": agreement.pk}),
        {"file": upload, "language": "vi", "kind": "original", "authoritative": "on"},
    )
    assert response.status_code == 302
    document = AgreementDocument.objects.get(agreement=agreement)
    assert document.original_name == "mou-vi.pdf" and document.authoritative
    assert_audited("agreement_document.create", obj=document, channel="ui")
    download = reverse("agreement_document_download", kwargs={"pk": document.pk})
    assert download in client.get(detail).content.decode()
    answer = client.get(download)
    assert answer.status_code == 200 and b"".join(answer.streaming_content) == b"%PDF-1.4 text"


@pytest.mark.django_db
def test_progress_update(home: Any, page_client: Any, make_user: Any) -> None:
    actor = make_user(DESK_OFFICER)
    item = ActionItemFactory(owner=home)
    client = page_client(actor)
    response = client.post(
        reverse("action_item_progress", kwargs={"pk": item.pk}), {"date": "2026-01-15", "text": "Contact points named"}
    )
    assert response.status_code == 302
    update = item.updates.get()
    assert update.author == actor and str(update.date) == "2026-01-15"
    assert_audited("action_item_update.create", obj=update, channel="ui")
    assert "Contact points named" in client.get(reverse("action_item_detail", kwargs={"pk": item.pk})).content.decode()


@pytest.mark.django_db
def test_participant_and_outcome_forms(home: Any, page_client: Any, make_user: Any) -> None:
    engagement = EngagementFactory(owner=home)
    client = page_client(make_user(DESK_OFFICER))
    client.post(
        reverse("engagement_participant_create", kwargs={"pk": engagement.pk}), {"name": "Cho Ji-ho", "side": "partner"}
    )
    client.post(reverse("engagement_outcome_create", kwargs={"pk": engagement.pk}), {"text": "Hold a joint workshop"})
    page = client.get(reverse("engagement_detail", kwargs={"pk": engagement.pk})).content.decode()
    assert "Cho Ji-ho" in page and "Hold a joint workshop" in page


@pytest.mark.django_db
def test_empty_date_shows_not_recorded(home: Any, page_client: Any, make_user: Any) -> None:
    engagement = EngagementFactory(owner=home, start_date=None, place="")
    page = page_client(make_user(ANALYST)).get(reverse("engagement_detail", kwargs={"pk": engagement.pk}))
    assert page.content.decode().count("not recorded") >= 2
    listing = page_client(make_user(ANALYST)).get(reverse("engagement_list")).content.decode()
    assert "not recorded" in listing


@pytest.mark.django_db
def test_list_filters_and_export(home: Any, page_client: Any, make_user: Any) -> None:
    AgreementFactory(owner=home, title_en="Treaty on extradition", kind="treaty")
    AgreementFactory(owner=home, title_en="MoU on drugs")
    client = page_client(make_user(ANALYST))
    page = client.get(reverse("agreement_list"), {"kind": "treaty"}).content.decode()
    assert "Treaty on extradition" in page and "MoU on drugs" not in page
    csv = client.get(reverse("agreement_list"), {"export": "csv", "q": "drugs"})
    body = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert "MoU on drugs" in body and "Treaty on extradition" not in body


def test_import_link_shows_only_to_those_who_may_import(db: object) -> None:
    from django.test import Client

    from liaison.core.permissions import ANALYST, DESK_OFFICER
    from tests.factories import AgencyFactory, UserFactory

    home = AgencyFactory(code="VN-X", is_home=True)
    pages = {}
    for role in (ANALYST, DESK_OFFICER):
        client = Client()
        client.force_login(UserFactory(agency=home, roles=[role]))
        pages[role] = client.get("/").content.decode()
    assert 'href="/import/"' not in pages[ANALYST]
    assert 'href="/import/"' in pages[DESK_OFFICER]
