"""Choice sets of the people register (see docs/glossary.md and docs/decisions/0010-desk-model.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NameKind(models.TextChoices):
    NATIVE = "native", _("Native (as the person writes it)")
    PASSPORT = "passport", _("Passport spelling")
    ALIAS = "alias", _("Alias")
    TRANSCRIPTION = "transcription", _("Transcription by a partner")
    NICKNAME = "nickname", _("Nickname")
    FORMER = "former", _("Former name")


class Script(models.TextChoices):
    """ISO 15924 script codes."""

    LATIN = "Latn", _("Latin")
    HANGUL = "Hang", _("Hangul")
    HAN_SIMPLIFIED = "Hans", _("Han (simplified)")
    HAN_TRADITIONAL = "Hant", _("Han (traditional)")
    HAN = "Hani", _("Han (Hanja / unspecified)")
    CYRILLIC = "Cyrl", _("Cyrillic")
    OTHER = "Zyyy", _("Other")


class Sex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")
    UNKNOWN = "U", _("Unknown")


class DocumentType(models.TextChoices):
    PASSPORT = "passport", _("Passport")
    NATIONAL_ID = "national_id", _("National identity card")
    RESIDENCE_PERMIT = "residence_permit", _("Residence permit")
    VISA = "visa", _("Visa")
    DRIVING_LICENCE = "driving_licence", _("Driving licence")
    SEAMAN = "seaman", _("Seafarer's identity document")
    TRAVEL_DOCUMENT = "travel_document", _("Other travel document")
    OTHER = "other", _("Other")


class AddressKind(models.TextChoices):
    RESIDENCE = "residence", _("Residence")
    TEMPORARY = "temporary", _("Temporary residence")
    WORK = "work", _("Place of work")
    LAST_KNOWN = "last_known", _("Last known whereabouts")
    HOTEL = "hotel", _("Hotel or short stay")


class ContactKind(models.TextChoices):
    PHONE = "phone", _("Telephone")
    EMAIL = "email", _("E-mail")
    MESSENGER = "messenger", _("Messenger account")
    SOCIAL = "social", _("Social network account")
    OTHER = "other", _("Other")
