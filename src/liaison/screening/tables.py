"""List-page (and CSV / XLSX export) columns of screening."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from liaison.core.tables import Column, Table


def _last_run(obj: Any) -> Any:
    runs = list(obj.runs.all())
    if not runs:
        return _("not screened yet")
    run = runs[0]
    return _("%(status)s · %(hits)s hits · %(done)s of %(total)s rows") % {
        "status": run.get_status_display(),
        "hits": run.hit_count,
        "done": run.rows_done,
        "total": run.rows_total,
    }


SCREENING_LIST_TABLE = Table(
    columns=[
        Column("name", _("Name"), sort="name", link=True),
        Column("kind", _("Kind"), sort="kind"),
        Column("original_name", _("File")),
        Column("row_count", _("Rows"), sort="row_count"),
        Column("created_at", _("Uploaded"), sort="created_at"),  # local time: the page and exports convert it
        Column("uploaded_by", _("By")),
        Column("runs", _("Last run"), value=_last_run),
    ],
    default_sort="-created_at",
)
