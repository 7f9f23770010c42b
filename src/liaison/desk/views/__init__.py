"""Pages of the liaison desk. Every page derives from the core base views, so access applies centrally; every
write goes through desk/actions. Only the owning agency changes a notice or case; a partner a notice was
shared with reads it (and its person) under the handling code shown on the page.

One module per aggregate (notices with their offences, fugitive cases, partner deadlines); every page is
importable from here (urls.py uses `views.<Page>`).
"""

from liaison.desk.views.cases import (
    FugitiveCaseCreate,
    FugitiveCaseDetail,
    FugitiveCaseDocumentAdd,
    FugitiveCaseDocumentFile,
    FugitiveCaseEdit,
    FugitiveCaseList,
    FugitiveCaseNote,
    FugitiveCaseTransition,
)
from liaison.desk.views.deadlines import (
    PartnerDeadlinesCreate,
    PartnerDeadlinesDelete,
    PartnerDeadlinesEdit,
    PartnerDeadlinesList,
)
from liaison.desk.views.notices import (
    NoticeCreate,
    NoticeDetail,
    NoticeEdit,
    NoticeList,
    NoticeReview,
    NoticeShare,
    NoticeTransition,
    NoticeUnshare,
    OffenceCreate,
    OffenceDelete,
    OffenceEdit,
)

__all__ = [
    "FugitiveCaseCreate",
    "FugitiveCaseDetail",
    "FugitiveCaseDocumentAdd",
    "FugitiveCaseDocumentFile",
    "FugitiveCaseEdit",
    "FugitiveCaseList",
    "FugitiveCaseNote",
    "FugitiveCaseTransition",
    "NoticeCreate",
    "NoticeDetail",
    "NoticeEdit",
    "NoticeList",
    "NoticeReview",
    "NoticeShare",
    "NoticeTransition",
    "NoticeUnshare",
    "OffenceCreate",
    "OffenceDelete",
    "OffenceEdit",
    "PartnerDeadlinesCreate",
    "PartnerDeadlinesDelete",
    "PartnerDeadlinesEdit",
    "PartnerDeadlinesList",
]
