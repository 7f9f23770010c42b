from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _

from liaison.core.filters import AuditFilter, ReadEventFilter
from liaison.core.models import AuditEvent, ReadEvent
from liaison.core.permissions import has_perm
from liaison.core.tables import Column, Table
from liaison.core.views import RestrictedDetailView, RestrictedListView

AUDIT_TABLE = Table(
    columns=[
        Column("seq", _("No."), sort="seq", link=True),
        Column("occurred_at", _("Time"), sort="occurred_at"),
        Column("actor_name", _("Actor"), sort="actor_name"),
        Column("agency", _("Agency")),
        Column("action", _("Action"), sort="action"),
        Column("object_repr", _("Object")),
        Column("channel", _("Channel"), sort="channel"),
        Column("request_id", _("Request id")),
    ],
    default_sort="-seq",
)


class ExportWithAuditPermission(RestrictedListView):
    """A list whose CSV / XLSX export needs audit.export (the audit trail, the read log): others get 404 for it
    and no export buttons."""

    def export(self, kind: str) -> HttpResponse:
        if not has_perm(self.request.user, "audit.export"):
            raise Http404
        return super().export(kind)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_export"] = has_perm(self.request.user, "audit.export")
        return context


class AuditList(ExportWithAuditPermission):
    model = AuditEvent
    table = AUDIT_TABLE
    filterset_class = AuditFilter
    url_prefix = "audit"
    paginate_by = 50
    export_name = "audit-trail"

    def base_queryset(self) -> Any:
        return AuditEvent.objects.select_related("agency")


class AuditDetail(RestrictedDetailView):
    model = AuditEvent
    url_prefix = "audit"
    template_name = "core/audit_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        event = self.object
        keys = sorted(set((event.before or {}).keys()) | set((event.after or {}).keys()))
        context["changes"] = [(k, (event.before or {}).get(k, ""), (event.after or {}).get(k, "")) for k in keys]
        return context


READ_TABLE = Table(
    columns=[
        Column("occurred_at", _("Time"), sort="occurred_at"),
        Column("user_name", _("Who"), sort="user_name"),
        Column("agency", _("Agency")),
        Column("kind", _("Kind of read"), sort="kind"),
        Column("object_type", _("Object type"), sort="object_type"),
        Column("object_id", _("Object id")),
        Column("object_repr", _("Object")),
        Column("terms_text", _("Search terms")),
        Column("result_count", _("Records in the answer")),
        Column("channel", _("Channel"), sort="channel"),
        Column("request_id", _("Request id")),
    ],
    default_sort="-occurred_at",
)


class ReadList(ExportWithAuditPermission):
    """The read log (core/reads.py): supervisors see the reads of their agency's officers, node administrators
    every agency's; CSV / XLSX export with audit.export."""

    model = ReadEvent
    table = READ_TABLE
    filterset_class = ReadEventFilter
    url_prefix = "read"
    paginate_by = 50
    export_name = "read-log"

    def base_queryset(self) -> Any:
        return ReadEvent.objects.select_related("agency")
