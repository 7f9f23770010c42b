"""The shell around every page: navigation by capability, showing only what the user may open."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from liaison.core import access
from liaison.core.permissions import has_perm


def _navigation(user: Any) -> list[dict[str, Any]]:
    from liaison.agencies.models import Agency, ApiToken, Role, Unit, User
    from liaison.cooperation.models import (
        ActionItem,
        Agreement,
        CapacityProject,
        Engagement,
        Programme,
        TrainingCourse,
    )
    from liaison.core.models import AuditEvent
    from liaison.desk.models import FugitiveCase, Notice, PartnerDeadlines
    from liaison.people.models import Person
    from liaison.screening.models import ScreeningList

    sections: list[tuple[Any, list[tuple[Any, ...]]]] = [
        (_("Overview"), [(_("Dashboard"), "dashboard", None)]),
        (
            _("Directory"),
            [
                (_("Agencies"), "agency_list", Agency),
                (_("Units"), "unit_list", Unit),
                (_("Users"), "user_list", User),
            ],
        ),
        (
            _("Relations"),
            [
                (_("Partners"), "partners", None),
                (_("Calendar"), "calendar", Engagement),
                (_("Import"), "import_upload", Agreement, access.ADD),  # importing creates records
            ],
        ),
        (
            _("Liaison desk"),
            [
                (_("Search persons"), "person_search", Person),
                (_("Persons"), "person_list", Person),
                (_("Notices"), "notice_list", Notice),
                (_("Fugitive cases"), "fugitive_case_list", FugitiveCase),
                (_("Screening"), "screening_list_list", ScreeningList),
                (_("INTERPOL import"), "interpol_import", "desk.import"),
                (_("Partner deadlines"), "partner_deadlines_list", PartnerDeadlines),
            ],
        ),
        (
            _("Cooperation"),
            [
                (_("Agreements"), "agreement_list", Agreement),
                (_("Programmes"), "programme_list", Programme),
                (_("Action items"), "action_item_list", ActionItem),
                (_("Engagements"), "engagement_list", Engagement),
                (_("Training"), "training_list", TrainingCourse),
                (_("Capacity projects"), "capacity_project_list", CapacityProject),
            ],
        ),
        (
            _("Administration"),
            [
                (_("Roles and second factor"), "role_list", Role),
                (_("API tokens"), "api_token_list", ApiToken),
                (_("Audit trail"), "audit_list", AuditEvent),
                (_("API documentation"), "api_docs", None),
            ],
        ),
    ]
    nav = []
    for title, items in sections:
        links = [
            {"label": item[0], "url": reverse(item[1]), "name": item[1]}
            for item in items
            if item[2] is None
            or (
                has_perm(user, item[2])
                if isinstance(item[2], str)
                else access.can(user, item[2], item[3] if len(item) > 3 else access.VIEW)
            )
        ]
        if links:
            nav.append({"title": title, "links": links})
    return nav


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"navigation": _navigation(user), "request_id": getattr(request, "request_id", "")}
