"""What screening adds to the shared registries (core/registry.py): its permissions, its entry in the Liaison
desk section of the menu, and the worker sweep that resumes runs whose worker died (recovery.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from liaison.core import registry
from liaison.core.permissions import ANALYST, DESK_OFFICER, SUPERVISOR
from liaison.screening.models import ScreeningList


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
    registry.register_worker_sweep("screening.stalled_runs", recovery.sweep)
