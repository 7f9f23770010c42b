"""Choice sets of the cooperation registry (see docs/glossary.md and docs/decisions/0009-cooperation-model.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgreementKind(models.TextChoices):
    TREATY = "treaty", _("Treaty")
    AGREEMENT = "agreement", _("Agreement")
    MOU = "mou", _("Memorandum of understanding")
    PROTOCOL = "protocol", _("Protocol")
    ACTION_PROGRAMME = "action_programme", _("Coordinated action programme")
    PLAN = "plan", _("Plan")


class AgreementStatus(models.TextChoices):
    NEGOTIATING = "negotiating", _("Under negotiation")
    SIGNED = "signed", _("Signed")
    IN_FORCE = "in_force", _("In force")
    EXPIRED = "expired", _("Expired")
    TERMINATED = "terminated", _("Terminated")
    ABANDONED = "abandoned", _("Negotiation abandoned")


class Renewal(models.TextChoices):
    NONE = "none", _("No renewal")
    AUTOMATIC = "automatic", _("Automatic renewal")
    BY_AGREEMENT = "by_agreement", _("Renewal by agreement of the parties")


class DocumentKind(models.TextChoices):
    ORIGINAL = "original", _("Original text")
    TRANSLATION = "translation", _("Translation")


class LinkKind(models.TextChoices):
    """How one agreement relates to another: read as "<from> implements / amends / replaces <to>"."""

    IMPLEMENTS = "implements", _("implements")
    AMENDS = "amends", _("amends")
    REPLACES = "replaces", _("replaces")


# The same relation read from the other end ("<to> is implemented by <from>").
LINK_INVERSE_LABELS = {
    LinkKind.IMPLEMENTS: _("implemented by"),
    LinkKind.AMENDS: _("amended by"),
    LinkKind.REPLACES: _("replaced by"),
}


class ActionItemStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DELAYED = "delayed", _("Delayed")
    DROPPED = "dropped", _("Dropped")


class EngagementKind(models.TextChoices):
    TALKS = "talks", _("Talks")
    DELEGATION_VISIT = "delegation_visit", _("Delegation visit")
    DIALOGUE = "dialogue", _("Dialogue")
    CONFERENCE = "conference", _("Conference")
    MULTILATERAL = "multilateral", _("Multilateral meeting")
    CULTURAL_EXCHANGE = "cultural_exchange", _("Cultural exchange")
    SPORTS_EXCHANGE = "sports_exchange", _("Sports exchange")
    OTHER = "other", _("Other")


class Direction(models.TextChoices):
    INCOMING = "incoming", _("Incoming (partner delegation visits us)")
    OUTGOING = "outgoing", _("Outgoing (our delegation visits the partner)")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class Level(models.TextChoices):
    MINISTERIAL = "ministerial", _("Ministerial")
    DEPUTY_MINISTERIAL = "deputy_ministerial", _("Deputy ministerial")
    DIRECTOR_GENERAL = "director_general", _("Director general")
    DEPARTMENT = "department", _("Department")
    WORKING = "working", _("Working level")


class Side(models.TextChoices):
    HOME = "home", _("Our side")
    PARTNER = "partner", _("Partner side")


class TrainingTopic(models.TextChoices):
    LANGUAGE = "language", _("Language")
    LAW_ENFORCEMENT = "law_enforcement", _("Law enforcement")
    HI_TECH_CRIME = "hi_tech_crime", _("Hi-tech crime investigation")
    TELECOM_FRAUD = "telecom_fraud", _("Telecom fraud")
    INTERNET_CRIME = "internet_crime", _("Internet crime")
    ELECTRONIC_EVIDENCE = "electronic_evidence", _("Electronic evidence recovery")
    CRIMINAL_SCIENCE = "criminal_science", _("Criminal science")
    TRAFFIC = "traffic", _("Traffic policing")
    OTHER = "other", _("Other")


class CapacityProjectKind(models.TextChoices):
    PROJECT = "project", _("Project")
    EQUIPMENT = "equipment", _("Equipment support")


class CapacityProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")
