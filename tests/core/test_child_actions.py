"""core.actions' writes of child records (create_child, update_child, delete_child, parent_for_new_child) and
delete_unreferenced, exercised on cooperation records: an engagement's outcomes, an agreement's documents."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from liaison.cooperation import actions as cooperation_actions
from liaison.cooperation.access import MANAGE_PERMISSION
from liaison.cooperation.models import Agreement, Engagement, Outcome
from liaison.core import actions
from liaison.core.models import AuditEvent
from liaison.core.permissions import ANALYST, DESK_OFFICER
from tests.cooperation.factories import (
    AgreementDocumentFactory,
    AgreementFactory,
    EngagementFactory,
    OutcomeFactory,
    ProgrammeFactory,
)
from tests.factories import UserFactory
from tests.helpers import assert_audited

pytestmark = pytest.mark.django_db

KW: dict[str, Any] = {"parent": "engagement", "permission": MANAGE_PERMISSION}


def _officer(agency: Any) -> Any:
    return UserFactory(agency=agency, roles=[DESK_OFFICER])


def test_a_child_is_created_updated_and_deleted_by_the_parent_owner_and_audited(home: Any) -> None:
    engagement, actor = EngagementFactory(owner=home), _officer(home)
    outcome = actions.create_child(
        Outcome, {"engagement": engagement, "text": "Joint operation"}, actor=actor, action="outcome.create", **KW
    )
    event = assert_audited("outcome.create", obj=outcome, actor=actor)
    assert event.after["engagement"] == engagement.pk

    actions.update_child(outcome, {"text": "Joint operation in 2026"}, actor=actor, action="outcome.update", **KW)
    event = assert_audited("outcome.update", obj=outcome, actor=actor)
    assert event.before == {"text": "Joint operation"} and event.after == {"text": "Joint operation in 2026"}

    pk = outcome.pk
    actions.delete_child(outcome, actor=actor, action="outcome.delete", **KW)
    assert not Outcome.objects.filter(pk=pk).exists()
    event = assert_audited("outcome.delete", actor=actor)
    assert event.object_id == str(pk)


def test_another_agency_or_a_missing_permission_is_refused_and_nothing_is_written(home: Any, partner: Any) -> None:
    engagement = EngagementFactory(owner=home)
    outcome = OutcomeFactory(engagement=engagement, text="kept")
    before = AuditEvent.objects.count()
    for actor in (_officer(partner), UserFactory(agency=home, roles=[ANALYST])):
        with pytest.raises(PermissionDenied):
            actions.create_child(Outcome, {"engagement": engagement, "text": "x"}, actor=actor, action="a", **KW)
        with pytest.raises(PermissionDenied):
            actions.update_child(outcome, {"text": "changed"}, actor=actor, action="a", **KW)
        with pytest.raises(PermissionDenied):
            actions.delete_child(outcome, actor=actor, action="a", **KW)
    outcome.refresh_from_db()
    assert outcome.text == "kept" and engagement.outcomes.count() == 1
    assert AuditEvent.objects.count() == before


def test_a_child_needs_its_parent_keeps_it_and_refuses_protected_fields(home: Any) -> None:
    actor = _officer(home)
    outcome = OutcomeFactory(engagement=EngagementFactory(owner=home))
    with pytest.raises(ValidationError) as missing:
        actions.create_child(Outcome, {"text": "orphan"}, actor=actor, action="a", **KW)
    assert "engagement" in missing.value.message_dict
    with pytest.raises(ValidationError) as moved:
        actions.update_child(outcome, {"engagement": EngagementFactory(owner=home)}, actor=actor, action="a", **KW)
    assert moved.value.message_dict == {"engagement": ["A record cannot be moved to another parent."]}
    with pytest.raises(ValidationError) as protected:
        actions.update_child(outcome, {"order": 9}, actor=actor, action="a", protected=("order",), **KW)
    assert protected.value.message_dict == {"order": ["This field cannot be set here."]}
    outcome.refresh_from_db()
    assert outcome.order == 0


def test_check_parent_runs_only_for_the_owner(home: Any, partner: Any) -> None:
    engagement = EngagementFactory(owner=home)
    seen: list[Engagement] = []

    def refuse(parent: Engagement) -> None:
        seen.append(parent)
        raise ValidationError("This engagement is closed.")

    data = {"engagement": engagement, "text": "x"}
    with pytest.raises(PermissionDenied):  # another agency learns nothing from the parent's own check
        actions.create_child(Outcome, data, actor=_officer(partner), action="a", check_parent=refuse, **KW)
    assert seen == []
    with pytest.raises(ValidationError, match="closed"):
        actions.create_child(Outcome, data, actor=_officer(home), action="a", check_parent=refuse, **KW)
    assert seen == [engagement] and not engagement.outcomes.exists()
    owner = {"actor": _officer(home), "permission": MANAGE_PERMISSION}
    with pytest.raises(ValidationError, match="closed"):
        actions.parent_for_new_child(data, "engagement", check_parent=refuse, **owner)
    assert actions.parent_for_new_child(data, "engagement", **owner) == engagement


def test_a_record_still_referred_to_is_not_deleted(home: Any) -> None:
    agreement, actor = AgreementFactory(owner=home), _officer(home)
    ProgrammeFactory(owner=home, agreement=agreement)
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match="Other records still refer to this one: programme"):
        actions.delete_unreferenced(agreement, actor=actor, action="agreement.delete")
    assert Agreement.objects.filter(pk=agreement.pk).exists()
    assert AuditEvent.objects.count() == before


def test_a_stored_document_keeps_what_was_computed_from_its_file(home: Any) -> None:
    document = AgreementDocumentFactory(agreement=AgreementFactory(owner=home))
    sha256 = document.sha256
    for field, value in (("sha256", "f" * 64), ("size", 1), ("original_name", "other.pdf")):
        with pytest.raises(ValidationError) as refused:
            cooperation_actions.do_update_agreement_document(document, {field: value}, actor=_officer(home))
        assert field in refused.value.message_dict
    document.refresh_from_db()
    assert document.sha256 == sha256
    cooperation_actions.do_update_agreement_document(document, {"language": "ko"}, actor=_officer(home))
    assert_audited("agreement_document.update", obj=document)
