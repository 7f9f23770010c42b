"""A transfer of a sentenced person opened from a consular case (docs/decisions/0046).

Citizens abroad (consular/) knows the prisoner and the judgment; legal knows the treaty. This module joins them
from the legal side, through consular's public functions only (`consular.transfer.request_data`,
`consular.queries.visible_cases`), so consular keeps importing nothing of legal:

- ``check(case)``: the treaty between the case's owner and partner that covers transfers, and each of its transfer
  conditions (nationality, final judgment, minimum remaining sentence, consent) the case fails or lacks, in words.
  Dual criminality is settled offence by offence in the request (its approval is refused until it is): it is
  listed as still to establish, not as a failure.
- ``do_start_transfer_from_consular(case, *, actor)``: the draft transfer request (legal's
  ``do_start_transfer_request``) with the person and the judgment filled in and the consular case's reference in
  its facts; refused with the reasons when the case is not eligible or a transfer request for it is still open.
- ``case_panel``: the record panel on the consular case's page.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core import actions, audit
from liaison.core.permissions import has_perm
from liaison.legal.access import MANAGE_PERMISSION
from liaison.legal.choices import RequestKind
from liaison.legal.models import LegalRequest, TreatyTerms
from liaison.legal.queries import pick_nationality, transfer_failures, treaty_for

_CONSENT = {"given": True, "refused": False}


@dataclass(frozen=True)
class TransferCheck:
    treaty: TreatyTerms | None
    failed: list[str] = field(default_factory=list)
    to_establish: list[str] = field(default_factory=list)
    open_request: LegalRequest | None = None

    @property
    def eligible(self) -> bool:
        return self.treaty is not None and not self.failed

    def as_json(self) -> dict[str, Any]:
        return {
            "eligible": self.eligible,
            "treaty": self.treaty.pk if self.treaty else None,
            "treaty_name": str(self.treaty) if self.treaty else None,
            "minimum_remaining_days": self.treaty.transfer_min_remaining_days if self.treaty else None,
            "failed": self.failed,
            "to_establish": self.to_establish,
            "open_request": self.open_request.reference if self.open_request else None,
        }


def open_transfer_request(case: Any) -> LegalRequest | None:
    """The transfer request still open that was started from `case` (its reference is in the facts)."""
    return (
        LegalRequest.objects.open()
        .filter(kind=RequestKind.TRANSFER, owner_id=case.owner_id, facts__contains=case.reference)
        .first()
    )


def check(case: Any, today: datetime.date | None = None) -> TransferCheck:
    """Whether `case` is eligible for a transfer under the treaty of its owner with its partner (see the module)."""
    terms = treaty_for(case.owner, case.partner, RequestKind.TRANSFER)
    existing = open_transfer_request(case)
    if terms is None:
        reason = _("No treaty with %(partner)s covers the transfer of sentenced persons.") % {"partner": case.partner}
        return TransferCheck(None, [reason], open_request=existing)
    record = case.imprisonment if hasattr(case, "imprisonment") else None
    states = (case.owner.country.code or "", case.partner.country.code or "")
    served = record.time_served_days(today or timezone.localdate()) if record is not None else None
    sentence_days = record.sentence_days if record is not None else None
    failed = transfer_failures(
        terms,
        nationality=pick_nationality(case.person, states),
        states=states,
        sentence_days=sentence_days,
        served_days=served,
        judgment_final=bool(record and record.judgment_final),
        consent=_CONSENT.get(case.transfer_consent),
        dual_criminality=True,  # settled in the request: see `to_establish`
        life_sentence=bool(record is not None and record.life_sentence),
    )
    if record is None:
        failed.insert(0, _("No judgment is recorded on the consular case."))
    to_establish = []
    if terms.transfer_dual_criminality:
        to_establish.append(
            _(
                "Dual criminality: enter in the request, before approval, the offence in the other state's law "
                "for the same conduct."
            )
        )
    return TransferCheck(terms, failed, to_establish, existing)


def _facts(case: Any, data: dict[str, Any]) -> str:
    lines = [_("Opened from consular case %(reference)s.") % {"reference": case.reference}]
    if data.get("offence"):
        lines.append(_("Offence: %(offence)s") % {"offence": data["offence"]})
    if data.get("life_sentence"):
        lines.append(_("Life sentence."))
    if data.get("expected_release"):
        lines.append(_("Expected release: %(date)s") % {"date": data["expected_release"]})
    return "\n".join(lines)


def do_start_transfer_from_consular(case: Any, *, actor: Any) -> LegalRequest:
    """The draft transfer request for the prisoner of `case` (see the module); audited."""
    from liaison.consular import queries as consular_queries
    from liaison.consular import transfer as consular_transfer
    from liaison.legal.actions import do_start_transfer_request

    actions.require(actor, MANAGE_PERMISSION)
    actions.require_owner(case, actor, MANAGE_PERMISSION)
    if not consular_queries.visible_cases(actor).filter(pk=case.pk).exists():
        raise ValidationError({"consular_case": _("No such consular case.")})
    with transaction.atomic():
        result = check(case)
        if result.open_request is not None:
            raise ValidationError(
                {
                    "consular_case": _("Transfer request %(reference)s is already open for this case.")
                    % {"reference": result.open_request.reference}
                }
            )
        if not result.eligible:
            raise ValidationError({"consular_case": [_("Not eligible for a transfer:"), *result.failed]})
        data = consular_transfer.request_data(case)
        request = do_start_transfer_request(
            person=case.person,
            partner_agency=case.partner,
            actor=actor,
            court=data["court"],
            judgment_date=datetime.date.fromisoformat(data["judgment_date"]),
            judgment_final=data["judgment_final"],
            sentence_days=data["sentence_days"],
            life_sentence=bool(data.get("life_sentence")),
            served_days=case.imprisonment.time_served_days(),
            consent=_CONSENT.get(case.transfer_consent),
            facts=_facts(case, data),
        )
        audit.record(
            "legal_request.transfer_from_consular",
            actor=actor,
            obj=request,
            after={"consular_case": case.reference, "request": request.reference},
        )
    return request


def case_panel(request: HttpRequest, case: Any) -> dict[str, Any] | None:
    """The treaty eligibility on a consular case's page (its owner's users, once a judgment is recorded)."""
    user: Any = request.user
    if case.owner_id != getattr(user, "agency_id", None) or not hasattr(case, "imprisonment"):
        return None
    result = check(case)
    return {"case": case, "check": result, "can_start": result.eligible and has_perm(user, MANAGE_PERMISSION)}
