"""Choice sets of legal requests (see docs/glossary.md and docs/decisions/0041-legal-requests.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TreatyBasis(models.TextChoices):
    """What a legal request rests on."""

    BILATERAL = "bilateral", _("Bilateral treaty")
    MULTILATERAL = "multilateral", _("Multilateral convention")
    RECIPROCITY = "reciprocity", _("Reciprocity")


class RequestKind(models.TextChoices):
    EXTRADITION = "extradition", _("Extradition")
    MLA = "mla", _("Mutual legal assistance")
    VERIFICATION = "verification", _("Verification")
    TRANSFER = "transfer", _("Transfer of sentenced persons")


class RequestSubkind(models.TextChoices):
    PROVISIONAL_ARREST = "provisional_arrest", _("Provisional arrest")
    FORMAL_REQUEST = "formal_request", _("Formal extradition request")
    TAKING_EVIDENCE = "taking_evidence", _("Taking evidence")
    SERVICE_OF_DOCUMENTS = "service_of_documents", _("Service of documents")
    SEARCH_AND_SEIZURE = "search_and_seizure", _("Search and seizure")
    FREEZING = "freezing", _("Freezing and confiscation")
    VIDEO_HEARING = "video_hearing", _("Hearing by video link")
    RECORDS = "records", _("Bank or telecom records")
    ELECTRONIC_EVIDENCE = "electronic_evidence", _("Electronic evidence")
    IDENTITY = "identity", _("Identity")
    CRIMINAL_RECORD = "criminal_record", _("Criminal record")
    NATIONALITY = "nationality", _("Nationality")
    WHEREABOUTS = "whereabouts", _("Whereabouts")
    DOCUMENT_AUTHENTICITY = "document_authenticity", _("Document authenticity")
    TRANSFER = "transfer", _("Transfer of a sentenced person")


SUBKINDS: dict[str, tuple[str, ...]] = {
    RequestKind.EXTRADITION: (RequestSubkind.PROVISIONAL_ARREST, RequestSubkind.FORMAL_REQUEST),
    RequestKind.MLA: (
        RequestSubkind.TAKING_EVIDENCE,
        RequestSubkind.SERVICE_OF_DOCUMENTS,
        RequestSubkind.SEARCH_AND_SEIZURE,
        RequestSubkind.FREEZING,
        RequestSubkind.VIDEO_HEARING,
        RequestSubkind.RECORDS,
        RequestSubkind.ELECTRONIC_EVIDENCE,
    ),
    RequestKind.VERIFICATION: (
        RequestSubkind.IDENTITY,
        RequestSubkind.CRIMINAL_RECORD,
        RequestSubkind.NATIONALITY,
        RequestSubkind.WHEREABOUTS,
        RequestSubkind.DOCUMENT_AUTHENTICITY,
    ),
    RequestKind.TRANSFER: (RequestSubkind.TRANSFER,),
}
"""The sub-kinds of each kind of request."""

# Kinds whose request is about one person (the person is required).
PERSON_KINDS = frozenset({RequestKind.EXTRADITION, RequestKind.TRANSFER})


class Direction(models.TextChoices):
    INCOMING = "incoming", _("Incoming (the partner asks us)")
    OUTGOING = "outgoing", _("Outgoing (we ask the partner)")


class Side(models.TextChoices):
    OURS = "ours", _("Our side")
    THEIRS = "theirs", _("Partner's side")


class RequestStatus(models.TextChoices):
    DRAFTING = "drafting", _("Drafting")
    LEGAL_REVIEW = "legal_review", _("Legal review")
    APPROVED = "approved", _("Approved")
    SENT = "sent", _("Sent")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    UNDER_EXECUTION = "under_execution", _("Under execution")
    PARTIALLY_EXECUTED = "partially_executed", _("Partially executed")
    EXECUTED = "executed", _("Executed")
    INFO_REQUESTED = "info_requested", _("Additional information requested")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    LAPSED = "lapsed", _("Lapsed")


class RefusalGround(models.TextChoices):
    """Grounds for refusal a treaty may allow (and make mandatory)."""

    OWN_NATIONALS = "own_nationals", _("The person is a national of the requested state")
    POLITICAL = "political", _("Political offence")
    MILITARY = "military", _("Military offence")
    DEATH_PENALTY = "death_penalty", _("Death penalty without assurance")
    DUAL_CRIMINALITY = "dual_criminality", _("No dual criminality")
    NE_BIS_IN_IDEM = "ne_bis_in_idem", _("Ne bis in idem (already tried)")
    LAPSE_OF_TIME = "lapse_of_time", _("Lapse of time")
    DISCRIMINATION = "discrimination", _("Discrimination (race, religion, nationality, political opinion)")
    SOVEREIGNTY = "sovereignty", _("Sovereignty, security or public order")
    TRANSFER_CONDITIONS = "transfer_conditions", _("Transfer conditions not met")


class EventKind(models.TextChoices):
    OPENED = "opened", _("Opened")
    STATUS = "status", _("Status changed")
    NOTE = "note", _("Note")
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement")
    ARREST = "arrest", _("Provisional arrest carried out")


class DocumentKind(models.TextChoices):
    WARRANT_OR_JUDGMENT = "warrant_or_judgment", _("Arrest warrant or judgment")
    STATEMENT_OF_FACTS = "statement_of_facts", _("Statement of facts")
    TEXT_OF_LAW = "text_of_law", _("Text of the law")
    IDENTITY = "identity", _("Identity and photographs")
    ASSURANCES = "assurances", _("Assurances")
    CONSENT = "consent", _("Consent of the sentenced person")
    RECEIPT = "receipt", _("Receipt from the partner")
    REQUEST_LETTER = "request_letter", _("Request letter")
    OTHER = "other", _("Other")


REQUIRED_DOCUMENTS: dict[str, tuple[str, ...]] = {
    RequestKind.EXTRADITION: (
        DocumentKind.WARRANT_OR_JUDGMENT,
        DocumentKind.STATEMENT_OF_FACTS,
        DocumentKind.TEXT_OF_LAW,
        DocumentKind.IDENTITY,
    ),
    RequestKind.MLA: (DocumentKind.STATEMENT_OF_FACTS, DocumentKind.TEXT_OF_LAW),
    RequestKind.VERIFICATION: (DocumentKind.STATEMENT_OF_FACTS,),
    RequestKind.TRANSFER: (DocumentKind.WARRANT_OR_JUDGMENT, DocumentKind.IDENTITY, DocumentKind.CONSENT),
}
"""The documents an outgoing request of each kind needs, each with a certified translation into a language the
treaty accepts when written in another."""
