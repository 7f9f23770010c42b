"""Federation: this node's identity and keys, its partner nodes, and the signed envelopes between them.

- `LocalNode` (one row): this node's id and public URL, and the agency it is run by. Its key pairs are `NodeKey`
  rows holding only the public half; each private half lives in a file of the node's var directory (mode 0600,
  keys.py) and never enters the database, a log, the audit trail or the API.
- `PartnerNode`: a paired node, its inbox, the fingerprint of the card it was paired with, active or suspended,
  and the agencies it serves — which are *remote* here (docs/decisions/0027-home-hosted-remote-agencies.md).
  Its public keys are `PartnerKey` rows with their validity (a rotated key stays valid for the overlap period).
- `Envelope`: one signed message, in the outbox (direction "out") or the inbox ("in"), keyed by its id; it keeps
  the signed form exactly as sent or received, its delivery state and the receipt. `EnvelopeAttachment`: the
  bytes an outgoing envelope carries by SHA-256.
- `InboxRefusal`: what the inbox refused, with the reason (the message may have no id or sender to file it by).
- `Origin`: a record received from a partner (a notice, its person), with the partner's id for it.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.federation.choices import Direction, EnvelopeState, KeyUse, PartnerStatus, Refusal


class LocalNode(models.Model):
    """This node (a single row, created by `liaison node init`)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    node_id = models.SlugField(_("node id"), max_length=64, unique=True)
    url = models.URLField(_("public address"), max_length=300)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("home agency"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("this node")

    def __str__(self) -> str:
        return self.node_id

    @property
    def inbox_url(self) -> str:
        return self.url.rstrip("/") + "/federation/inbox/"


class NodeKey(models.Model):
    """One of this node's key pairs: the public key here, the private key in its file (keys.py)."""

    kid = models.CharField(_("key id"), max_length=64, unique=True, help_text=_("RFC 7638 thumbprint."))
    use = models.CharField(_("use"), max_length=3, choices=KeyUse.choices)
    public_jwk = models.JSONField(_("public key"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    valid_until = models.DateTimeField(
        _("valid until"), null=True, blank=True, help_text=_("Set when a newer key replaces it (overlap period).")
    )
    is_current = models.BooleanField(_("current"), default=True)

    class Meta:
        ordering = ["use", "-created_at"]
        verbose_name = _("node key")
        verbose_name_plural = _("node keys")
        constraints = [
            models.UniqueConstraint(fields=["use"], condition=models.Q(is_current=True), name="one_current_key_per_use")
        ]

    def __str__(self) -> str:
        return f"{self.use}:{self.kid[:12]}"


class PartnerNode(models.Model):
    """A paired partner node."""

    node_id = models.SlugField(_("node id"), max_length=64, unique=True)
    url = models.URLField(_("public address"), max_length=300)
    inbox_url = models.URLField(_("inbox"), max_length=300)
    fingerprint = models.CharField(_("fingerprint"), max_length=64, help_text=_("Of the card it was paired with."))
    card = models.JSONField(_("card"))
    status = models.CharField(_("status"), max_length=12, choices=PartnerStatus.choices, default=PartnerStatus.ACTIVE)
    agencies = models.ManyToManyField(
        "agencies.Agency", verbose_name=_("agencies served"), related_name="partner_nodes", blank=True
    )
    paired_at = models.DateTimeField(_("paired"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["node_id"]
        verbose_name = _("partner node")
        verbose_name_plural = _("partner nodes")

    def __str__(self) -> str:
        return self.node_id

    @property
    def is_active(self) -> bool:
        return self.status == PartnerStatus.ACTIVE


class PartnerKey(models.Model):
    """A partner node's public key, valid from `valid_from` until `valid_until` (None: until replaced)."""

    partner = models.ForeignKey(PartnerNode, on_delete=models.CASCADE, related_name="keys")
    kid = models.CharField(_("key id"), max_length=64)
    use = models.CharField(_("use"), max_length=3, choices=KeyUse.choices)
    public_jwk = models.JSONField(_("public key"))
    valid_from = models.DateTimeField(_("valid from"), default=timezone.now)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["use", "-valid_from"]
        verbose_name = _("partner key")
        verbose_name_plural = _("partner keys")
        constraints = [models.UniqueConstraint(fields=["partner", "kid"], name="partner_key_once")]

    def __str__(self) -> str:
        return f"{self.partner_id}:{self.use}:{self.kid[:12]}"


class Envelope(models.Model):
    """A signed message of the outbox or the inbox. `signed` is the compact JWS exactly as sent or received."""

    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices)
    envelope_id = models.CharField(_("message id"), max_length=64)
    partner = models.ForeignKey(
        PartnerNode, verbose_name=_("partner node"), on_delete=models.PROTECT, related_name="envelopes"
    )
    kind = models.CharField(_("kind"), max_length=100)
    sender_node = models.CharField(_("sender node"), max_length=64)
    sender_agency = models.CharField(_("sender agency"), max_length=32)
    recipient_node = models.CharField(_("recipient node"), max_length=64)
    recipient_agency = models.CharField(_("recipient agency"), max_length=32)
    created = models.DateTimeField(_("created"))
    payload = models.JSONField(_("payload"))
    handling_code = models.CharField(_("handling code"), max_length=2)
    tlp = models.CharField(_("TLP"), max_length=12)
    references = models.JSONField(_("references"), default=list, blank=True)
    signed = models.TextField(_("signed message"))
    state = models.CharField(_("state"), max_length=12, choices=EnvelopeState.choices, default=EnvelopeState.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    receipt = models.TextField(_("receipt"), blank=True, help_text=_("The receiving node's signed receipt."))
    done_at = models.DateTimeField(_("delivered or applied"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        constraints = [
            models.UniqueConstraint(fields=["direction", "envelope_id"], name="envelope_once_per_direction"),
        ]
        indexes = [
            models.Index(fields=["direction", "state", "next_attempt_at"]),
            models.Index(fields=["partner", "direction", "state"]),
            # A case's request or opening sent to the partner, looked up for each of its timeline entries (desk):
            # without it, a scan of every envelope sent to the partner (decision 0055).
            models.Index(fields=["partner", "direction", "kind"], name="federation_envelope_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.envelope_id}"


class EnvelopeAttachment(models.Model):
    """Bytes an outgoing envelope carries, named in the signed envelope by their SHA-256."""

    envelope = models.ForeignKey(Envelope, on_delete=models.CASCADE, related_name="attachments")
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    name = models.CharField(_("name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    data = models.BinaryField(_("content"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class InboxRefusal(models.Model):
    """A message the inbox refused: nothing of it was applied."""

    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    reason = models.CharField(_("reason"), max_length=24, choices=Refusal.choices)
    detail = models.TextField(_("detail"), blank=True)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"))
    envelope_id = models.CharField(_("message id"), max_length=64, blank=True)
    sender_node = models.CharField(_("sender node"), max_length=64, blank=True)
    kind = models.CharField(_("kind"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    ip_address = models.CharField(_("address"), max_length=45, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("refused message")
        verbose_name_plural = _("refused messages")

    def __str__(self) -> str:
        return f"{self.reason} {self.envelope_id}"


class Origin(models.Model):
    """A record received from a partner node: which node and agency sent it, under which id there, and the last
    envelope that wrote it. The record itself is owned here by the sending agency and is read-only."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    partner = models.ForeignKey(PartnerNode, verbose_name=_("partner node"), on_delete=models.PROTECT, related_name="+")
    remote_id = models.CharField(_("id on the partner node"), max_length=64)
    envelope_id = models.CharField(_("last message"), max_length=64)
    received_at = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        verbose_name = _("origin")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="origin_once_per_record"),
            models.UniqueConstraint(fields=["partner", "content_type", "remote_id"], name="origin_once_per_remote_id"),
        ]

    def __str__(self) -> str:
        return f"{self.partner_id}:{self.remote_id}"
