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
