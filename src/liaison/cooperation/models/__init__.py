"""The cooperation registry: agreements, programmes and action items, engagements, training and capacity building.

Every top-level record is an AgencyOwnedModel (owner: the agency that records it). Child records (titles,
parties, documents, links, updates, participants, outcomes) have no owner of their own: they belong to their
parent and are reached through it (see access.py). Dates and places the public record does not give are
left empty, so screens can say "not recorded" — nothing is invented.

One module per aggregate; every model is imported here, where Django and the rest of the code find it.
"""

from liaison.cooperation.models.agreements import (
    Agreement,
    AgreementDocument,
    AgreementLink,
    AgreementParty,
    AgreementQuerySet,
    AgreementTitle,
    agreement_document_path,
)
from liaison.cooperation.models.capacity import CapacityProject, TrainingCourse
from liaison.cooperation.models.engagements import Engagement, EngagementParticipant, EngagementQuerySet, Outcome
from liaison.cooperation.models.feed import CalendarFeedToken
from liaison.cooperation.models.programmes import ActionItem, ActionItemQuerySet, ActionItemUpdate, Programme
from liaison.cooperation.models.validation import currency_validator, language_code_validator, validate_crime_areas

__all__ = [
    "ActionItem",
    "ActionItemQuerySet",
    "ActionItemUpdate",
    "Agreement",
    "AgreementDocument",
    "AgreementLink",
    "AgreementParty",
    "AgreementQuerySet",
    "AgreementTitle",
    "CalendarFeedToken",
    "CapacityProject",
    "Engagement",
    "EngagementParticipant",
    "EngagementQuerySet",
    "Outcome",
    "Programme",
    "TrainingCourse",
    "agreement_document_path",
    "currency_validator",
    "language_code_validator",
    "validate_crime_areas",
]
