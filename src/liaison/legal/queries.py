"""What other apps (citizens abroad) and the legal workflow ask about treaties and requests.

- ``treaty_for(owner, partner, kind) -> TreatyTerms | None``: the terms that cover `kind` of request between the
  owner agency and the partner agency: a bilateral treaty before a multilateral convention before reciprocity.
- ``transfer_eligibility(*, person, nationality, sentence_days, served_days, judgment_final, consent,
  dual_criminality, partner_agency, actor, life_sentence=False) -> Eligibility``: whether a sentenced person may be
  transferred under the treaty with the partner (a life sentence meets any minimum remaining sentence):
  ``eligible``, the translated reasons of what ``failed`` (each says what is missing or not met) and the
  ``treaty`` applied (None when no treaty covers transfers with that partner).
- ``blocking_grounds(request) -> list[str]``: the mandatory refusal grounds of the request's treaty that its facts
  meet (own national, political or military offence, death penalty without assurance, no dual criminality) and,
  for a transfer, the unmet transfer conditions; each a clear sentence. Approval is refused while any remains.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from liaison.legal.choices import Direction, RefusalGround, RequestKind, TreatyBasis
from liaison.legal.models import LegalOffence, LegalRequest, TreatyTerms

_BASIS_ORDER: dict[str, int] = {TreatyBasis.BILATERAL: 0, TreatyBasis.MULTILATERAL: 1, TreatyBasis.RECIPROCITY: 2}


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    failed: list[str] = field(default_factory=list)
    treaty: TreatyTerms | None = None


def treaty_for(owner: Any, partner: Any, kind: str) -> TreatyTerms | None:
    """The terms of `owner` with `partner` that cover `kind`, the most specific basis first."""
    candidates = [t for t in TreatyTerms.objects.filter(owner=owner, partner=partner) if t.covers(kind)]
    candidates.sort(key=lambda terms: (_BASIS_ORDER.get(terms.basis, 9), terms.pk))
    return candidates[0] if candidates else None


def _country_name(code: str) -> str:
    from django_countries import countries

    return str(countries.name(code)) or code


def pick_nationality(person: Any, states: tuple[str, str]) -> str:
    """The person's nationality that is one of the two states, else their first one ("" when none)."""
    nationalities = list(getattr(person, "nationalities", None) or [])
    return next((code for code in nationalities if code in states), nationalities[0] if nationalities else "")


def transfer_failures(
    terms: TreatyTerms,
    *,
    nationality: str,
    states: tuple[str, str],
    sentence_days: int | None,
    served_days: int | None,
    judgment_final: bool,
    consent: bool | None,
    dual_criminality: bool | None,
    life_sentence: bool = False,
) -> list[str]:
    """The transfer conditions of `terms` not met, each as a sentence (empty: eligible). A life sentence leaves an
    indefinite remaining sentence: it meets any minimum, whatever has been served."""
    failed = []
    if not nationality:
        failed.append(_("The person's nationality is not recorded."))
    elif nationality not in states:
        failed.append(
            _("The person is a national of %(country)s, neither of the two states of the treaty.")
            % {"country": _country_name(nationality)}
        )
    if terms.transfer_final_judgment and not judgment_final:
        failed.append(_("The judgment is not final."))
    if life_sentence:
        pass  # the remaining sentence is indefinite: the minimum is met
    elif sentence_days is None or served_days is None:
        failed.append(_("The sentence and the time served are not both recorded."))
    elif served_days > sentence_days:
        failed.append(_("The time served is longer than the sentence."))
    elif (
        terms.transfer_min_remaining_days is not None
        and sentence_days - served_days < terms.transfer_min_remaining_days
    ):
        failed.append(
            _("The remaining sentence is %(remaining)s days; the treaty requires at least %(minimum)s days.")
            % {"remaining": sentence_days - served_days, "minimum": terms.transfer_min_remaining_days}
        )
    if terms.transfer_consent and consent is None:
        failed.append(_("The person's consent has not been obtained."))
    elif terms.transfer_consent and consent is False:
        failed.append(_("The person does not consent to the transfer."))
    if terms.transfer_dual_criminality and not dual_criminality:
        failed.append(
            _("Dual criminality is not established: enter the offence in the other state's law for the same conduct.")
        )
    return failed


def transfer_eligibility(
    *,
    person: Any,
    nationality: str = "",
    sentence_days: int | None,
    served_days: int | None,
    judgment_final: bool,
    consent: bool | None,
    dual_criminality: bool | None,
    partner_agency: Any,
    actor: Any,
    life_sentence: bool = False,
) -> Eligibility:
    """Whether `person` may be transferred between the actor's agency and `partner_agency` (see the module)."""
    owner = actor.agency
    terms = treaty_for(owner, partner_agency, RequestKind.TRANSFER)
    if terms is None:
        return Eligibility(
            eligible=False,
            failed=[
                _("No treaty with %(partner)s covers the transfer of sentenced persons.") % {"partner": partner_agency}
            ],
        )
    states = (owner.country.code or "", partner_agency.country.code or "")
    if not nationality and person is not None:
        nationality = pick_nationality(person, states)
    failed = transfer_failures(
        terms,
        nationality=nationality,
        states=states,
        sentence_days=sentence_days,
        served_days=served_days,
        judgment_final=judgment_final,
        consent=consent,
        dual_criminality=dual_criminality,
        life_sentence=life_sentence,
    )
    return Eligibility(eligible=not failed, failed=failed, treaty=terms)


def _requested_country(request: LegalRequest) -> str:
    agency = request.owner if request.direction == Direction.INCOMING else request.partner
    return agency.country.code or ""


def blocking_grounds(request: LegalRequest) -> list[str]:
    """Why the request may not be approved (see the module); empty when nothing blocks it."""
    terms = request.treaty
    mandatory = set(terms.mandatory_grounds)
    offences = list(request.offences.all())
    found = []
    if RefusalGround.OWN_NATIONALS in mandatory and request.kind == RequestKind.EXTRADITION and request.person:
        country = _requested_country(request)
        if country and country in (request.person.nationalities or []):
            found.append(
                _("%(person)s is a national of %(country)s, and the treaty bars extraditing one's own nationals.")
                % {"person": request.person, "country": _country_name(country)}
            )
    checks: list[tuple[str, Callable[[LegalOffence], bool], str]] = [
        (RefusalGround.POLITICAL, lambda o: o.political, _("“%(offence)s” is a political offence.")),
        (RefusalGround.MILITARY, lambda o: o.military, _("“%(offence)s” is a military offence.")),
        (
            RefusalGround.DEATH_PENALTY,
            lambda o: o.death_penalty and not request.death_penalty_assurance,
            _("“%(offence)s” is punishable by death and no assurance has been given."),
        ),
        (
            RefusalGround.DUAL_CRIMINALITY,
            lambda o: not o.dual_criminality,
            _("No dual criminality for “%(offence)s”: enter the requested state's law and article or offence."),
        ),
    ]
    for ground, applies, message in checks:
        if ground in mandatory:
            found += [message % {"offence": offence.description[:80]} for offence in offences if applies(offence)]
    if request.kind == RequestKind.TRANSFER:
        states = (request.owner.country.code or "", request.partner.country.code or "")
        found += transfer_failures(
            terms,
            nationality=pick_nationality(request.person, states),
            states=states,
            sentence_days=request.sentence_days,
            served_days=request.served_days,
            judgment_final=request.judgment_final,
            consent=request.consent,
            dual_criminality=bool(offences) and all(offence.dual_criminality for offence in offences),
            life_sentence=request.life_sentence,
        )
    return found
