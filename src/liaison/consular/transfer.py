"""Whether a prisoner may be transferred to serve the sentence in the other country: everything that needs no treaty.

`eligibility(case, minimum_remaining_days=None)` gives a neutral result (`Eligibility`): each condition with whether
it is met (True / False / None when not known yet) and why, the remaining sentence in days, and what the legal
requests domain must still decide from the treaty (dual criminality; the minimum remaining sentence when the
caller gives none). It imports no legal-requests code: the caller that knows the treaty passes its minimum and
adds its own conditions (docs/decisions/0046). `request_data(case)` is what a transfer request is opened with.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.consular.choices import Direction, TransferConsent
from liaison.consular.models import ConsularCase, ImprisonmentRecord


@dataclass(frozen=True)
class Condition:
    code: str  # "nationality", "final_judgment", "remaining_sentence", "consent", "dual_criminality"
    met: bool | None  # None: not known here (missing data, or the treaty decides)
    reason: str


@dataclass(frozen=True)
class Eligibility:
    conditions: list[Condition]
    remaining_days: int | None  # None: no sentence recorded, or a life sentence
    life_sentence: bool
    sentencing_country: str
    receiving_country: str
    treaty_pending: list[str] = field(default_factory=list)  # condition codes the treaty must settle

    @property
    def eligible(self) -> bool | None:
        """False when a condition fails; None while one is unknown; True when all are met."""
        if any(c.met is False for c in self.conditions):
            return False
        if any(c.met is None for c in self.conditions):
            return None
        return True

    @property
    def missing(self) -> list[Condition]:
        return [c for c in self.conditions if c.met is not True]


def _record(case: ConsularCase) -> ImprisonmentRecord | None:
    return ImprisonmentRecord.objects.filter(case=case).first()


def _countries(case: ConsularCase) -> tuple[str, str]:
    """(sentencing country, receiving country): abroad, the partner sentenced our national and we receive them;
    here, we sentenced and the partner's country receives."""
    ours, theirs = str(case.owner.country or ""), str(case.partner.country or "")
    return (theirs, ours) if case.direction == Direction.NATIONAL_ABROAD else (ours, theirs)


def eligibility(
    case: ConsularCase, *, minimum_remaining_days: int | None = None, today: datetime.date | None = None
) -> Eligibility:
    today = today or timezone.localdate()
    sentencing, receiving = _countries(case)
    record = _record(case)
    conditions: list[Condition] = []

    nationalities = [str(c) for c in (case.person.nationalities or [])]
    if not nationalities:
        conditions.append(Condition("nationality", None, _("The person's nationality is not recorded.")))
    elif receiving and receiving in nationalities:
        conditions.append(Condition("nationality", True, _("A national of the receiving country.")))
    else:
        conditions.append(
            Condition(
                "nationality",
                False,
                _("Not a national of the receiving country (%(country)s).") % {"country": receiving},
            )
        )

    if record is None:
        conditions.append(Condition("final_judgment", None, _("No judgment is recorded.")))
    elif record.judgment_final:
        conditions.append(Condition("final_judgment", True, _("The judgment is final.")))
    else:
        conditions.append(Condition("final_judgment", False, _("The judgment is not final yet.")))

    remaining = record.remaining_days(today) if record is not None else None
    life = bool(record and record.life_sentence)
    pending: list[str] = ["dual_criminality"]
    if record is None:
        conditions.append(Condition("remaining_sentence", None, _("No sentence is recorded.")))
    elif minimum_remaining_days is None:
        pending.append("remaining_sentence")
        conditions.append(
            Condition("remaining_sentence", None, _("The treaty's minimum remaining sentence is not known here."))
        )
    elif life or (remaining is not None and remaining >= minimum_remaining_days):
        conditions.append(
            Condition(
                "remaining_sentence",
                True,
                _("%(days)s days remain; the treaty asks at least %(minimum)s.")
                % {"days": _("life") if life else remaining, "minimum": minimum_remaining_days},
            )
        )
    else:
        conditions.append(
            Condition(
                "remaining_sentence",
                False,
                _("Only %(days)s days remain; the treaty asks at least %(minimum)s.")
                % {"days": remaining, "minimum": minimum_remaining_days},
            )
        )

    consents: dict[str, Condition] = {
        TransferConsent.GIVEN: Condition("consent", True, _("The person consents to the transfer.")),
        TransferConsent.REFUSED: Condition("consent", False, _("The person refuses the transfer.")),
    }
    unknown = Condition("consent", None, _("The person's consent is not recorded."))
    conditions.append(consents.get(case.transfer_consent, unknown))
    conditions.append(Condition("dual_criminality", None, _("Dual criminality is checked against the treaty.")))
    return Eligibility(conditions, remaining, life, sentencing, receiving, pending)


def request_data(case: ConsularCase) -> dict[str, Any]:
    """What a transfer request is opened with: the person, the countries, the judgment and the case."""
    record = _record(case)
    sentencing, receiving = _countries(case)
    data: dict[str, Any] = {
        "person": case.person_id,
        "partner": case.partner_id,
        "consular_case": case.reference,
        "sentencing_country": sentencing,
        "receiving_country": receiving,
    }
    if record is not None:
        data.update(
            court=record.court,
            judgment_date=record.judgment_date.isoformat(),
            judgment_final=record.judgment_final,
            offence=record.offence or case.charges,
            sentence_days=record.sentence_days,
            life_sentence=record.life_sentence,
            expected_release=record.expected_release.isoformat() if record.expected_release else None,
        )
    return data
