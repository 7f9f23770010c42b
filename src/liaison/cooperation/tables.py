"""List-page (and CSV / XLSX export) columns of the cooperation registry."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from liaison.core.choices import CrimeArea
from liaison.core.tables import Column, Table

NOT_RECORDED = _("not recorded")


def _or_not_recorded(name: str) -> Any:
    def get(obj: Any) -> Any:
        value = getattr(obj, name)
        return NOT_RECORDED if value in (None, "") else value

    return get


def _crime_areas(obj: Any) -> str:
    labels = dict(CrimeArea.choices)
    return ", ".join(str(labels.get(code, code)) for code in obj.crime_areas or [])


def _years(obj: Any) -> Any:
    if obj.start_year is None and obj.end_year is None:
        return NOT_RECORDED
    return f"{obj.start_year or '?'}–{obj.end_year or '?'}"


def _partners(obj: Any) -> str:
    return ", ".join(agency.short_name or str(agency) for agency in obj.partners.all())


AGREEMENT_TABLE = Table(
    columns=[
        Column("title_en", _("Title"), sort="title_en", link=True),
        Column("kind", _("Kind"), sort="kind"),
        Column("status", _("Status"), sort="status"),
        Column("parties", _("Parties")),
        Column("signed_date", _("Signed on"), sort="signed_date", value=_or_not_recorded("signed_date")),
        Column("valid_until", _("Valid until"), sort="valid_until", value=_or_not_recorded("valid_until")),
        Column("crime_areas", _("Crime areas"), value=_crime_areas),
    ],
    default_sort="-signed_date",
)

PROGRAMME_TABLE = Table(
    columns=[
        Column("title", _("Title"), sort="title", link=True),
        Column("agreement", _("Implements"), sort="agreement__title_en"),
        Column("years", _("Years"), sort="start_year", value=_years),
        Column("partners", _("Partners"), value=_partners),
    ],
    default_sort="-start_year",
)

ACTION_ITEM_TABLE = Table(
    columns=[
        Column("number", _("Number"), sort="number"),
        Column("title", _("Title"), sort="title", link=True),
        Column("programme", _("Programme"), sort="programme__title"),
        Column("partner_agency", _("Partner"), sort="partner_agency__short_name"),
        Column("home_unit", _("Our unit"), sort="home_unit__name"),
        Column("due_date", _("Due"), sort="due_date", value=_or_not_recorded("due_date")),
        Column("status", _("Status"), sort="status"),
    ],
    default_sort="due_date",
)

ENGAGEMENT_TABLE = Table(
    columns=[
        Column("title", _("Title"), sort="title", link=True),
        Column("kind", _("Kind"), sort="kind"),
        Column("start_date", _("Start"), sort="start_date", value=_or_not_recorded("start_date")),
        Column("place", _("Place"), sort="place", value=_or_not_recorded("place")),
        Column("partners", _("Partners"), value=_partners),
        Column("level", _("Level"), sort="level"),
    ],
    default_sort="-start_date",
)

TRAINING_TABLE = Table(
    columns=[
        Column("title", _("Title"), sort="title", link=True),
        Column("topic", _("Topic"), sort="topic"),
        Column("host_agency", _("Host"), sort="host_agency__short_name"),
        Column("start_date", _("Start"), sort="start_date", value=_or_not_recorded("start_date")),
        Column("place", _("Place"), sort="place", value=_or_not_recorded("place")),
        Column("participants_count", _("Participants"), sort="participants_count"),
    ],
    default_sort="-start_date",
)

CAPACITY_PROJECT_TABLE = Table(
    columns=[
        Column("title", _("Title"), sort="title", link=True),
        Column("phase", _("Phase"), sort="phase"),
        Column("kind", _("Kind"), sort="kind"),
        Column("partner_agency", _("Partner"), sort="partner_agency__short_name"),
        Column("years", _("Years"), sort="start_year", value=_years),
        Column("status", _("Status"), sort="status"),
    ],
    default_sort="-start_year",
)
