"""Writes of the personal calendar feed: create or rotate its secret, revoke it (audited); find the user of a key."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from liaison.cooperation.models import CalendarFeedToken
from liaison.core import audit


def hash_key(key: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"calendar-feed:{key}".encode(), hashlib.sha256).hexdigest()


def find_user(key: str) -> Any:
    """The active user whose unrevoked feed key this is, or None."""
    token = (
        CalendarFeedToken.objects.select_related("user", "user__agency")
        .filter(key_hash=hash_key(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return token.user if token else None


def do_rotate_calendar_feed(*, actor: Any) -> str:
    """Create the user's feed key, or replace it (the old URL stops working). Returns the new key, once."""
    if not getattr(actor, "is_authenticated", False) or getattr(actor, "is_system", False):
        raise PermissionDenied
    key = secrets.token_urlsafe(32)
    with transaction.atomic():
        token, created = CalendarFeedToken.objects.select_for_update().get_or_create(
            user=actor, defaults={"key_hash": hash_key(key), "created_at": timezone.now()}
        )
        before = None if created else {"created_at": token.created_at.isoformat(), "revoked": bool(token.revoked_at)}
        if not created:
            token.key_hash = hash_key(key)
            token.created_at = timezone.now()
            token.revoked_at = None
            token.save(update_fields=["key_hash", "created_at", "revoked_at"])
        audit.record(
            "calendar_feed.create" if created else "calendar_feed.rotate",
            actor=actor,
            obj=token,
            before=before,
            after={"created_at": token.created_at.isoformat()},
        )
    return key


def do_revoke_calendar_feed(*, actor: Any) -> None:
    """Stop the user's feed URL working (nothing happens when there is none)."""
    with transaction.atomic():
        token = CalendarFeedToken.objects.select_for_update().filter(user=actor, revoked_at__isnull=True).first()
        if token is None:
            return
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record("calendar_feed.revoke", actor=actor, obj=token, after={"revoked_at": token.revoked_at.isoformat()})
