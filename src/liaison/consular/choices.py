"""Choice sets of the citizens-abroad domain (words from docs/glossary.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    NATIONAL_ABROAD = "abroad", _("Our national abroad")
    FOREIGNER_HERE = "held_here", _("Foreign national held here")


class Situation(models.TextChoices):
    ARRESTED = "arrested", _("Arrested")
    PRE_TRIAL = "pre_trial", _("Detained pending trial")
    IMPRISONED = "imprisoned", _("Imprisoned")
    VICTIM = "victim", _("Victim of a crime")
    MISSING = "missing", _("Missing")
    DECEASED = "deceased", _("Deceased")
    DISTRESS = "distress", _("In distress")


# The situations in which the person is held: consular notification, visits and hearings apply.
HELD = frozenset({Situation.ARRESTED, Situation.PRE_TRIAL, Situation.IMPRISONED})


class VictimOf(models.TextChoices):
    TRAFFICKING = "trafficking", _("Human trafficking")
    FRAUD = "fraud", _("Fraud")
    LABOUR_ABUSE = "labour_abuse", _("Labour abuse")
    ASSAULT = "assault", _("Assault")
    OTHER = "other", _("Other crime")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    NOTIFIED = "notified", _("Consulate notified")
    FOLLOW_UP = "follow_up", _("Under follow-up")
    CLOSED = "closed", _("Closed")


class Consent(models.TextChoices):
    UNKNOWN = "unknown", _("Not asked yet")
    REQUESTED = "requested", _("Asked for the consulate to be told")
    DECLINED = "declined", _("Declined")


class TransferConsent(models.TextChoices):
    UNKNOWN = "unknown", _("Not asked yet")
    GIVEN = "given", _("Consents to a transfer")
    REFUSED = "refused", _("Refuses a transfer")


class EventKind(models.TextChoices):
    OPENED = "opened", _("Case opened")
    TRANSITION = "transition", _("Status changed")
    NOTIFICATION = "notification", _("Consular notification sent")
    ACKNOWLEDGED = "acknowledged", _("Notification acknowledged")
    VISIT = "visit", _("Consular visit")
    HEARING = "hearing", _("Hearing")
    TRANSFER = "transfer", _("Transfer between facilities")
    RELEASE = "release", _("Release")
    REPATRIATION = "repatriation", _("Repatriation")
    DEATH = "death", _("Death")
    NOTE = "note", _("Note")


# The events an officer records by hand (the others are written by the actions).
RECORDED_EVENTS = (
    EventKind.VISIT,
    EventKind.HEARING,
    EventKind.TRANSFER,
    EventKind.RELEASE,
    EventKind.REPATRIATION,
    EventKind.DEATH,
    EventKind.NOTE,
)


class FacilityKind(models.TextChoices):
    PRISON = "prison", _("Prison")
    DETENTION_CENTRE = "detention_centre", _("Detention centre")
    POLICE_CUSTODY = "police_custody", _("Police custody")
    IMMIGRATION = "immigration", _("Immigration detention")
    HOSPITAL = "hospital", _("Hospital")
    OTHER = "other", _("Other")


class NotifyBasis(models.TextChoices):
    ON_REQUEST = "on_request", _("On the person's request (VCCR art. 36)")
    MANDATORY = "mandatory", _("Mandatory, whatever the person asks")


class IncidentKind(models.TextChoices):
    FRAUD_RING = "fraud_ring", _("Fraud ring")
    TRAFFICKING = "trafficking", _("Human trafficking")
    ATTACK = "attack", _("Attack")
    LABOUR_ABUSE = "labour_abuse", _("Labour abuse")
    OTHER = "other", _("Other")


class AffectedGroup(models.TextChoices):
    BUSINESSPEOPLE = "business", _("Businesspeople")
    STUDENTS = "students", _("Students")
    WORKERS = "workers", _("Workers")
    VISITORS = "visitors", _("Visitors")
    RESIDENTS = "residents", _("Residents")
