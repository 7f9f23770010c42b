"""List-page (and CSV / XLSX export) columns of legal requests and treaty terms."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from liaison.core.tables import Column, Table


def _overdue(request: Any) -> Any:
    return _("overdue") if request.is_overdue else ""


REQUEST_TABLE = Table(
    columns=[
        Column("reference", _("Reference"), sort="reference", link=True, nowrap=True),
        Column("partner_reference", _("Partner's reference"), sort="partner_reference"),
        Column("kind", _("Kind"), sort="kind"),
        Column("subkind", _("Sub-kind"), sort="subkind"),
        Column("direction", _("Direction"), sort="direction"),
        Column("partner", _("Partner"), sort="partner__short_name"),
        Column("person", _("Person"), sort="person__display_name"),
        Column("status", _("Status"), sort="status"),
        Column("received_on", _("Request dated"), sort="received_on"),
        Column("answer_by", _("Answer due"), sort="answer_by"),
        Column("overdue", _("Overdue"), value=_overdue),
    ],
    default_sort="-received_on",
)

TREATY_TABLE = Table(
    columns=[
        Column("title", _("Title"), sort="title", link=True),
        Column("partner", _("Partner"), sort="partner__short_name"),
        Column("basis", _("Basis"), sort="basis"),
        Column("acknowledge_days", _("Days to acknowledge"), sort="acknowledge_days"),
        Column("answer_days", _("Days to answer"), sort="answer_days"),
        Column("fictional", _("Fictional")),
    ],
    default_sort="partner__short_name",
)
