"""What screening adds to the shared registries (core/registry/): its permissions, its entry in the Liaison
desk section of the menu, the tile of the hits waiting for a decision on the dashboard, and the worker sweep
that resumes runs whose worker died (recovery.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from liaison.core import access, registry
from liaison.core.permissions import ANALYST, DESK_OFFICER, SUPERVISOR
from liaison.screening.models import Decision, Hit, ScreeningList


def hits_to_decide(request: HttpRequest) -> QuerySet[Any]:
    return access.restrict(Hit.objects.filter(decision=Decision.PENDING), request.user)


def hits_to_decide_count(request: HttpRequest) -> int | None:
    """The hits the user may see that wait for a decision; None for those who may not decide hits."""
    if not access.can(request.user, Hit, access.CHANGE):
        return None
    return hits_to_decide(request).count()


def hits_to_decide_url(request: HttpRequest) -> str:
    """The run's hits waiting for a decision when one run has them all, else the screening page."""
    runs = list(hits_to_decide(request).order_by().values_list("run", flat=True).distinct()[:2])
    if len(runs) == 1:
        return reverse("screening_run_detail", kwargs={"pk": runs[0]}) + f"?decision={Decision.PENDING}"
    return reverse("screening_list_list")


def register() -> None:
    from liaison.screening import merging, recovery

    merging.connect()  # a person merge moves the remembered decisions (people.signals.person_merged)
    registry.register_permission(
        "screening.view", _("See screening lists, runs and hits"), roles=(DESK_OFFICER, ANALYST, SUPERVISOR)
    )
    registry.register_permission(
        "screening.run", _("Upload lists and screen them"), roles=(DESK_OFFICER, ANALYST, SUPERVISOR)
    )
    registry.register_permission("screening.decide", _("Decide screening hits"), roles=(DESK_OFFICER, SUPERVISOR))
    registry.register_menu_entry("desk", "screening_list_list", _("Screening"), order=50, model=ScreeningList)
    registry.register_dashboard_tile(
        "hits_to_decide",
        label=_("Screening hits to decide"),
        count=hits_to_decide_count,
        url=hits_to_decide_url,
        order=40,
    )
    registry.register_worker_sweep("screening.stalled_runs", recovery.sweep)
