"""Choice sets of the liaison desk (see docs/glossary.md and docs/decisions/0010-desk-model.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    """What the notice asks of the partners. The INTERPOL colour each corresponds to is in INTERPOL_COLOUR."""

    WANTED = "wanted", _("Wanted – arrest with a view to extradition or deportation")
    LOCATE = "locate", _("Locate")
    INFORMATION = "information", _("Information")
    MISSING = "missing", _("Missing person")
    WARNING = "warning", _("Warning")


INTERPOL_COLOUR = {
    NoticeKind.WANTED: "red",
    NoticeKind.LOCATE: "blue",
    NoticeKind.INFORMATION: "blue",
    NoticeKind.MISSING: "yellow",
    NoticeKind.WARNING: "green",
}


class NoticeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")


class NoticeOutcome(models.TextChoices):
    """What becomes of a case's notice when the case ends or is handed over (workflow.CASE_NOTICE_*)."""

    KEEP = "keep", _("Leave it as it is")
    SUSPEND = "suspend", _("Suspend it")
    CANCEL = "cancel", _("Cancel it")


class NoticeSource(models.TextChoices):
    OWN = "own", _("Issued by this node's agency")
    PARTNER = "partner", _("Received from a partner")
    INTERPOL = "interpol", _("INTERPOL public notice")


class LegalBasisKind(models.TextChoices):
    WARRANT = "warrant", _("Arrest warrant")
    JUDGMENT = "judgment", _("Judgment")
    DECISION = "decision", _("Decision to prosecute or search")
    NONE = "none", _("None (not a wanted notice)")


class CaseDirection(models.TextChoices):
    INCOMING = "incoming", _("Request from the partner")
    OUTGOING = "outgoing", _("Request to the partner")


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted")
    TRACING = "tracing", _("Tracing")
    LOCATED = "located", _("Located")
    DETAINED = "detained", _("Detained")
    DEPORTED = "deported", _("Deported")
    EXTRADITED = "extradited", _("Extradited")
    HANDED_OVER = "handed_over", _("Handed over")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    NOT_FOUND = "not_found", _("Not found")
    EXPIRED = "expired", _("Expired")


class Priority(models.IntegerChoices):
    TIER_1 = 1, _("Tier 1 – most urgent")
    TIER_2 = 2, _("Tier 2")
    TIER_3 = 3, _("Tier 3")


class CaseEventKind(models.TextChoices):
    OPENED = "opened", _("Opened")
    TRANSITION = "transition", _("Status change")
    NOTE = "note", _("Note")
    DOCUMENT = "document", _("Document added")
    ACKNOWLEDGED = "acknowledged", _("Acknowledgement sent")
    PROGRESS_REPORT = "progress_report", _("Progress report sent")
    SCREENING_HIT = "screening_hit", _("Screening hit confirmed")


# The timeline entries the case's partner agency reads (docs/decisions/0022): the opening, the status changes
# and what was sent to it. Notes, documents and screening hits are the owner's internal work.
PARTNER_EVENT_KINDS = frozenset(
    {CaseEventKind.OPENED, CaseEventKind.TRANSITION, CaseEventKind.ACKNOWLEDGED, CaseEventKind.PROGRESS_REPORT}
)


class CaseDocumentKind(models.TextChoices):
    REQUEST = "request", _("Request")
    WARRANT = "warrant", _("Warrant or judgment")
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement")
    PROGRESS_REPORT = "progress_report", _("Progress report")
    IDENTIFICATION = "identification", _("Identification material")
    HANDOVER = "handover", _("Handover record")
    OTHER = "other", _("Other")
