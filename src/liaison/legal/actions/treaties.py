"""Treaty terms and their central authorities (audited). Only the owning agency's legal officers and supervisors
(`legal.configure`) change them; terms that requests rest on are not deleted."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from liaison.core import access, actions
from liaison.legal.access import CONFIGURE_PERMISSION
from liaison.legal.models import CentralAuthority, TreatyTerms


def _check(data: Mapping[str, Any], actor: Any) -> dict[str, Any]:
    fields = dict(data)
    if "owner" in fields:
        raise ValidationError({"owner": _("This field cannot be set here.")})
    agreement = fields.get("agreement")
    if agreement is not None:
        model = type(agreement)
        if not access.restrict(model._default_manager.filter(pk=agreement.pk), actor).exists():
            raise ValidationError({"agreement": _("No such agreement.")})
    partner = fields.get("partner")
    if partner is not None and partner.pk == actor.agency_id:
        raise ValidationError({"partner": _("The partner is another agency than one's own.")})
    return fields


def do_create_treaty_terms(data: Mapping[str, Any], *, actor: Any) -> TreatyTerms:
    actions.require(actor, CONFIGURE_PERMISSION)
    fields = _check(data, actor)
    fields["owner"] = actor.agency
    return actions.create(TreatyTerms, fields, actor=actor, action="treaty_terms.create")


def do_update_treaty_terms(terms: TreatyTerms, data: Mapping[str, Any], *, actor: Any) -> TreatyTerms:
    actions.require(actor, CONFIGURE_PERMISSION)
    actions.require_owner(terms, actor, CONFIGURE_PERMISSION)
    return actions.update(terms, _check(data, actor), actor=actor, action="treaty_terms.update")


def do_delete_treaty_terms(terms: TreatyTerms, *, actor: Any) -> None:
    actions.require(actor, CONFIGURE_PERMISSION)
    actions.require_owner(terms, actor, CONFIGURE_PERMISSION)
    actions.delete_unreferenced(terms, actor=actor, action="treaty_terms.delete")


def do_create_central_authority(data: Mapping[str, Any], *, actor: Any) -> CentralAuthority:
    return actions.create_child(
        CentralAuthority,
        data,
        parent="terms",
        permission=CONFIGURE_PERMISSION,
        actor=actor,
        action="central_authority.create",
    )


def do_delete_central_authority(authority: CentralAuthority, *, actor: Any) -> None:
    actions.delete_child(
        authority, parent="terms", permission=CONFIGURE_PERMISSION, actor=actor, action="central_authority.delete"
    )
