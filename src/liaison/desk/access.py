"""Access policies of the liaison desk (see core/access.py and docs/decisions/0010-desk-model.md).

Notices and fugitive cases are agency-owned: the owner sees and changes them; a notice shared with a partner
(core Share, under a handling code) is read by that partner. Offences go with their notice; events and
documents with their case. Partner deadlines are the desk's own settings.
"""

from __future__ import annotations

from liaison.core import access
from liaison.desk.models import CaseDocument, CaseEvent, FugitiveCase, Notice, Offence, PartnerDeadlines

VIEW_PERMISSION = "desk.view"
MANAGE_PERMISSION = "desk.manage"
CONFIGURE_PERMISSION = "desk.configure"
IMPORT_PERMISSION = "desk.import"

access.register(Notice, access.Owned(view=VIEW_PERMISSION, manage=MANAGE_PERMISSION))
access.register(FugitiveCase, access.Owned(view=VIEW_PERMISSION, manage=MANAGE_PERMISSION))
access.register(Offence, access.ThroughParent("notice", view=VIEW_PERMISSION, manage=MANAGE_PERMISSION))
access.register(CaseEvent, access.ThroughParent("case", view=VIEW_PERMISSION, manage=MANAGE_PERMISSION))
access.register(CaseDocument, access.ThroughParent("case", view=VIEW_PERMISSION, manage=MANAGE_PERMISSION))
access.register(PartnerDeadlines, access.AgencyScoped("owner", view=VIEW_PERMISSION, manage=CONFIGURE_PERMISSION))
