"""Every write of screening (audited; see core/actions.py).

Lists
- `do_upload_list` stores the file with its SHA-256, size and original name after reading it whole: its
  format and text encoding (reading.py), its columns and row count; an empty, unreadable or oversized file
  (LIAISON_SCREENING_MAX_BYTES) is refused with a message saying why, and nothing is stored. The mapping
  starts as the guess from the header (mapping.py); `do_map_list` sets the officer's.
- `do_delete_list` removes a list with its runs and hits (lists hold travellers' personal data); remembered
  decisions stay, and a fugitive case keeps the confirmed row on its timeline.

Runs
- `do_start_run` records a queued run (threshold, `namematch.ALGORITHM`) and, once committed, enqueues the
  background task (tasks.screen_list); `liaison screen` passes `background=False` and runs the same code
  (engine.execute_run) itself.
- `do_cancel_run` cancels a queued or running run: the process screening it stops at its next commit point
  (engine: RunStopped) writing nothing more; the hits committed so far stay, and the run says how far it went.
  A run whose worker died is resumed by the worker's sweep (recovery.py).

Decisions
- `do_decide_hit` records confirmed / not the person / unsure with a reason, on the hit and as the agency's
  remembered decision for the pair (person, fingerprint of the listed identity): a later run does not raise a
  pair ruled "not the person" again, and shows an earlier "confirmed" or "unsure" on the new hit.
- A confirmed hit reports the person located to the desk (desk.actions.do_record_located), in the same
  transaction: the desk opens the person's fugitive case or updates the open one (its rules are there); the
  timeline entry (kind `screening_hit`) carries the row as listed, the place is the list and row. The hit
  records the case; with no partner to name, the decision is recorded and no case opened (the hit says so).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import namematch
from liaison.core import actions, audit
from liaison.desk.actions import do_record_located
from liaison.desk.choices import CaseEventKind
from liaison.screening import mapping as mapping_module
from liaison.screening import reading
from liaison.screening.access import DECIDE_PERMISSION, RUN_PERMISSION
from liaison.screening.models import (
    Decision,
    Hit,
    HitDecision,
    ListKind,
    RunStatus,
    ScreeningList,
    ScreeningRun,
)

MIN_THRESHOLD = 0.5
DECISIONS = (Decision.CONFIRMED, Decision.NOT_MATCH, Decision.UNSURE)
ACTIVE_RUN_STATES = (RunStatus.QUEUED, RunStatus.RUNNING)


# --- shared steps ------------------------------------------------------------------------------------------
def _agency(actor: Any) -> Any:
    agency = getattr(actor, "agency", None)
    if agency is None:
        raise ValidationError({"owner": _("The actor belongs to no agency.")})
    return agency


def _officer(actor: Any) -> Any:
    """Lists, runs and decisions are by a signed-in officer (a CLI command names one with --as)."""
    is_user = getattr(actor, "is_authenticated", False) and not getattr(actor, "is_system", False)
    if not is_user or getattr(actor, "pk", None) is None:
        raise ValidationError(_("Screening is done by an officer: name one (the command line takes --as)."))
    return actor


def _human_size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def list_state(screening_list: ScreeningList) -> dict[str, Any]:
    return audit.snapshot(
        screening_list,
        ["name", "kind", "original_name", "size", "sha256", "encoding", "columns", "row_count", "mapping", "owner"],
    )


# --- lists -------------------------------------------------------------------------------------------------
def do_upload_list(
    uploaded_file: Any, *, name: str = "", kind: str = ListKind.ARRIVALS, actor: Any, encoding: str = "auto"
) -> ScreeningList:
    """Store an uploaded list (CSV or XLSX) after reading it whole; see the module docstring."""
    actions.require(actor, RUN_PERMISSION)
    officer = _officer(actor)
    agency = _agency(actor)
    if not uploaded_file:
        raise ValidationError({"file": _("Choose a file to upload.")})
    original = os.path.basename(str(getattr(uploaded_file, "name", "") or "list.csv")).strip()[:255] or "list.csv"
    size = int(getattr(uploaded_file, "size", 0) or 0)
    limit = settings.LIAISON_SCREENING_MAX_BYTES
    if size > limit:
        raise ValidationError(
            {
                "file": _("%(file)s is %(size)s; the largest list accepted is %(limit)s. Split it into parts.")
                % {"file": original, "size": _human_size(size), "limit": _human_size(limit)}
            }
        )
    if kind not in ListKind.values:
        raise ValidationError({"kind": _("Choose what kind of list this is.")})
    if encoding not in dict(reading.ENCODINGS):
        raise ValidationError({"encoding": _("Unknown text encoding %(encoding)s.") % {"encoding": encoding}})
    sha256, counted = actions.sha256_of(uploaded_file)
    if counted == 0:
        raise ValidationError({"file": _("%(file)s is empty.") % {"file": original}})
    if counted > limit:
        raise ValidationError(
            {
                "file": _("%(file)s is %(size)s; the largest list accepted is %(limit)s. Split it into parts.")
                % {"file": original, "size": _human_size(counted), "limit": _human_size(limit)}
            }
        )
    try:
        info = reading.inspect(
            _binary(uploaded_file), original, encoding=encoding, header_score=mapping_module.header_score
        )
    except reading.UnreadableFile as error:
        raise ValidationError({"file": _("%(file)s: %(error)s") % {"file": original, "error": error}}) from None
    screening_list = ScreeningList(
        owner=agency,
        name=(name or "").strip()[:255] or os.path.splitext(original)[0][:255] or original,
        kind=kind,
        original_name=original,
        size=counted,
        sha256=sha256,
        encoding=info.encoding,
        columns=info.columns,
        row_count=info.row_count,
        mapping=mapping_module.guess_mapping(info.columns),
        uploaded_by=officer,
    )
    screening_list.full_clean(exclude=["file", "uploaded_by", "owner"])
    uploaded_file.seek(0)
    screening_list.file.save(original, uploaded_file, save=False)  # written before the transaction …
    try:
        with transaction.atomic():
            screening_list.save()
            audit.record("screening_list.create", actor=actor, obj=screening_list, after=list_state(screening_list))
    except BaseException:
        screening_list.file.storage.delete(screening_list.file.name)  # … and removed if it does not commit
        raise
    return screening_list


def _binary(uploaded_file: Any) -> Any:
    """The underlying binary file object (io.TextIOWrapper needs a real one, not Django's proxy)."""
    inner = uploaded_file
    while hasattr(inner, "file") and inner.file is not None and inner.file is not inner:
        inner = inner.file
    return inner


def do_map_list(screening_list: ScreeningList, mapping: Mapping[str, Any], *, actor: Any) -> ScreeningList:
    """Set which column holds each field (mapping.py); the name is required."""
    actions.require(actor, RUN_PERMISSION)
    actions.require_owner(screening_list, actor, RUN_PERMISSION)
    cleaned = mapping_module.clean_mapping(mapping, list(screening_list.columns))
    with transaction.atomic():
        stored = ScreeningList.objects.select_for_update().get(pk=screening_list.pk)
        if stored.runs.filter(status__in=ACTIVE_RUN_STATES).exists():
            raise ValidationError({"mapping": _("A run of this list is under way: change the mapping after it.")})
        before = stored.mapping
        stored.mapping = cleaned
        stored.save(update_fields=["mapping", "updated_at"])
        audit.record(
            "screening_list.map", actor=actor, obj=stored, before={"mapping": before}, after={"mapping": cleaned}
        )
    screening_list.refresh_from_db()
    return screening_list


def do_update_list(screening_list: ScreeningList, data: Mapping[str, Any], *, actor: Any) -> ScreeningList:
    """Rename a list, change its kind or (with `mapping`) its column mapping."""
    data = dict(data)
    if "mapping" in data:
        do_map_list(screening_list, data.pop("mapping"), actor=actor)
    unknown = sorted(set(data) - {"name", "kind"})
    if unknown:
        raise ValidationError({unknown[0]: _("This field cannot be changed once the list is stored.")})
    actions.require(actor, RUN_PERMISSION)
    actions.require_owner(screening_list, actor, RUN_PERMISSION)
    if not data:
        return screening_list
    if "name" in data:
        data["name"] = str(data["name"] or "").strip()
        if not data["name"]:
            raise ValidationError({"name": _("Give the list a name.")})
    return actions.update(screening_list, data, actor=actor, action="screening_list.update")


def do_delete_list(screening_list: ScreeningList, *, actor: Any) -> None:
    """Remove a list, its runs and their hits, and the stored file (see the module docstring)."""
    actions.require(actor, RUN_PERMISSION)
    actions.require_owner(screening_list, actor, RUN_PERMISSION)
    storage, file_name = screening_list.file.storage, screening_list.file.name
    with transaction.atomic():
        stored = ScreeningList.objects.select_for_update().get(pk=screening_list.pk)
        if stored.runs.filter(status__in=ACTIVE_RUN_STATES).exists():
            raise ValidationError(_("A run of this list is under way: remove the list after it."))
        before = list_state(stored)
        runs = list(stored.runs.values_list("pk", flat=True))
        before["runs"] = runs
        before["hits"] = Hit.objects.filter(run_id__in=runs).count()
        Hit.objects.filter(run_id__in=runs).delete()
        ScreeningRun.objects.filter(pk__in=runs).delete()
        label, pk, text = stored._meta.label_lower, str(stored.pk), str(stored)
        stored.delete()
        audit.record(
            "screening_list.delete", actor=actor, before=before, object_type=label, object_id=pk, object_repr=text
        )
        if file_name:
            transaction.on_commit(lambda: storage.delete(file_name))


# --- runs --------------------------------------------------------------------------------------------------
def enqueue_run(run_id: int) -> None:
    """Give a queued run to the task queue (on commit of the action that queued it)."""
    from liaison.screening.tasks import screen_list

    try:
        result = screen_list.enqueue(run_id)
    except Exception as error:
        ScreeningRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
            status=RunStatus.FAILED,
            finished_at=timezone.now(),
            error=_("The run could not be queued: %(error)s") % {"error": error},
        )
        raise
    ScreeningRun.objects.filter(pk=run_id).update(task_id=str(result.id)[:64])


def do_start_run(
    screening_list: ScreeningList, *, threshold: float | str | None = None, actor: Any, background: bool = True
) -> ScreeningRun:
    """Queue a screening of the list against the persons of the agency's active notices (see the docstring)."""
    actions.require(actor, RUN_PERMISSION)
    officer = _officer(actor)
    actions.require_owner(screening_list, actor, RUN_PERMISSION)
    try:
        value = namematch.DEFAULT_THRESHOLD if threshold is None or threshold == "" else float(threshold)
    except (TypeError, ValueError):
        raise ValidationError({"threshold": _("The threshold is a number between 0.5 and 1.")}) from None
    if not MIN_THRESHOLD <= value <= 1.0:
        raise ValidationError({"threshold": _("The threshold is between %(low)s and 1.") % {"low": MIN_THRESHOLD}})
    if not mapping_module.is_usable(screening_list.mapping):
        raise ValidationError({"mapping": _("Map the column (or columns) holding the name before screening.")})
    from liaison.screening.recovery import recover_stalled_runs

    resumed, _failed = recover_stalled_runs(screening_list)  # a run whose worker died: resumed (or failed)
    with transaction.atomic():
        stored = ScreeningList.objects.select_for_update().get(pk=screening_list.pk)
        if resumed:
            raise ValidationError(
                _("The earlier run of this list had stopped with its worker: it goes on from where it stopped.")
            )
        if stored.runs.filter(status__in=ACTIVE_RUN_STATES).exists():
            raise ValidationError(_("A run of this list is already queued or running."))
        run = ScreeningRun(
            owner_id=stored.owner_id,
            screening_list=stored,
            status=RunStatus.QUEUED,
            threshold=round(value, 4),
            algorithm=namematch.ALGORITHM,
            requested_by=officer,
            rows_total=stored.row_count,
        )
        run.save()
        audit.record(
            "screening_run.start",
            actor=actor,
            obj=run,
            after=audit.snapshot(run, ["screening_list", "threshold", "algorithm", "status", "rows_total"])
            | {"mapping": stored.mapping, "background": background},
        )
        if background:
            transaction.on_commit(lambda: enqueue_run(run.pk), robust=True)
    return run


def do_cancel_run(run: ScreeningRun, *, actor: Any) -> ScreeningRun:
    """Cancel a queued or running run of the actor's agency (see the module docstring)."""
    actions.require(actor, RUN_PERMISSION)
    officer = _officer(actor)
    actions.require_owner(run, actor, RUN_PERMISSION)
    with transaction.atomic():
        stored = ScreeningRun.objects.select_for_update().get(pk=run.pk)
        if stored.status not in ACTIVE_RUN_STATES:
            raise ValidationError(
                _("This run is %(status)s: only a queued or running run can be cancelled.")
                % {"status": stored.get_status_display()}
            )
        before = {"status": stored.status, "rows_done": stored.rows_done, "hit_count": stored.hit_count}
        stored.status = RunStatus.CANCELLED
        stored.cancelled_by = officer
        stored.finished_at = timezone.now()
        stored.save(update_fields=["status", "cancelled_by", "finished_at", "updated_at"])
        audit.record(
            "screening_run.cancel",
            actor=actor,
            obj=stored,
            before=before,
            after={"status": RunStatus.CANCELLED, "rows_done": stored.rows_done, "hits_kept": stored.hit_count},
        )
    return stored


# --- decisions ---------------------------------------------------------------------------------------------
def remembered(hits: list[Hit]) -> dict[int, HitDecision]:
    """For each hit (by pk), the agency's earlier decision on its pair, when one was taken on another hit."""
    if not hits:
        return {}
    owner_id = hits[0].run.owner_id
    keys = {(hit.person_id, hit.fingerprint) for hit in hits}
    found = {
        (d.person_id, d.fingerprint): d
        for d in HitDecision.objects.filter(
            owner_id=owner_id,
            person_id__in={p for p, _f in keys},
            fingerprint__in={f for _p, f in keys},
        ).select_related("decided_by")
    }
    out = {}
    for hit in hits:
        decision = found.get((hit.person_id, hit.fingerprint))
        if decision is not None and decision.hit_id != hit.pk:
            out[hit.pk] = decision
    return out


def _listed_text(hit: Hit) -> str:
    row = hit.row or {}
    parts = [" / ".join(row.get("names") or [])]
    for key in ("birth_date", "nationality", "document_number"):
        if row.get(key):
            parts.append(str(row[key]))
    return ", ".join(part for part in parts if part)


def _case_note(hit: Hit, reason: str) -> str:
    screening_list = hit.run.screening_list
    return _(
        "Screening hit confirmed: row %(row)s of the list “%(list)s” (%(kind)s), listed as %(listed)s; "
        "score %(score).2f (%(algorithm)s). Reason: %(reason)s"
    ) % {
        "row": hit.row_number,
        "list": screening_list.name,
        "kind": screening_list.get_kind_display(),
        "listed": _listed_text(hit),
        "score": hit.score,
        "algorithm": hit.algorithm,
        "reason": reason,
    }


def _report_located(hit: Hit, reason: str, *, actor: Any) -> tuple[Any, str]:
    """Tell the desk the hit's person was found (desk.actions.do_record_located): the case it opened or
    updated, and what happened: opened, updated, no_partner."""
    screening_list = hit.run.screening_list
    return do_record_located(
        hit.person,
        source=CaseEventKind.SCREENING_HIT,
        where=_("List “%(list)s”, row %(row)s") % {"list": screening_list.name, "row": hit.row_number},
        note=_case_note(hit, reason),
        reference={
            "hit": hit.pk,
            "run": hit.run_id,
            "list": screening_list.pk,
            "row": hit.row_number,
            "row_id": hit.row_id,
            "listed": hit.row,
            "score": hit.score,
            "algorithm": hit.algorithm,
        },
        notice=hit.notice,
        actor=actor,
    )


def do_decide_hit(hit: Hit, decision: str, *, reason: str, actor: Any) -> Hit:
    """Decide a hit (confirmed, not the person, unsure) with a reason; remember it for the pair; a confirmed
    hit opens or updates the fugitive case (module docstring). `hit.case_outcome` says what happened to the
    case: opened, updated, no_partner or "" (none concerned)."""
    actions.require(actor, DECIDE_PERMISSION)
    officer = _officer(actor)
    actions.require_owner(hit.run, actor, DECIDE_PERMISSION)
    if decision not in DECISIONS:
        raise ValidationError({"decision": _("Choose confirmed, not the person or unsure.")})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the decision.")})
    outcome = ""
    with transaction.atomic():
        stored = Hit.objects.select_for_update().select_related("run__screening_list", "person").get(pk=hit.pk)
        before = {"decision": stored.decision, "reason": stored.reason, "case": stored.case_id}
        already_confirmed = stored.decision == Decision.CONFIRMED and stored.case_id is not None
        stored.decision = decision
        stored.reason = reason
        stored.decided_by = officer
        stored.decided_at = timezone.now()
        HitDecision.objects.update_or_create(
            owner_id=stored.run.owner_id,
            person_id=stored.person_id,
            fingerprint=stored.fingerprint,
            defaults={"decision": decision, "reason": reason, "decided_by": officer, "hit": stored},
        )
        if decision == Decision.CONFIRMED and not already_confirmed:
            case, outcome = _report_located(stored, reason, actor=actor)
            if case is not None:
                stored.case = case
        stored.save()
        audit.record(
            "hit.decide",
            actor=actor,
            obj=stored,
            agency=stored.run.owner,
            before=before,
            after={
                "decision": decision,
                "reason": reason,
                "case": stored.case_id,
                "case_outcome": outcome,
                "person": stored.person_id,
                "fingerprint": stored.fingerprint,
            },
        )
    hit.refresh_from_db()
    hit.case_outcome = outcome  # type: ignore[attr-defined]
    return hit
