"""Every write to agencies, units, users, roles, tokens and second factors (audited; see core/actions.py)."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from liaison.agencies.models import Agency, ApiToken, Role, Unit, User
from liaison.core import actions, audit


# --- agencies ------------------------------------------------------------------------------------------
def do_create_agency(data: dict[str, Any], *, actor: Any) -> Agency:
    actions.require(actor, "agency.manage")
    return actions.create(Agency, data, actor=actor, action="agency.create")


def do_update_agency(agency: Agency, data: dict[str, Any], *, actor: Any) -> Agency:
    actions.require(actor, "agency.manage")
    return actions.update(agency, data, actor=actor, action="agency.update")


# --- units ---------------------------------------------------------------------------------------------
def do_create_unit(data: dict[str, Any], *, actor: Any) -> Unit:
    actions.require(actor, "unit.manage")
    return actions.create(Unit, data, actor=actor, action="unit.create")


def do_update_unit(unit: Unit, data: dict[str, Any], *, actor: Any) -> Unit:
    actions.require(actor, "unit.manage")
    return actions.update(unit, data, actor=actor, action="unit.update")


def do_delete_unit(unit: Unit, *, actor: Any) -> None:
    actions.require(actor, "unit.manage")
    actions.delete(unit, actor=actor, action="unit.delete")


# --- users ---------------------------------------------------------------------------------------------
def do_create_user(data: dict[str, Any], *, password: str | None, actor: Any) -> User:
    """Create a user. With no password given the account can only be used after a password is set."""
    actions.require(actor, "user.manage")
    fields = dict(data)
    roles = fields.pop("roles", [])
    units = fields.pop("units", [])
    with transaction.atomic():
        user = User(**fields)
        if password:
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                raise ValidationError({"password": error.messages}) from None
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        user.roles.set(roles)
        user.units.set(units)
        audit.record("user.create", actor=actor, obj=user, after=audit.snapshot(user))
    return user


def do_update_user(user: User, data: dict[str, Any], *, actor: Any) -> User:
    actions.require(actor, "user.manage")
    updated = actions.update(user, data, actor=actor, action="user.update")
    updated.__dict__.pop("role_codes", None)
    updated.__dict__.pop("liaison_permissions", None)
    return updated


def do_set_password(user: User, password: str, *, actor: Any) -> None:
    """Set a password (the user themself, or a user manager). Signs the user out of every other session."""
    if actor.pk != user.pk:
        actions.require(actor, "user.manage")
    password_validation.validate_password(password, user)
    with transaction.atomic():
        user.set_password(password)
        user.security_stamp = secrets.token_hex(16)
        user.save(update_fields=["password", "security_stamp"])
        audit.record("user.set_password", actor=actor, obj=user)


def do_sign_out_everywhere(user: User, *, actor: Any) -> None:
    """End every session of the user on every device (their API tokens are left alone)."""
    if actor.pk != user.pk:
        actions.require(actor, "user.manage")
    with transaction.atomic():
        user.security_stamp = secrets.token_hex(16)
        user.save(update_fields=["security_stamp"])
        audit.record("user.sign_out_everywhere", actor=actor, obj=user)


def do_set_user_active(user: User, active: bool, *, actor: Any) -> User:
    actions.require(actor, "user.manage")
    with transaction.atomic():
        user.is_active = active
        user.security_stamp = secrets.token_hex(16)
        user.save(update_fields=["is_active", "security_stamp"])
        audit.record(
            "user.activate" if active else "user.deactivate",
            actor=actor,
            obj=user,
            before={"is_active": not active},
            after={"is_active": active},
        )
    return user


# --- roles and second factor ---------------------------------------------------------------------------
def do_update_role(role: Role, *, require_second_factor: bool, actor: Any) -> Role:
    actions.require(actor, "role.manage")
    return actions.update(role, {"require_second_factor": require_second_factor}, actor=actor, action="role.update")


def do_start_totp_enrolment(user: User, *, actor: Any) -> TOTPDevice:
    """Create (or restart) the user's unconfirmed authenticator; it becomes usable once a code is confirmed."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
        audit.record("user.totp_enrolment_start", actor=actor, obj=user)
    return device


def do_confirm_totp(device: TOTPDevice, token: str, *, actor: Any) -> bool:
    """Confirm an enrolment with a code from the app. Returns False (and records nothing) on a wrong code."""
    if not device.verify_token(token):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit.record("user.totp_confirm", actor=actor, obj=device.user)
    return True


def do_reset_second_factor(user: User, *, actor: Any) -> None:
    """Remove a user's authenticators (lost phone); they enrol again at their next sign-in."""
    if actor.pk != user.pk:
        actions.require(actor, "user.manage")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        audit.record("user.totp_reset", actor=actor, obj=user)


# --- API tokens ----------------------------------------------------------------------------------------
class SecondFactorRequired(PermissionDenied):
    """The token's user holds a role that requires a second factor and the creating session was not verified."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Your role requires a second factor: sign in with your authenticator code, then create the token "
                "from that session."
            )
        )


def do_create_api_token(
    user: User,
    *,
    name: str,
    read_only: bool = False,
    expires_at: datetime | None = None,
    second_factor: bool = False,
    actor: Any,
) -> tuple[ApiToken, str]:
    """Issue a token acting as `user`. Returns the token and its key; the key is never shown again.

    `second_factor`: the creating session was verified with an authenticator code. A user whose role requires
    one gets a token only from such a session (docs/decisions/0018-api-tokens.md). The expiry, if any, must lie
    ahead."""
    if actor.pk != user.pk:
        actions.require(actor, "token.manage")
    else:
        actions.require(actor, "token.own")
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError(
            {
                "expires_at": _(
                    "This time is in the past: choose when the token should stop working, or leave it empty for a "
                    "token that lasts until revoked."
                )
            }
        )
    if user.requires_second_factor and not second_factor:
        raise SecondFactorRequired
    key = ApiToken.new_key()
    with transaction.atomic():
        token = ApiToken(user=user, name=name, read_only=read_only, expires_at=expires_at, second_factor=second_factor)
        token.set_key(key)
        token.full_clean()
        token.save()
        audit.record("api_token.create", actor=actor, obj=token, after=audit.snapshot(token), agency=user.agency)
    return token, key


def do_revoke_api_token(token: ApiToken, *, actor: Any) -> ApiToken:
    if actor.pk != token.user_id:
        actions.require(actor, "token.manage")
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit.record("api_token.revoke", actor=actor, obj=token, agency=token.user.agency)
    return token
