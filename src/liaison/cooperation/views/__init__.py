"""Pages of the cooperation registry: its records, the partner pages and the calendar (with its feed). Every page
derives from the core base views, so access applies centrally; every write goes through cooperation/actions.

One module per aggregate; every page is importable from here (urls.py uses `views.<Page>`). The import pages
are in import_views.py.
"""

from liaison.cooperation.views.agreements import (
    AgreementCreate,
    AgreementDelete,
    AgreementDetail,
    AgreementDocumentDownload,
    AgreementDocumentUpload,
    AgreementLinkCreate,
    AgreementList,
    AgreementTransition,
    AgreementUpdate,
)
from liaison.cooperation.views.calendar import (
    CalendarFeedRevokeView,
    CalendarFeedRotateView,
    CalendarFeedView,
    CalendarView,
)
from liaison.cooperation.views.capacity import (
    CapacityProjectCreate,
    CapacityProjectDelete,
    CapacityProjectDetail,
    CapacityProjectList,
    CapacityProjectTransition,
    CapacityProjectUpdate,
    TrainingCreate,
    TrainingDelete,
    TrainingDetail,
    TrainingList,
    TrainingUpdate,
)
from liaison.cooperation.views.engagements import (
    EngagementCreate,
    EngagementDelete,
    EngagementDetail,
    EngagementList,
    EngagementUpdate,
    OutcomeCreate,
    OutcomeMakeActionItem,
    ParticipantCreate,
)
from liaison.cooperation.views.partners import (
    PartnerDetailView,
    PartnerIndexView,
)
from liaison.cooperation.views.programmes import (
    ActionItemCreate,
    ActionItemDelete,
    ActionItemDetail,
    ActionItemList,
    ActionItemProgress,
    ActionItemTransition,
    ActionItemUpdate,
    ProgrammeCreate,
    ProgrammeDelete,
    ProgrammeDetail,
    ProgrammeList,
    ProgrammeUpdate,
)

__all__ = [
    "ActionItemCreate",
    "ActionItemDelete",
    "ActionItemDetail",
    "ActionItemList",
    "ActionItemProgress",
    "ActionItemTransition",
    "ActionItemUpdate",
    "AgreementCreate",
    "AgreementDelete",
    "AgreementDetail",
    "AgreementDocumentDownload",
    "AgreementDocumentUpload",
    "AgreementLinkCreate",
    "AgreementList",
    "AgreementTransition",
    "AgreementUpdate",
    "CalendarFeedRevokeView",
    "CalendarFeedRotateView",
    "CalendarFeedView",
    "CalendarView",
    "CapacityProjectCreate",
    "CapacityProjectDelete",
    "CapacityProjectDetail",
    "CapacityProjectList",
    "CapacityProjectTransition",
    "CapacityProjectUpdate",
    "EngagementCreate",
    "EngagementDelete",
    "EngagementDetail",
    "EngagementList",
    "EngagementUpdate",
    "OutcomeCreate",
    "OutcomeMakeActionItem",
    "ParticipantCreate",
    "PartnerDetailView",
    "PartnerIndexView",
    "ProgrammeCreate",
    "ProgrammeDelete",
    "ProgrammeDetail",
    "ProgrammeList",
    "ProgrammeUpdate",
    "TrainingCreate",
    "TrainingDelete",
    "TrainingDetail",
    "TrainingList",
    "TrainingUpdate",
]
