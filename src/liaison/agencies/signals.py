"""Sign-in, sign-out and failed sign-in go to the audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.dispatch import receiver

from liaison.core import audit


@receiver(user_logged_in)
def _signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    with transaction.atomic():
        audit.record("auth.sign_in", actor=user, obj=user)


@receiver(user_logged_out)
def _signed_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        with transaction.atomic():
            audit.record("auth.sign_out", actor=user, obj=user)


@receiver(user_login_failed)
def _sign_in_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    name = str(credentials.get("username", ""))[:150]
    with transaction.atomic():
        audit.record(
            "auth.sign_in_failed",
            actor=name or "anonymous",
            object_type="agencies.user",
            object_repr=name,
        )
