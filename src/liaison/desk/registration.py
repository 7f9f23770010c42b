"""What the desk adds to the shared registries (core/registry/): its permissions and menu entries, the tiles of
open cases, cases past a deadline and notices due for review, the overdue cases and notices due for review on
the dashboard, the recent changes to the cases in which the user's agency is the partner (docs/decisions/0022),
the notices and fugitive cases on a person's page, and the
"has an active notice" filter of the person list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import django_filters
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.core import access, reads, registry
from liaison.core.models import AuditEvent
from liaison.core.permissions import DESK_OFFICER, EVERY_ROLE, LEGAL_OFFICER, SUPERVISOR
from liaison.desk.models import CaseDocument, CaseEvent, FugitiveCase, Notice, PartnerDeadlines
from liaison.people.models import Person


def desk_count(count: Callable[[Any, Any], QuerySet[Any]], model: type[Any]) -> Callable[[HttpRequest], int | None]:
    """A tile's count: the records of `count(user, today)` the user may see (what its list shows, filtered);
    None for those who may not see such records."""

    def counted(request: HttpRequest) -> int | None:
        user = request.user
        if not access.can(user, model, access.VIEW):
            return None
        return access.restrict(count(user, timezone.localdate()), user).count()

    return counted


def dashboard_alerts(request: HttpRequest) -> dict[str, Any] | None:
    """The user's agency's open fugitive cases past a deadline (acknowledgement or progress report) and its
    notices whose five-year review falls within six months; None for those who may not see the desk."""
    user: Any = request.user
    if not access.can(user, FugitiveCase, access.VIEW):
        return None
    today = timezone.localdate()
    own = {"owner_id": user.agency_id}
    cases = (
        access.restrict(FugitiveCase.objects.select_related("partner", "person"), user)
        .filter(**own)
        .overdue(today)  # type: ignore[attr-defined]
        .order_by("priority", "acknowledge_by", "next_report_due", "pk")
    )
    notices = (
        access.restrict(Notice.objects.select_related("person"), user)
        .filter(**own)
        .review_due(today)  # type: ignore[attr-defined]
        .order_by("review_due_on", "pk")
    )
    overdue_cases = []
    for case in cases[:20]:
        late_ack = case.acknowledged_on is None and case.acknowledge_by is not None and case.acknowledge_by < today
        overdue_cases.append(
            {
                "case": case,
                "url": case.get_absolute_url(),
                "what": _("acknowledgement") if late_ack else _("progress report"),
                "due": case.acknowledge_by if late_ack else case.next_report_due,
            }
        )
    return {
        "overdue_cases": overdue_cases,
        "overdue_cases_total": cases.count(),
        "review_due": [
            {"notice": notice, "url": notice.get_absolute_url(), "overdue": notice.review_due_on < today}
            for notice in notices[:20]
        ],
        "review_due_total": notices.count(),
    }


PARTNER_CHANGES_SHOWN = 15


def previous_visit(user: Any) -> Any:
    """When the user's previous visit ended: their last sign-out, or sign-in, before the current session's
    sign-in (None for a first visit)."""
    marks = (
        AuditEvent.objects.filter(actor_id=user.pk, action__in=("auth.sign_in", "auth.sign_out"))
        .order_by("-seq")
        .values_list("occurred_at", flat=True)[:2]
    )
    return marks[1] if len(marks) > 1 else None


def partner_changes(request: HttpRequest) -> dict[str, Any] | None:
    """The latest timeline entries meant for the partner of the cases in which the user's agency is the partner
    (another agency's cases), latest first, those recorded since the user's previous visit marked new; None when
    there is no such case."""
    user: Any = request.user
    if not access.can(user, FugitiveCase, access.VIEW):
        return None
    cases = (
        access.restrict(FugitiveCase.objects.all(), user)
        .filter(partner_id=user.agency_id)
        .exclude(owner_id=user.agency_id)
    )
    if not cases.exists():
        return None
    events = (
        access.restrict(CaseEvent.objects.filter(case__in=cases.values("pk")), user)
        .select_related("case", "case__owner", "case__person")
        .order_by("-occurred_at", "-pk")[:PARTNER_CHANGES_SHOWN]
    )
    since = previous_visit(user)
    rows = [
        {
            "event": event,
            "case": event.case,
            "url": event.case.get_absolute_url(),
            "new": since is None or event.recorded_at > since,
        }
        for event in events
    ]
    return {"rows": rows, "open_total": cases.open().count(), "since": since}  # type: ignore[attr-defined]


def person_notices(request: HttpRequest, person: Person) -> dict[str, Any]:
    """The notices about the person that the user may see, each with its page."""
    notices = access.restrict(Notice.objects.filter(person=person), request.user).select_related("owner")
    return {"notices": [{"record": notice, "url": notice.get_absolute_url()} for notice in notices]}


def person_cases(request: HttpRequest, person: Person) -> dict[str, Any]:
    """The fugitive cases about the person that the user may see, each with its page."""
    cases = access.restrict(FugitiveCase.objects.filter(person=person), request.user).select_related("partner")
    return {"cases": [{"record": case, "url": case.get_absolute_url()} for case in cases]}


class ActiveNoticeFilter(django_filters.BooleanFilter):
    """Persons with (true) or without (false) an active notice that the user may see."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(method=self.with_active_notice, **kwargs)

    def with_active_notice(self, queryset: QuerySet[Any], name: str, value: bool | None) -> QuerySet[Any]:
        if value is None:
            return queryset
        user = getattr(getattr(self.parent, "request", None), "user", None)
        notices = access.restrict(Notice.objects.active(), user).filter(person=OuterRef("pk"))
        return queryset.filter(Exists(notices)) if value else queryset.exclude(Exists(notices))


def register() -> None:
    from liaison.desk import federation, sharing

    sharing.register()  # a notice shares its person (core/sharing.py)
    reads.register_personal_data(Notice, FugitiveCase, CaseEvent, CaseDocument)  # the read log (core/reads.py)
    federation.register()  # notices shared with an agency of a partner node travel there (desk/federation.py)
    registry.register_permission("desk.view", _("See notices and fugitive cases"), roles=EVERY_ROLE)
    registry.register_permission(
        "desk.manage",
        _("Record notices and fugitive cases, move them through their workflow, share notices"),
        roles=(DESK_OFFICER, LEGAL_OFFICER, SUPERVISOR),
    )
    registry.register_permission(
        "desk.configure", _("Set each partner's acknowledgement and reporting deadlines"), roles=(SUPERVISOR,)
    )
    registry.register_permission("desk.import", _("Import INTERPOL public notices"), roles=(DESK_OFFICER, SUPERVISOR))
    registry.register_menu_entry("desk", "notice_list", _("Notices"), order=30, model=Notice)
    registry.register_menu_entry("desk", "fugitive_case_list", _("Fugitive cases"), order=40, model=FugitiveCase)
    registry.register_menu_entry("desk", "interpol_import", _("INTERPOL import"), order=60, permission="desk.import")
    registry.register_menu_entry(
        "desk", "partner_deadlines_list", _("Partner deadlines"), order=70, model=PartnerDeadlines
    )
    registry.register_dashboard_tile(
        "open_cases",
        label=_("Open fugitive cases"),
        count=desk_count(lambda _user, _today: FugitiveCase.objects.open(), FugitiveCase),
        url=registry.filtered_list("fugitive_case_list", "open=true"),
        order=10,
    )
    registry.register_dashboard_tile(
        "overdue_cases",
        label=_("Fugitive cases past a deadline"),
        count=desk_count(lambda _user, today: FugitiveCase.objects.overdue(today), FugitiveCase),
        url=registry.filtered_list("fugitive_case_list", "overdue=true"),
        order=20,
    )
    registry.register_dashboard_tile(
        "notices_review_due",
        label=_("Notices due for review"),
        count=desk_count(lambda _user, today: Notice.objects.review_due(today), Notice),
        url=registry.filtered_list("notice_list", "review_due=true"),
        order=30,
    )
    registry.register_dashboard_panel(
        "desk_alerts", template="desk/_dashboard_alerts.html", context=dashboard_alerts, order=30
    )
    registry.register_dashboard_panel(
        "desk_partner_changes", template="desk/_dashboard_partner_changes.html", context=partner_changes, order=31
    )
    registry.register_record_panel(
        "people.person",
        "notices",
        template="desk/_person_notices.html",
        compare_template="desk/_person_notices_compare.html",
        context=person_notices,
        order=10,
    )
    registry.register_record_panel(
        "people.person",
        "fugitive_cases",
        template="desk/_person_cases.html",
        compare_template="desk/_person_cases_compare.html",
        context=person_cases,
        order=20,
    )
    registry.register_list_filter(
        "people.person",
        "has_active_notice",
        ActiveNoticeFilter(label=_("Has an active notice")),
        before="fictional",
    )
