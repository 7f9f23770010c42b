"""The generic API set (list, detail, create, update, delete; denied roles; other agency's records; audit)
for every resource of the cooperation registry."""

from __future__ import annotations

from typing import Any

from liaison.core.permissions import ANALYST, DESK_OFFICER, LEGAL_OFFICER
from tests.cooperation.factories import (
    ActionItemFactory,
    AgreementDocumentFactory,
    AgreementFactory,
    AgreementLinkFactory,
    CapacityProjectFactory,
    EngagementFactory,
    OutcomeFactory,
    ParticipantFactory,
    ProgrammeFactory,
    TrainingCourseFactory,
)
from tests.helpers import ApiResourceTests


class _Cooperation(ApiResourceTests):
    allowed_roles = [DESK_OFFICER]
    denied_roles = [ANALYST]  # analysts read the registry and change nothing


class TestAgreementApi(_Cooperation):
    basename = "agreement"
    audit_prefix = "agreement"
    allowed_roles = [LEGAL_OFFICER]
    update_payload = {"title_en": "MoU on combating transnational crime (amended)"}

    def make(self, agency: Any) -> Any:
        return AgreementFactory(owner=agency)

    def create_payload(self, agency: Any) -> dict[str, Any]:
        return {
            "kind": "mou",
            "title_en": "Memorandum of understanding on police cooperation",
            "parties": [{"agency": agency.pk}, {"government_country": "KR", "name_text": "Government of Korea"}],
            "titles": [{"language": "vi", "title": "Bản ghi nhớ hợp tác"}, {"language": "ko", "title": "양해각서"}],
            "crime_areas": ["drugs", "telecom_fraud"],
            "signed_place": "Hà Nội",
        }


class TestAgreementDocumentApi(_Cooperation):
    basename = "agreement-document"
    audit_prefix = "agreement_document"
    can_create = False  # multipart upload: tests/cooperation/test_documents.py
    update_payload = {"language": "ko"}

    def make(self, agency: Any) -> Any:
        return AgreementDocumentFactory(agreement=AgreementFactory(owner=agency))


class TestAgreementLinkApi(_Cooperation):
    basename = "agreement-link"
    audit_prefix = "agreement_link"
    update_payload = {"note": "Article 3"}

    def make(self, agency: Any) -> Any:
        return AgreementLinkFactory(from_agreement=AgreementFactory(owner=agency))

    def create_payload(self, agency: Any) -> dict[str, Any]:
        source, target = AgreementFactory(owner=agency), AgreementFactory(owner=agency)
        return {"from_agreement": source.pk, "to_agreement": target.pk, "kind": "amends"}


class TestProgrammeApi(_Cooperation):
    basename = "programme"
    audit_prefix = "programme"
    update_payload = {"end_year": 2028}

    def make(self, agency: Any) -> Any:
        return ProgrammeFactory(owner=agency)

    def create_payload(self, agency: Any) -> dict[str, Any]:
        agreement = AgreementFactory(owner=agency)
        return {"title": "Coordinated action programme 2025–2027", "agreement": agreement.pk, "start_year": 2025}


class TestActionItemApi(_Cooperation):
    basename = "action-item"
    audit_prefix = "action_item"
    update_payload = {"due_date": "2026-06-30"}

    def make(self, agency: Any) -> Any:
        return ActionItemFactory(owner=agency)

    def create_payload(self, agency: Any) -> dict[str, Any]:
        return {
            "programme": ProgrammeFactory(owner=agency).pk,
            "number": "2.1",
            "title": "Joint training on electronic evidence",
            "partner_unit_text": "Cyber Bureau",
        }


class TestEngagementApi(_Cooperation):
    basename = "engagement"
    audit_prefix = "engagement"
    update_payload = {"place": "Seoul"}

    def make(self, agency: Any) -> Any:
        return EngagementFactory(owner=agency)

    def create_payload(self, agency: Any) -> dict[str, Any]:
        return {
            "kind": "conference",
            "title": "6th Vietnam–Korea police cooperation conference",
            "edition": 6,
            "direction": "outgoing",
            "level": "deputy_ministerial",
            "start_date": "2025-09-10",
        }


class TestParticipantApi(_Cooperation):
    basename = "engagement-participant"
    audit_prefix = "participant"
    update_payload = {"position": "Director General"}

    def make(self, agency: Any) -> Any:
        return ParticipantFactory(engagement=EngagementFactory(owner=agency))

    def create_payload(self, agency: Any) -> dict[str, Any]:
        return {"engagement": EngagementFactory(owner=agency).pk, "name": "김철수", "side": "partner"}


class TestOutcomeApi(_Cooperation):
    basename = "engagement-outcome"
    audit_prefix = "outcome"
    update_payload = {"text": "Set up a hotline between the desks"}

    def make(self, agency: Any) -> Any:
        return OutcomeFactory(engagement=EngagementFactory(owner=agency))

    def create_payload(self, agency: Any) -> dict[str, Any]:
        return {"engagement": EngagementFactory(owner=agency).pk, "text": "Exchange liaison officers"}


class TestTrainingCourseApi(_Cooperation):
    basename = "training-course"
    audit_prefix = "training_course"
    update_payload = {"participants_count": 25}

    def make(self, agency: Any) -> Any:
        return TrainingCourseFactory(owner=agency)

    def create_payload(self, agency: Any) -> dict[str, Any]:
        return {"title": "Korean language course", "topic": "language", "language": "ko", "start_date": "2025-03-01"}


class TestCapacityProjectApi(_Cooperation):
    basename = "capacity-project"
    audit_prefix = "capacity_project"
    update_payload = {"phase": "phase 3"}

    def make(self, agency: Any) -> Any:
        return CapacityProjectFactory(owner=agency)

    def create_payload(self, agency: Any) -> dict[str, Any]:
        return {
            "title": "Forensic laboratory support",
            "kind": "equipment",
            "start_year": 2025,
            "end_year": 2028,
            "budget": "1500000.00",
            "currency": "USD",
        }
