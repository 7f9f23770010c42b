"""The desk's deadlines (audited; see core/actions.py): how soon an agency acknowledges a partner's requests and
how often it reports progress (PartnerDeadlines, or the node defaults LIAISON_ACKNOWLEDGE_DAYS /
LIAISON_REPORT_EVERY_DAYS), and the node's daily check (`desk-check`): notices past their validity expire,
overdue cases and notices due for their five-year review are reported.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core import actions
from liaison.desk.access import CONFIGURE_PERMISSION
from liaison.desk.actions.common import actor_agency
from liaison.desk.actions.notices import transition_notice
from liaison.desk.choices import NoticeStatus
from liaison.desk.models import FugitiveCase, Notice, PartnerDeadlines


# --- the daily check -------------------------------------------------------------------------------------
@dataclass
class DeskCheck:
    """What `desk-check` found and did."""

    today: datetime.date
    expired: list[Notice] = field(default_factory=list)
    overdue_cases: list[FugitiveCase] = field(default_factory=list)
    review_due: list[Notice] = field(default_factory=list)


def do_desk_check(*, actor: Any, today: datetime.date | None = None, dry_run: bool = False) -> DeskCheck:
    """The daily check of the node (every agency): active or suspended notices whose validity ended are moved
    to expired (audited, one transition each); open cases past a deadline and notices due for their five-year
    review are reported. Running it again the same day changes nothing."""
    if not getattr(actor, "is_system", False):
        raise PermissionDenied(_("The daily check runs from the command line."))
    today = today or timezone.localdate()
    result = DeskCheck(today=today)
    due = Notice.objects.filter(
        status__in=[NoticeStatus.ACTIVE, NoticeStatus.SUSPENDED], valid_until__lt=today
    ).order_by("valid_until", "pk")
    for pk in list(due.values_list("pk", flat=True)):
        if dry_run:
            result.expired.append(Notice.objects.get(pk=pk))
            continue
        with transaction.atomic():
            stored = Notice.objects.select_for_update().get(pk=pk)
            if stored.status not in (NoticeStatus.ACTIVE, NoticeStatus.SUSPENDED) or not (
                stored.valid_until and stored.valid_until < today
            ):
                continue  # changed meanwhile
            note = _("Validity ended on %(date)s (daily check).") % {"date": stored.valid_until.isoformat()}
            transition_notice(stored, NoticeStatus.EXPIRED, note, actor=actor)
            result.expired.append(stored)
    result.overdue_cases = list(
        FugitiveCase.objects.overdue(today).select_related("owner", "partner", "person").order_by("owner", "pk")
    )
    result.review_due = list(
        Notice.objects.review_due(today).select_related("owner", "person").order_by("review_due_on", "pk")
    )
    return result


# --- partner deadlines -----------------------------------------------------------------------------------
def _check_deadline_partner(data: Mapping[str, Any], owner_id: Any) -> None:
    partner = data.get("partner")
    if partner is not None and partner.pk == owner_id:
        raise ValidationError({"partner": _("The partner is another agency than one's own.")})


def do_create_partner_deadlines(data: Mapping[str, Any], *, actor: Any) -> PartnerDeadlines:
    """Set how soon this agency acknowledges a partner's requests and how often it reports progress."""
    actions.require(actor, CONFIGURE_PERMISSION)
    if "owner" in data:
        raise ValidationError({"owner": _("This field cannot be set here.")})
    agency = actor_agency(actor)
    _check_deadline_partner(data, agency.pk)
    if PartnerDeadlines.objects.filter(owner=agency, partner=data.get("partner")).exists():
        raise ValidationError({"partner": _("Deadlines for this partner are already set; change them instead.")})
    return actions.create(PartnerDeadlines, {**data, "owner": agency}, actor=actor, action="partner_deadlines.create")


def do_update_partner_deadlines(row: PartnerDeadlines, data: Mapping[str, Any], *, actor: Any) -> PartnerDeadlines:
    actions.require(actor, CONFIGURE_PERMISSION)
    actions.require_owner(row, actor, CONFIGURE_PERMISSION)
    if "owner" in data:
        raise ValidationError({"owner": _("This field cannot be set here.")})
    _check_deadline_partner(data, row.owner_id)
    partner = data.get("partner")
    if (
        partner is not None
        and PartnerDeadlines.objects.filter(owner_id=row.owner_id, partner=partner).exclude(pk=row.pk).exists()
    ):
        raise ValidationError({"partner": _("Deadlines for this partner are already set; change them instead.")})
    return actions.update(row, data, actor=actor, action="partner_deadlines.update")


def do_delete_partner_deadlines(row: PartnerDeadlines, *, actor: Any) -> None:
    """Remove a partner's deadlines: the node defaults apply to that partner again (for new deadlines)."""
    actions.require(actor, CONFIGURE_PERMISSION)
    actions.require_owner(row, actor, CONFIGURE_PERMISSION)
    actions.delete(row, actor=actor, action="partner_deadlines.delete")


def deadlines_for(owner: Any, partner: Any) -> tuple[int, int]:
    """(acknowledge within, report every) in days for requests between `owner` and `partner`."""
    row = PartnerDeadlines.objects.filter(owner=owner, partner=partner).first()
    if row is not None:
        return row.acknowledge_days, row.report_every_days
    return settings.LIAISON_ACKNOWLEDGE_DAYS, settings.LIAISON_REPORT_EVERY_DAYS
