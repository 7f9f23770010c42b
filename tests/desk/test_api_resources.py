"""The generic API set (list, detail, create, update, delete where it exists; denied roles; another agency's
records; audit) for every resource of the liaison desk."""

from __future__ import annotations

from typing import Any

from liaison.core.models import AuditEvent
from liaison.core.permissions import ANALYST, DESK_OFFICER, LEGAL_OFFICER, SUPERVISOR
from tests.desk.factories import (
    CaseDocumentFactory,
    CaseEventFactory,
    FugitiveCaseFactory,
    NoticeFactory,
    OffenceFactory,
    PartnerDeadlinesFactory,
)
from tests.factories import AgencyFactory
from tests.helpers import ApiResourceTests
from tests.people.factories import PersonFactory


class _Desk(ApiResourceTests):
    allowed_roles = [DESK_OFFICER]
    denied_roles = [ANALYST]  # analysts read the desk and change nothing


class TestNoticeApi(_Desk):
    basename = "notice"
    audit_prefix = "notice"
    allowed_roles = [LEGAL_OFFICER]
    can_delete = False  # a notice is cancelled, never deleted
    update_payload = {"summary": "Organised a telecom-fraud call centre in Phnom Penh (2021–2023)."}

    def make(self, agency: Any) -> Any:
        return NoticeFactory(owner=agency)

    def create_payload(self, agency: Any) -> dict[str, Any]:
        return {
            "person": PersonFactory(owner=agency, names=["Trần Văn Hùng"]).pk,
            "kind": "wanted",
            "issuing_country": "VN",
            "legal_basis_kind": "warrant",
            "legal_basis_authority": "Cơ quan Cảnh sát điều tra Công an TP Hà Nội",
            "legal_basis_date": "2024-03-02",
            "legal_basis_reference": "125/QĐ-CSĐT",
            "offences": [
                {
                    "description": "Lừa đảo chiếm đoạt tài sản",
                    "crime_area": "telecom_fraud",
                    "law": "BLHS 2015, Điều 174",
                    "max_penalty": "Tù chung thân",
                }
            ],
        }


class TestOffenceApi(_Desk):
    basename = "notice-offence"
    audit_prefix = "offence"
    update_payload = {"max_penalty": "20 năm tù"}

    def make(self, agency: Any) -> Any:
        return OffenceFactory(notice=NoticeFactory(owner=agency, offences=2))

    def create_payload(self, agency: Any) -> dict[str, Any]:
        return {
            "notice": NoticeFactory(owner=agency).pk,
            "description": "Rửa tiền",
            "crime_area": "money_laundering",
            "law": "BLHS 2015, Điều 324",
            "max_penalty": "15 năm tù",
        }


class TestFugitiveCaseApi(_Desk):
    basename = "fugitive-case"
    audit_prefix = "fugitive_case"
    can_delete = False  # a case is closed, withdrawn or expired, never deleted
    update_payload = {"priority": 1}

    def make(self, agency: Any) -> Any:
        return FugitiveCaseFactory(owner=agency)

    def create_payload(self, agency: Any) -> dict[str, Any]:
        return {
            "person": PersonFactory(owner=agency).pk,
            "partner": AgencyFactory(code="KR-SPO", country="KR").pk,
            "direction": "incoming",
            "partner_reference": "SPO-2025-0042",
            "crime_area": "telecom_fraud",
        }


class _ReadOnly(_Desk):
    """Events and documents are never changed through the API: a write answers 405 for one's own record,
    another agency's and a missing one alike."""

    can_delete = False
    test_update_is_audited = None  # type: ignore[assignment]

    def test_other_agency_record_is_like_a_missing_one(self, home: Any, partner: Any, api_client: Any) -> None:
        foreign, own = self.make(partner), self.make(home)
        client = api_client(self.user(home, self.allowed_roles))
        assert (
            client.get(self.url(foreign)).status_code
            == client.get(self.url().rstrip("/") + "/99999999/").status_code
            == 404
        )
        assert foreign.pk not in [row["id"] for row in client.get(self.url()).json()["results"]]
        before = AuditEvent.objects.count()
        for target in (foreign, own):
            assert client.patch(self.url(target), {"note": "x"}, format="json").status_code == 405
            assert client.delete(self.url(target)).status_code == 405
        assert AuditEvent.objects.count() == before


class TestCaseEventApi(_ReadOnly):
    basename = "case-event"
    audit_prefix = "case_event"
    can_create = False  # written by the case's actions only (read-only endpoint)

    def make(self, agency: Any) -> Any:
        return CaseEventFactory(case=FugitiveCaseFactory(owner=agency))


class TestCaseDocumentApi(_ReadOnly):
    basename = "case-document"
    audit_prefix = "case_document"
    can_create = False  # multipart upload: tests/desk/test_documents.py

    def make(self, agency: Any) -> Any:
        return CaseDocumentFactory(case=FugitiveCaseFactory(owner=agency))


class TestPartnerDeadlinesApi(ApiResourceTests):
    basename = "partner-deadlines"
    audit_prefix = "partner_deadlines"
    allowed_roles = [SUPERVISOR]
    denied_roles = [DESK_OFFICER]  # officers work to the deadlines; supervisors set them
    update_payload = {"acknowledge_days": 3}

    def make(self, agency: Any) -> Any:
        return PartnerDeadlinesFactory(owner=agency)

    def create_payload(self, agency: Any) -> dict[str, Any]:
        return {"partner": AgencyFactory().pk, "acknowledge_days": 10, "report_every_days": 21}
