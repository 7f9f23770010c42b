"""Access policies of screening (see core/access.py): lists, runs, hits and remembered decisions stay with
the agency that screened; nothing here is shared."""

from __future__ import annotations

from liaison.core import access
from liaison.screening.models import Hit, HitDecision, ScreeningList, ScreeningRun

VIEW_PERMISSION = "screening.view"
RUN_PERMISSION = "screening.run"
DECIDE_PERMISSION = "screening.decide"

access.register(ScreeningList, access.AgencyScoped("owner", view=VIEW_PERMISSION, manage=RUN_PERMISSION))
access.register(ScreeningRun, access.AgencyScoped("owner", view=VIEW_PERMISSION, manage=RUN_PERMISSION))
access.register(HitDecision, access.AgencyScoped("owner", view=VIEW_PERMISSION, manage=DECIDE_PERMISSION))
access.register(Hit, access.ThroughParent("run", view=VIEW_PERMISSION, manage=DECIDE_PERMISSION))
