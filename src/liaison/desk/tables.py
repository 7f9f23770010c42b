"""List-page (and CSV / XLSX export) columns of the liaison desk."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from liaison.core.tables import Column, Table

NOT_RECORDED = _("not recorded")


def _or_not_recorded(name: str) -> Any:
    def get(obj: Any) -> Any:
        value = getattr(obj, name)
        return NOT_RECORDED if value in (None, "") else value

    return get


def _issuer(notice: Any) -> Any:
    if notice.issuing_agency_id:
        return notice.issuing_agency.short_name or str(notice.issuing_agency)
    return notice.issuing_country.name if notice.issuing_country else NOT_RECORDED


def _crime_areas(notice: Any) -> str:
    labels = []
    for offence in notice.offences.all():
        label = str(offence.get_crime_area_display()) if offence.crime_area else ""
        if label and label not in labels:
            labels.append(label)
    return ", ".join(labels)


def _review(notice: Any) -> Any:
    if notice.review_due_on is None:
        return NOT_RECORDED
    return f"{notice.review_due_on.isoformat()} ⚠" if notice.review_warning else notice.review_due_on


def _overdue(case: Any) -> Any:
    return _("overdue") if case.is_overdue else ""


def _next_deadline(case: Any) -> Any:
    if case.acknowledged_on is None and case.acknowledge_by is not None and case.status == "received":
        return case.acknowledge_by
    return case.next_report_due or ""


NOTICE_TABLE = Table(
    columns=[
        Column("person", _("Person"), sort="person__display_name", link=True),
        Column("kind", _("Kind"), sort="kind"),
        Column("status", _("Status"), sort="status"),
        Column("issuer", _("Issued by"), sort="issuing_country", value=_issuer),
        Column("reference", _("Reference"), sort="reference", value=_or_not_recorded("reference"), nowrap=True),
        Column("crime_areas", _("Crime areas"), value=_crime_areas),
        Column("issued_on", _("Issued on"), sort="issued_on"),
        Column("valid_until", _("Valid until"), sort="valid_until", value=_or_not_recorded("valid_until")),
        Column("review_due_on", _("Review due"), sort="review_due_on", value=_review),
    ],
    default_sort="-issued_on",
)

CASE_TABLE = Table(
    columns=[
        Column("reference", _("Reference"), sort="reference", link=True, nowrap=True),
        Column("person", _("Person"), sort="person__display_name"),
        Column("partner", _("Partner"), sort="partner__short_name"),
        Column("direction", _("Direction"), sort="direction"),
        Column("priority", _("Priority"), sort="priority"),
        Column("status", _("Status"), sort="status"),
        Column("received_on", _("Request dated"), sort="received_on"),
        Column("next_deadline", _("Next deadline"), sort="next_report_due", value=_next_deadline),
        Column("overdue", _("Overdue"), value=_overdue, nowrap=True),
    ],
    default_sort="priority",
)

PARTNER_DEADLINES_TABLE = Table(
    columns=[
        Column("partner", _("Partner"), sort="partner__short_name"),
        Column("acknowledge_days", _("Acknowledge within (days)"), sort="acknowledge_days"),
        Column("report_every_days", _("Report progress every (days)"), sort="report_every_days"),
    ],
    default_sort="partner__short_name",
)
