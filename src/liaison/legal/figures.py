"""The figures of legal requests with one partner, for the partner's page: requests by kind and status, the median
days to acknowledge and to execute per kind, refusals by ground — over the requests the reader may see."""

from __future__ import annotations

import statistics
from collections import Counter
from typing import Any

from django.http import HttpRequest

from liaison.core import access
from liaison.legal.choices import Direction, RefusalGround, RequestKind, RequestStatus
from liaison.legal.models import LegalRequest


def _start(request: LegalRequest) -> Any:
    return request.sent_on if request.direction == Direction.OUTGOING else request.received_on


def _median(values: list[int]) -> float | None:
    return statistics.median(values) if values else None


def partner_figures(request: HttpRequest, agency: Any) -> dict[str, Any] | None:
    """None when the reader sees no legal request with this partner."""
    user: Any = request.user
    if not access.can(user, LegalRequest, access.VIEW):
        return None
    requests = list(access.restrict(LegalRequest.objects.filter(partner=agency), user))
    if not requests:
        return None
    kinds, statuses = dict(RequestKind.choices), dict(RequestStatus.choices)
    by_kind_status = Counter((r.kind, r.status) for r in requests)
    rows = []
    for kind in RequestKind.values:
        mine = [r for r in requests if r.kind == kind]
        if not mine:
            continue
        acknowledged = [(r.acknowledged_on - _start(r)).days for r in mine if r.acknowledged_on and _start(r)]
        executed = [
            (r.closed_on - _start(r)).days
            for r in mine
            if r.status == RequestStatus.EXECUTED and r.closed_on and _start(r)
        ]
        rows.append(
            {
                "kind": kinds[kind],
                "total": len(mine),
                "statuses": [(statuses[s], n) for (k, s), n in sorted(by_kind_status.items()) if k == kind],
                "median_acknowledge": _median(acknowledged),
                "median_execute": _median(executed),
            }
        )
    grounds = Counter(g for r in requests if r.status == RequestStatus.REFUSED for g in r.refusal_grounds)
    labels = dict(RefusalGround.choices)
    return {
        "rows": rows,
        "refusals": [(labels.get(g, g), n) for g, n in grounds.most_common()],
        "total": len(requests),
    }
