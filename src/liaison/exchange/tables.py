"""List-page (and CSV / XLSX export) columns of the message lists."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from liaison.core.tables import Column, Table


def _partners(message: Any) -> str:
    return ", ".join(row.agency.short_name for row in message.recipients.all())


def _codes(message: Any) -> str:
    return f"{message.handling_code} · TLP:{message.tlp} · {message.source_reliability}{message.information_accuracy}"


MESSAGE_TABLE = Table(
    columns=[
        Column("reference", _("Reference"), sort="reference", link=True, nowrap=True),
        Column("subject", _("Subject"), sort="subject"),
        Column("owner__short_name", _("From"), sort="owner__short_name"),
        Column("recipients", _("To"), value=_partners),
        Column("kind", _("Kind"), sort="kind"),
        Column("codes", _("Codes"), value=_codes, nowrap=True),
        Column("priority", _("Priority"), sort="priority"),
        Column("status", _("Status"), sort="status"),
        Column("reply_by", _("Reply by"), sort="reply_by"),
        Column("sent_at", _("Sent"), sort="sent_at"),
    ],
    default_sort="-created_at",
)

RULES_TABLE = Table(
    columns=[
        Column("owner", _("Agency"), link=True),
        Column("approval_codes", _("Handling codes needing approval"), value=lambda r: ", ".join(r.approval_codes)),
        Column("review_days_h0", _("Review after (days), H0")),
        Column("review_days_h2", _("Review after (days), H2")),
    ],
    default_sort="owner__code",
)
