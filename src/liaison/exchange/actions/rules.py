"""The exchange rules of an agency (approval, review periods), set by the node administrator (audited)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from liaison.core import actions
from liaison.core.choices import HandlingCode
from liaison.exchange.access import CONFIGURE_PERMISSION
from liaison.exchange.models import ExchangeRules


def _check(data: Mapping[str, Any]) -> None:
    codes = data.get("approval_codes", [])
    if not isinstance(codes, list) or any(code not in HandlingCode.values for code in codes):
        raise ValidationError({"approval_codes": _("Choose handling codes from H0, H1, H2, H3.")})


def do_create_rules(data: Mapping[str, Any], *, actor: Any) -> ExchangeRules:
    actions.require(actor, CONFIGURE_PERMISSION)
    _check(data)
    return actions.create(ExchangeRules, data, actor=actor, action="exchange_rules.create")


def do_update_rules(rules: ExchangeRules, data: Mapping[str, Any], *, actor: Any) -> ExchangeRules:
    actions.require(actor, CONFIGURE_PERMISSION)
    if "owner" in data and data["owner"] != rules.owner:
        raise ValidationError({"owner": _("The rules stay with their agency.")})
    _check(data)
    return actions.update(rules, data, actor=actor, action="exchange_rules.update")
