"""List-page (and CSV / XLSX export) columns of the citizens-abroad domain. No column carries the family contact."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from liaison.consular.queries import LATE_LABELS
from liaison.core.tables import Column, Table


def _late(case: Any) -> str:
    return ", ".join(f"{LATE_LABELS[what]} {due.isoformat()}" for what, due in case.overdue())


CASE_TABLE = Table(
    [
        Column("reference", _("Reference"), sort="reference", link=True, nowrap=True),
        Column("person", _("Person"), sort="person__display_name"),
        Column("direction", _("Direction"), sort="direction"),
        Column("partner", _("Partner"), sort="partner__short_name"),
        Column("situation", _("Situation"), sort="situation"),
        Column("status", _("Status"), sort="status"),
        Column("occurred_on", _("Arrested or occurred on"), sort="occurred_on"),
        Column("notification_due", _("Notification due"), sort="notification_due"),
        Column("notified_on", _("Notified on"), sort="notified_on"),
        Column("overdue", _("Past a deadline"), value=_late),
    ],
    default_sort="-occurred_on",
)

FACILITY_TABLE = Table(
    [
        Column("name", _("Name"), sort="name", link=True),
        Column("kind", _("Kind"), sort="kind"),
        Column("country", _("Country"), sort="country", value=lambda f: f.country.name),
        Column("city", _("City or province"), sort="city"),
        Column("phone", _("Telephone")),
    ],
    default_sort="name",
)

RULE_TABLE = Table(
    [
        Column("partner", _("Partner"), sort="partner__short_name", link=True),
        Column("basis", _("Notification"), sort="basis"),
        Column("notify_within_days", _("Notify within (days)"), sort="notify_within_days"),
        Column("first_visit_within_days", _("First visit within (days)")),
        Column("visit_every_days", _("Visit every (days)")),
        Column("source", _("Source")),
    ],
    default_sort="partner__short_name",
)

INCIDENT_TABLE = Table(
    [
        Column("title", _("Title"), sort="title", link=True),
        Column("kind", _("Kind"), sort="kind"),
        Column("direction", _("Direction"), sort="direction"),
        Column("country", _("Country"), sort="country", value=lambda i: i.country.name),
        Column("affected", _("Affected"), sort="affected"),
        Column("victims_count", _("Number of victims"), sort="victims_count"),
        Column("occurred_on", _("Occurred on"), sort="occurred_on"),
    ],
    default_sort="-occurred_on",
)
