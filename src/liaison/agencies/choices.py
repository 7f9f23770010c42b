from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    POLICE = "police", _("Police")
    PROSECUTION = "prosecution", _("Prosecution")
    INTERIOR = "interior", _("Ministry of interior")
    JUSTICE = "justice", _("Ministry of justice")
    MULTILATERAL = "multilateral", _("Multilateral centre")


class UnitKind(models.TextChoices):
    DEPARTMENT = "department", _("Department")
    DESK = "desk", _("Desk")
    PROVINCIAL = "provincial", _("Provincial police")
    OFFICE = "office", _("Office")
    OTHER = "other", _("Other")


# The interface language an agency of a country writes its own name in (name_native), for the languages Liaison
# speaks: an agency shown in its own language needs no translation of its name.
COUNTRY_LANGUAGES: dict[str, str] = {
    "VN": "vi",
    "KR": "ko",
    "CN": "zh-hans",
    "RU": "ru",
    "FR": "fr",
    "BE": "fr",
    "GB": "en",
    "US": "en",
    "AU": "en",
}
