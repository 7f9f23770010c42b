"""The calendar of legal deadlines: every open request's next acknowledgement, answer and formal-request dates the
actor may see, soonest first, each saying whether it is past. Read by the deadlines page, the dashboard and
`liaison legal deadlines`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.core import access
from liaison.legal.models import LegalRequest

WHAT = {
    "acknowledge_by": _("acknowledgement"),
    "answer_by": _("answer"),
    "formal_request_due": _("formal extradition request"),
}


@dataclass(frozen=True)
class Deadline:
    request: LegalRequest
    what: Any
    due: datetime.date
    overdue: bool


def deadlines(actor: Any, *, until: datetime.date | None = None) -> list[Deadline]:
    """The pending deadlines of the open requests `actor` may see (clock running), up to `until` if given."""
    today = timezone.localdate()
    requests = access.restrict(LegalRequest.objects.open(), actor).filter(clock_stopped_on__isnull=True)
    found = []
    for request in requests.select_related("partner", "owner"):
        pending = {
            "acknowledge_by": request.acknowledged_on is None,
            "answer_by": True,
            "formal_request_due": not request.formal_request_made,
        }
        for name, label in WHAT.items():
            due = getattr(request, name)
            if due is None or not pending[name] or (until is not None and due > until):
                continue
            found.append(Deadline(request=request, what=label, due=due, overdue=due < today))
    found.sort(key=lambda row: (row.due, row.request.pk))
    return found
