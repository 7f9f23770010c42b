"""Choice sets shared by every domain (see docs/glossary.md for the meaning of each value)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HandlingCode(models.TextChoices):
    """Europol SIENA handling codes: what the recipient may do with shared information."""

    H0 = "H0", _("H0 – use only for preventing and combating crime")
    H1 = "H1", _("H1 – not for judicial proceedings without the provider's permission")
    H2 = "H2", _("H2 – no onward dissemination without permission")
    H3 = "H3", _("H3 – other restrictions (stated)")


class TLP(models.TextChoices):
    """Traffic Light Protocol 2.0."""

    CLEAR = "CLEAR", _("TLP:CLEAR")
    GREEN = "GREEN", _("TLP:GREEN")
    AMBER = "AMBER", _("TLP:AMBER")
    AMBER_STRICT = "AMBER+STRICT", _("TLP:AMBER+STRICT")
    RED = "RED", _("TLP:RED")


class SourceReliability(models.TextChoices):
    A = "A", _("A – no doubt about the source's reliability")
    B = "B", _("B – source usually reliable")
    C = "C", _("C – source not usually reliable")
    X = "X", _("X – reliability cannot be assessed")


class InformationAccuracy(models.TextChoices):
    ONE = "1", _("1 – known to be true without reservation")
    TWO = "2", _("2 – known personally to the source, not to the officer")
    THREE = "3", _("3 – not known personally to the source, corroborated")
    FOUR = "4", _("4 – cannot be assessed")


class CrimeArea(models.TextChoices):
    DRUGS = "drugs", _("Drug trafficking")
    TERRORISM = "terrorism", _("Terrorism")
    CYBERCRIME = "cybercrime", _("Cybercrime and hi-tech crime")
    TELECOM_FRAUD = "telecom_fraud", _("Telecom fraud")
    INTERNET_CRIME = "internet_crime", _("Internet crime")
    ECONOMIC = "economic", _("Economic crime")
    CORRUPTION = "corruption", _("Corruption")
    MONEY_LAUNDERING = "money_laundering", _("Money laundering")
    HUMAN_TRAFFICKING = "human_trafficking", _("Human trafficking")
    ILLEGAL_MIGRATION = "illegal_migration", _("Illegal migration")
    INTELLECTUAL_PROPERTY = "intellectual_property", _("Intellectual-property crime")
    ECOMMERCE = "ecommerce", _("E-commerce crime")
    OTHER = "other", _("Other serious crime")


class NoticeKind(models.TextChoices):
    """INTERPOL notice colours."""

    RED = "red", _("Red – arrest with a view to extradition")
    BLUE = "blue", _("Blue – locate, identify or obtain information")
    GREEN = "green", _("Green – warning")
    YELLOW = "yellow", _("Yellow – missing person")
    BLACK = "black", _("Black – unidentified body")
    ORANGE = "orange", _("Orange – imminent threat")
    PURPLE = "purple", _("Purple – modus operandi")
