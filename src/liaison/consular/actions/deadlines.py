"""The deadlines that protect (docs/decisions/0045): the consular notification under VCCR art. 36 or the partner's
bilateral consular agreement, the first consular visit, the periodic visit of a prisoner, the next hearing; and the
notification rules per partner (audited).

A rule per partner (NotificationRule) names its source; without one the VCCR defaults apply: notification on the
person's request "without delay" — counted as LIAISON_CONSULAR_NOTIFY_DAYS days (3) —, a first visit within
LIAISON_CONSULAR_FIRST_VISIT_DAYS (14) of the notification, and a prisoner visited every
LIAISON_CONSULAR_VISIT_EVERY_DAYS (90): node settings, said so in the case's "notification rule".
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from liaison.consular.access import CONFIGURE_PERMISSION
from liaison.consular.choices import HELD, Consent, Direction, NotifyBasis, Situation
from liaison.consular.models import ConsularCase, NotificationRule
from liaison.core import actions

VCCR_SOURCE = "VCCR 1963, art. 36(1)(b)"


@dataclass(frozen=True)
class Terms:
    basis: str
    notify_within_days: int
    first_visit_within_days: int
    visit_every_days: int
    source: str


def terms_for(owner: Any, partner: Any) -> Terms:
    """The terms between `owner` and `partner`: their rule, or the VCCR defaults of the node."""
    rule = NotificationRule.objects.filter(owner=owner, partner=partner).first()
    if rule is not None:
        return Terms(
            rule.basis, rule.notify_within_days, rule.first_visit_within_days, rule.visit_every_days, rule.source
        )
    days = getattr(settings, "LIAISON_CONSULAR_NOTIFY_DAYS", 3)
    return Terms(
        NotifyBasis.ON_REQUEST,
        days,
        getattr(settings, "LIAISON_CONSULAR_FIRST_VISIT_DAYS", 14),
        getattr(settings, "LIAISON_CONSULAR_VISIT_EVERY_DAYS", 90),
        _("%(source)s: “without delay” if the person asks (node default: %(days)s days)")
        % {"source": VCCR_SOURCE, "days": days},
    )


def notification_applies(case: ConsularCase, terms: Terms) -> bool:
    """A held person's consulate is told when the rule makes it mandatory or the person asked for it."""
    if case.situation not in HELD:
        return False
    return terms.basis == NotifyBasis.MANDATORY or case.consent_notify == Consent.REQUESTED


def refresh_deadlines(case: ConsularCase) -> None:
    """Set the case's derived deadlines from its facts and the partner's terms (the caller saves and audits)."""
    terms = terms_for(case.owner, case.partner)
    if notification_applies(case, terms):
        case.notification_due = case.occurred_on + datetime.timedelta(days=terms.notify_within_days)
        case.notification_source = terms.source[:500]
    else:
        case.notification_due = None
        case.notification_source = ""
    visits = case.direction == Direction.NATIONAL_ABROAD and case.situation in HELD
    if not visits:
        case.first_visit_due = case.next_visit_due = None
        return
    base = case.notified_on or case.occurred_on
    case.first_visit_due = base + datetime.timedelta(days=terms.first_visit_within_days)
    if case.last_visit_on is not None and case.situation in (Situation.IMPRISONED, Situation.PRE_TRIAL):
        case.next_visit_due = case.last_visit_on + datetime.timedelta(days=terms.visit_every_days)
    else:
        case.next_visit_due = None


# --- notification rules per partner ---------------------------------------------------------------------
def _check_rule(data: Mapping[str, Any], owner_id: Any) -> None:
    partner = data.get("partner")
    if partner is not None and partner.pk == owner_id:
        raise ValidationError({"partner": _("The partner is another agency than one's own.")})
    if "source" in data and not str(data["source"]).strip():
        raise ValidationError({"source": _("Name the agreement and article that set these terms.")})


def do_create_notification_rule(data: Mapping[str, Any], *, actor: Any) -> NotificationRule:
    """Set how and when a partner's consulate is told and how often its prisoners are visited, with the source."""
    actions.require(actor, CONFIGURE_PERMISSION)
    if "owner" in data:
        raise ValidationError({"owner": _("This field cannot be set here.")})
    agency = actor.agency
    _check_rule(data, agency.pk)
    if NotificationRule.objects.filter(owner=agency, partner=data.get("partner")).exists():
        raise ValidationError({"partner": _("A rule for this partner is already set; change it instead.")})
    return actions.create(NotificationRule, {**data, "owner": agency}, actor=actor, action="notification_rule.create")


def do_update_notification_rule(rule: NotificationRule, data: Mapping[str, Any], *, actor: Any) -> NotificationRule:
    """Change a rule: cases opened from now on follow it (an open case keeps the deadline it was given)."""
    actions.require(actor, CONFIGURE_PERMISSION)
    actions.require_owner(rule, actor, CONFIGURE_PERMISSION)
    if "owner" in data or ("partner" in data and data["partner"] != rule.partner):
        raise ValidationError({"partner": _("This field cannot be changed once the rule is set.")})
    _check_rule(data, rule.owner_id)
    return actions.update(rule, data, actor=actor, action="notification_rule.update")


def do_delete_notification_rule(rule: NotificationRule, *, actor: Any) -> None:
    """Remove a rule: the VCCR defaults apply to that partner again."""
    actions.require(actor, CONFIGURE_PERMISSION)
    actions.require_owner(rule, actor, CONFIGURE_PERMISSION)
    actions.delete(rule, actor=actor, action="notification_rule.delete")
