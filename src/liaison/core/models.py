"""Shared base models and the audit trail."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.core import checks  # noqa: F401  (registers Liaison's system checks)
from liaison.core.choices import TLP, HandlingCode


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or delete an audit record."""


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("The audit trail is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("The audit trail is append-only.")


class AuditEvent(models.Model):
    """One audited event. Append-only; each record carries the hash of the previous one and a keyed hash of its
    own (see core/audit.py)."""

    CHANNELS: ClassVar[list[tuple[str, Any]]] = [
        ("ui", _("web page")),
        ("api", _("API")),
        ("cli", _("command line")),
        ("job", _("background job")),
        ("federation", _("partner node")),
    ]

    seq = models.BigIntegerField(_("sequence"), unique=True)
    occurred_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField(_("actor name"), max_length=150, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True, db_index=True)
    channel = models.CharField(_("channel"), max_length=16, choices=CHANNELS)
    ip_address = models.CharField(_("address"), max_length=45, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)
    # HMAC-SHA256 of `hash` with the node's audit key, which the database never holds (core/audit_anchor.py);
    # empty only on records written before keyed hashing, until `liaison audit seal` keys them.
    mac = models.CharField(_("keyed hash"), max_length=64, blank=True, default="")

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("audit record")
        verbose_name_plural = _("audit records")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("The audit trail is append-only.")


class AuditHead(models.Model):
    """A single row holding the hash of the last audit record; locked while a record is appended."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_hash = models.CharField(max_length=64)
    last_seq = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self) -> str:
        return f"head #{self.last_seq}"


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class AgencyOwnedModel(TimeStampedModel):
    """A record that belongs to one agency. Other agencies see it only when it is shared with them."""

    owner = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("owning agency"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True


class Share(models.Model):
    """A record shared by its owning agency with another agency, under a handling code and a TLP label."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("shared with"), on_delete=models.PROTECT, related_name="shares_received"
    )
    handling_code = models.CharField(_("handling code"), max_length=2, choices=HandlingCode.choices)
    handling_note = models.CharField(_("other restrictions"), max_length=500, blank=True)
    tlp = models.CharField(_("TLP"), max_length=12, choices=TLP.choices, default=TLP.AMBER)
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    shared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("share")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "agency"], name="share_unique_per_agency"),
        ]
        indexes = [models.Index(fields=["content_type", "agency", "object_id"])]

    def __str__(self) -> str:
        return f"{self.content_type.model}:{self.object_id} → {self.agency_id} ({self.handling_code})"


class ReadEventQuerySet(models.QuerySet["ReadEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("The read log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("The read log is append-only: records leave it only by age (core.reads.prune).")

    def prune(self) -> int:
        """Remove these records (the retention sweep only, core/reads.py)."""
        deleted, _by_model = models.QuerySet.delete(self)
        return deleted


class ReadEvent(models.Model):
    """One read of personal data: a record opened, a search, a file downloaded, an export (core/reads.py;
    docs/decisions/0024-read-log.md). Append-only, outside the audit chain; kept LIAISON_READ_LOG_DAYS."""

    VIEW = "view"
    SEARCH = "search"
    DOWNLOAD = "download"
    EXPORT = "export"
    LIST = "list"
    KINDS: ClassVar[list[tuple[str, Any]]] = [
        (VIEW, _("record opened")),
        (SEARCH, _("search")),
        (DOWNLOAD, _("file downloaded")),
        (EXPORT, _("export")),
        (LIST, _("list read (API)")),
    ]

    occurred_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    user_name = models.CharField(_("user name"), max_length=150, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind of read"), max_length=10, choices=KINDS)
    object_type = models.CharField(_("object type"), max_length=100, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    terms = models.JSONField(_("search terms"), default=dict, blank=True)
    terms_text = models.CharField(_("search terms"), max_length=500, blank=True)
    result_count = models.PositiveIntegerField(_("records in the answer"), null=True, blank=True)
    channel = models.CharField(_("channel"), max_length=16, choices=AuditEvent.CHANNELS)
    request_id = models.CharField(_("request id"), max_length=64, blank=True, db_index=True)
    ip_address = models.CharField(_("address"), max_length=45, blank=True)

    objects = ReadEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("read of personal data")
        verbose_name_plural = _("reads of personal data")

    def __str__(self) -> str:
        return f"{self.user_name} {self.kind} {self.object_type} {self.object_id}".strip()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("The read log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("The read log is append-only.")


from liaison.core.fulltext.models import FulltextEntry  # noqa: E402, F401  (the full-text index's table: core/fulltext)
