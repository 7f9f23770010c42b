"""The read log: who read which personal data, when, through which channel and request, with which search terms
(docs/decisions/0024-read-log.md).

Apps name their models that hold personal data (`register_personal_data(Person)`, from their registration.py);
the base views and viewsets then record every read of them with `record_read`, with no code in each view:

- a record page (core.views.RestrictedDetailView) and an API detail (core.api.viewsets): kind `view`;
- a list page filtered by free text, and an API list or reads-only action with filters: `search` (the terms);
- a stored file (core.views.StoredDocumentView) or an API `download` action: `download`;
- a CSV / XLSX export of a list page: `export` (the filters and the number of rows).
The person search page and the photo file view call `record_read` themselves.

Reads go to their own append-only table (core.ReadEvent), not to the hash-chained audit trail, which they would
flood; removing old ones (LIAISON_READ_LOG_DAYS, a worker sweep) is itself audited in the chain.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from liaison.core import audit, context
from liaison.core.models import ReadEvent

logger = logging.getLogger(__name__)

_personal: set[str] = set()

IGNORED_PARAMETERS = {"page", "page_size", "sort", "ordering", "export", "format", "polling", "limit"}
MAX_VALUE = 200


def register_personal_data(*models_: type[models.Model]) -> None:
    """Reads of these models are recorded (see the module docstring)."""
    for model in models_:
        _personal.add(model._meta.label_lower)


def is_personal(model: Any) -> bool:
    meta = getattr(model, "_meta", None)
    return meta is not None and meta.label_lower in _personal


def personal_models() -> list[str]:
    return sorted(_personal)


def search_terms(params: Mapping[str, Any]) -> dict[str, Any]:
    """The terms of a query (GET parameters or a posted body): empty values and paging / sorting left out, each
    value cut to MAX_VALUE characters."""
    terms: dict[str, Any] = {}
    getlist = getattr(params, "getlist", None)
    for key in params:
        if key in IGNORED_PARAMETERS:
            continue
        values = getlist(key) if getlist is not None else params[key]
        if not isinstance(values, list | tuple):
            values = [values]
        kept = [str(value)[:MAX_VALUE] for value in values if value not in (None, "", [], {})]
        if kept:
            terms[str(key)[:50]] = kept[0] if len(kept) == 1 else kept[:20]
    return terms


def _terms_text(terms: Mapping[str, Any]) -> str:
    parts = []
    for key, value in terms.items():
        shown = ", ".join(value) if isinstance(value, list) else str(value)
        parts.append(f"{key}={shown}")
    return "; ".join(parts)[:500]


def record_read(
    user: Any,
    kind: str,
    *,
    obj: models.Model | None = None,
    model: Any = None,
    terms: Mapping[str, Any] | None = None,
    count: int | None = None,
) -> ReadEvent | None:
    """Record one read of personal data by `user` (of `obj`, or of records of `model`); None when the model holds
    no personal data or nobody is signed in. Never fails the read: an error is logged."""
    target = obj if obj is not None else model
    if target is None or not is_personal(target) or not getattr(user, "is_authenticated", False):
        return None
    ctx = context.current()
    meta = target._meta
    cleaned = dict(terms or {})
    event = ReadEvent(
        user=user if getattr(user, "pk", None) else None,
        user_name=user.get_username()[:150],
        agency_id=getattr(user, "agency_id", None),
        kind=kind,
        object_type=meta.label_lower,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        terms=cleaned,
        terms_text=_terms_text(cleaned),
        result_count=count,
        channel=ctx.channel,
        request_id=ctx.request_id,
        ip_address=ctx.ip_address,
    )
    try:
        with transaction.atomic():
            event.save()
    except Exception:
        logger.exception("a read of %s could not be recorded", meta.label_lower)
        return None
    return event


def retention_days() -> int:
    return int(getattr(settings, "LIAISON_READ_LOG_DAYS", 730))


def prune() -> int:
    """Remove the reads older than the retention period; the removal is audited (count and cut-off)."""
    cutoff = timezone.now() - datetime.timedelta(days=retention_days())
    old = ReadEvent.objects.filter(occurred_at__lt=cutoff)
    if not old.exists():  # no write (and no lock) when there is nothing to remove
        return 0
    with transaction.atomic():
        removed = old.prune()
        audit.record(
            "read_log.prune",
            actor="system:read-log",
            object_type="core.readevent",
            object_id="",
            object_repr="",
            after={"removed": removed, "before": cutoff.isoformat(), "retention_days": retention_days()},
        )
    return removed


def sweep() -> str:
    """The worker sweep of core (core.registry.register_worker_sweep): the read log's retention."""
    removed = prune()
    return f"Removed {removed} read-log record(s) past the retention period." if removed else ""
