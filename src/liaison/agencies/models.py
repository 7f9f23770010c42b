"""Agencies, their units, users, roles and API tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from liaison.agencies.choices import COUNTRY_LANGUAGES, AgencyKind, UnitKind
from liaison.core.models import TimeStampedModel
from liaison.core.permissions import ROLE_CHOICES, permissions_for


class Agency(TimeStampedModel):
    """A law-enforcement or justice body: the node's own (home) agency, a partner, or a multilateral centre."""

    code = models.SlugField(
        _("code"),
        max_length=32,
        unique=True,
        help_text=_("Short stable identifier, e.g. VN-MPS or KR-KNPA."),
    )
    country = CountryField(_("country"), blank=True, help_text=_("Empty for a multilateral centre."))
    name_native = models.CharField(_("official name (own language)"), max_length=255)
    name_en = models.CharField(_("official name (English)"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=40)
    name_translations = models.JSONField(
        _("official name in other languages"),
        default=dict,
        blank=True,
        help_text=_('The name as each interface language writes it, by language code, e.g. {"ko": "베트남 공안부"}.'),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices)
    is_home = models.BooleanField(_("home agency"), default=False, help_text=_("The agency that runs this node."))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["-is_home", "country", "short_name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = [
            models.UniqueConstraint(fields=["is_home"], condition=models.Q(is_home=True), name="one_home_agency"),
        ]

    def __str__(self) -> str:
        return self.short_name

    def clean(self) -> None:
        super().clean()
        names = self.name_translations
        if not isinstance(names, dict):
            raise ValidationError({"name_translations": _("Give the names as an object of language code and name.")})
        languages = {code for code, _label in settings.LANGUAGES}
        for code, name in names.items():
            if code not in languages:
                raise ValidationError(
                    {"name_translations": _("%(code)s is not a language of this node.") % {"code": code}}
                )
            if not isinstance(name, str) or not name.strip() or len(name) > 255:
                raise ValidationError(
                    {
                        "name_translations": _("The name in %(code)s must be text of 1 to 255 characters.")
                        % {"code": code}
                    }
                )
        self.name_translations = {code: unicodedata.normalize("NFC", name.strip()) for code, name in names.items()}

    def name_for(self, language: str | None = None) -> str:
        """The official name as the interface language writes it: its translation for that language, the name in
        the agency's own language when that is the interface's, else the English name."""
        language = (language or get_language() or settings.LANGUAGE_CODE).lower()
        translated = (self.name_translations or {}).get(language)
        if translated:
            return str(translated)
        if self.country and COUNTRY_LANGUAGES.get(str(self.country)) == language:
            return self.name_native
        return self.name_en or self.name_native

    @property
    def display_name(self) -> str:
        """The official name in the language of the current request (name_for)."""
        return self.name_for()

    @property
    def other_names(self) -> list[str]:
        """The official name in the agency's own language and in English, where they differ from display_name."""
        shown = self.display_name
        return list(dict.fromkeys(name for name in (self.name_native, self.name_en) if name and name != shown))


class Unit(TimeStampedModel):
    """A department, desk or provincial police inside an agency."""

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="units")
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices, default=UnitKind.DEPARTMENT)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["agency__short_name", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="unit_name_unique_in_agency")]

    def __str__(self) -> str:
        return self.name


class Role(models.Model):
    """A role and its node-wide settings; what each role may do is defined in core/permissions.py."""

    code = models.CharField(_("code"), max_length=32, unique=True, choices=ROLE_CHOICES)
    require_second_factor = models.BooleanField(
        _("second factor required"),
        default=False,
        help_text=_("Holders must sign in with an authenticator code (TOTP)."),
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return str(self.get_code_display())


class LiaisonUserManager(UserManager["User"]):
    def get_queryset(self) -> models.QuerySet[User]:
        return super().get_queryset().select_related("agency")


class User(AbstractUser):
    """A person who signs in. Belongs to exactly one agency, optionally to units, and holds roles."""

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="users")
    units = models.ManyToManyField(Unit, verbose_name=_("units"), blank=True, related_name="members")
    roles = models.ManyToManyField(Role, verbose_name=_("roles"), blank=True, related_name="users")
    preferred_language = models.CharField(_("language"), max_length=10, blank=True)
    security_stamp = models.CharField(max_length=64, default=secrets.token_hex, editable=False)

    REQUIRED_FIELDS = ["email", "agency"]
    objects: ClassVar[LiaisonUserManager] = LiaisonUserManager()

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @cached_property
    def role_codes(self) -> frozenset[str]:
        return frozenset(self.roles.values_list("code", flat=True))

    @cached_property
    def liaison_permissions(self) -> frozenset[str]:
        return permissions_for(self.role_codes)

    def has_liaison_perm(self, permission: str) -> bool:
        return self.is_active and permission in self.liaison_permissions

    @property
    def requires_second_factor(self) -> bool:
        return self.roles.filter(require_second_factor=True).exists()

    def get_session_auth_hash(self) -> str:
        # Covers the security stamp: changing it signs the user out of every session ("sign out everywhere").
        return salted_hmac(
            "liaison.agencies.User.get_session_auth_hash",
            f"{self.password}:{self.security_stamp}",
            algorithm="sha256",
        ).hexdigest()


def _hash_key(key: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), key.encode(), hashlib.sha256).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> ApiTokenQuerySet:
        now = timezone.now()
        return self.filter(revoked_at__isnull=True, user__is_active=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class ApiToken(models.Model):
    """A secret for a system client, acting as one user. Only its hash is kept; the key is shown once.

    Created only by a signed-in session, never by another token; where the user's role requires a second
    factor, only by a session verified with one, and only such a token is accepted (``second_factor``).
    """

    PREFIX_LENGTH = 8

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, help_text=_("What the client is, e.g. 'case import job'."))
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH, db_index=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    read_only = models.BooleanField(_("read only"), default=False)
    second_factor = models.BooleanField(
        _("created with a second factor"),
        default=False,
        editable=False,
        help_text=_("Created in a session verified with an authenticator code (docs/decisions/0018-api-tokens.md)."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def new_key() -> str:
        return "lia_" + secrets.token_urlsafe(32)

    def set_key(self, key: str) -> None:
        self.prefix = key[4 : 4 + self.PREFIX_LENGTH]
        self.key_hash = _hash_key(key)

    @classmethod
    def find(cls, key: str) -> ApiToken | None:
        return cls.objects.usable().select_related("user", "user__agency").filter(key_hash=_hash_key(key)).first()

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > timezone.now())

    def status(self) -> Any:
        if self.revoked_at is not None:
            return _("revoked")
        if self.expires_at is not None and self.expires_at <= timezone.now():
            return _("expired")
        return _("active")
